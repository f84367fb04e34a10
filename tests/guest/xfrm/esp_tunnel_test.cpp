// ESP tunnels and transport through KernelIpsec in the ESP kernel: a ping between the protected
// addresses passes and the SA counters read through the API grow on both sides.
#include "tests/guest/xfrm/guest_esp_fixture.hpp"

namespace ravelin::test {
namespace {

TEST_F(GuestEsp, AesCbcHmacSha1TunnelCarriesPingIpv4) { run_case({}); }

TEST_F(GuestEsp, AesCbcHmacSha256TunnelCarriesPingIpv4) {
  run_case({.encryption_key = 32, .integrity = EspIntegrity::HmacSha256_128, .integrity_key = 32});
}

TEST_F(GuestEsp, AesGcmTunnelCarriesPingIpv4) {
  run_case({.encryption = EspEncryption::AesGcm16, .encryption_key = 20, .integrity = EspIntegrity::None,
            .integrity_key = 0});
}

TEST_F(GuestEsp, AesGcm256WithEsnAndWideWindowCarriesPingIpv6) {
  run_case({.encryption = EspEncryption::AesGcm16, .encryption_key = 36, .integrity = EspIntegrity::None,
            .integrity_key = 0, .ipv6 = true, .esn = true, .replay_window = 128});
}

TEST_F(GuestEsp, AesCbcHmacSha512TunnelCarriesPingIpv6) {
  run_case({.encryption_key = 24, .integrity = EspIntegrity::HmacSha512_256, .integrity_key = 64, .ipv6 = true});
}

TEST_F(GuestEsp, UdpEncapsulatedEspCarriesPingIpv4) {
  run_case({.encryption_key = 16, .integrity = EspIntegrity::HmacSha256_128, .integrity_key = 32, .encap = true});
}

TEST_F(GuestEsp, AesCbcHmacSha256TransportModeCarriesPingIpv4) {
  run_case({.encryption_key = 32, .integrity = EspIntegrity::HmacSha256_128, .integrity_key = 32,
            .mode = IpsecMode::Transport});
}

}  // namespace
}  // namespace ravelin::test
