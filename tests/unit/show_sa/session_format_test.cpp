// IOS `show crypto ikev2 session [detailed]` (cisco-cli.md §4.3, captures G6/G7) and
// `show crypto session [detail]` (§4.8, N2) from a real handshake and kernel statuses, byte for byte.
#include <gtest/gtest.h>

#include "ike/commands/show_session.hpp"
#include "tests/unit/show_sa/established_pair.hpp"
#include "tests/unit/show_sa/fake_dataplane.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;
using ike::commands::format_ios_crypto_session;
using ike::commands::format_ios_ikev2_session;

class SessionFormat : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(ep.establish({}, 38157s, &why)) << why;
    dp = std::make_unique<FakeDataplane>(ep.pair, ep.pair.a, ep.config_a());
    dp->mirror_kernel(true, {.bytes = 2048000, .packets = 1500, .replay_errors = 1, .integrity_errors = 2},
                      {.bytes = 1024, .packets = 1400});
    v = ike::commands::view_of(*dp, {{"cmap", "GigabitEthernet0/0"}});
    ASSERT_EQ(v.sas.size(), 1u);
    ASSERT_EQ(v.sas[0].children.size(), 1u);
  }
  std::string filled(const std::string& golden) const {
    const auto& sa = v.sas[0];
    return fill(golden, {{"ISPI", ios_spi(sa.spi_i)}, {"RSPI", ios_spi(sa.spi_r)}});
  }
  EstablishedPair ep;
  std::unique_ptr<FakeDataplane> dp;
  ike::commands::OperationalView v;
};

TEST_F(SessionFormat, BriefMatchesG7LayoutWithTwoSpacesAfterLocalSelector) {
  const std::string golden =
      "IPv4 Crypto IKEv2 Session \n"
      "\n"
      "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1\n"
      "\n"
      "Tunnel-id Local                 Remote                fvrf/ivrf            Status \n"
      "1         10.0.0.1/500          10.0.0.2/500          none/none            READY  \n"
      "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:19, Auth sign: PSK, Auth verify: PSK\n"
      "      Life/Active Time: 86400/38157 sec\n"
      "\n"
      "Child sa: local selector  192.168.1.0/0 - 192.168.1.255/65535\n"
      "          remote selector 192.168.2.0/0 - 192.168.2.255/65535\n"
      "          ESP spi in/out: 0xA0000001/0xB0000001  \n"
      "          \n"
      "\n"
      "IPv6 Crypto IKEv2 Session \n"
      "\n";
  EXPECT_EQ(format_ios_ikev2_session(v, false), golden);
}

TEST_F(SessionFormat, DetailedMatchesG6LayoutWithTrailingSpacesAndChildAlgorithms) {
  const std::string golden =
      "IPv4 Crypto IKEv2 Session \n"
      "\n"
      "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1\n"
      "\n"
      "Tunnel-id Local                 Remote                fvrf/ivrf            Status \n"
      "1         10.0.0.1/500          10.0.0.2/500          none/none            READY  \n"
      "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:19, Auth sign: PSK, Auth verify: PSK\n"
      "      Life/Active Time: 86400/38157 sec\n"
      "      CE id: 0, Session-id: 1\n"
      "      Status Description: Negotiation done\n"
      "      Local spi: {ISPI}       Remote spi: {RSPI}\n"
      "      Local id: 10.0.0.1\n"
      "      Remote id: 10.0.0.2\n"
      "      Local req msg id:  2              Remote req msg id:  0         \n"
      "      Local next msg id: 2              Remote next msg id: 0         \n"
      "      Local req queued:  2              Remote req queued:  0         \n"
      "      Local window:      1              Remote window:      1         \n"
      "      DPD configured for 0 seconds, retry 0\n"
      "      Fragmentation not  configured.\n"
      "      Dynamic Route Update: disabled\n"
      "      Extended Authentication not configured.\n"
      "      NAT-T is not detected  \n"
      "      Cisco Trust Security SGT is disabled\n"
      "      Initiator of SA : Yes\n"
      "Child sa: local selector 192.168.1.0/0 - 192.168.1.255/65535\n"
      "          remote selector 192.168.2.0/0 - 192.168.2.255/65535\n"
      "          ESP spi in/out: 0xA0000001/0xB0000001  \n"
      "          AH spi in/out: 0x0/0x0  \n"
      "          CPI in/out: 0x0/0x0  \n"
      "          Encr: AES-CBC, keysize: 256, esp_hmac: SHA256\n"
      "          ah_hmac: None, comp: IPCOMP_NONE, mode tunnel\n"
      "\n"
      "IPv6 Crypto IKEv2 Session \n"
      "\n";
  EXPECT_EQ(format_ios_ikev2_session(v, true), filled(golden));
}

TEST_F(SessionFormat, DetailedSaysWhyAChildIsNotInTheKernel) {
  dp->has_esp = false;
  dp->mirror_kernel(false);
  v = ike::commands::view_of(*dp, {});
  const auto text = format_ios_ikev2_session(v, true);
  EXPECT_NE(text.find("          % not installed: no ESP in this kernel: esp4 is not available\n"), std::string::npos)
      << text;
  EXPECT_EQ(format_ios_ikev2_session(v, false).find('%'), std::string::npos) << "the brief layout stays IOS's";
}

TEST_F(SessionFormat, CryptoSessionBriefFollowsTheDeviceLayout) {
  const std::string golden =
      "Crypto session current status\n"
      "\n"
      "Interface: GigabitEthernet0/0\n"
      "Profile: prof\n"
      "Session status: UP-ACTIVE     \n"
      "Peer: 10.0.0.2 port 500 \n"
      "  Session ID: 1  \n"
      "  IKEv2 SA: local 10.0.0.1/500 remote 10.0.0.2/500 Active \n"
      "  IPSEC FLOW: permit ip 192.168.1.0/255.255.255.0 192.168.2.0/255.255.255.0 \n"
      "        Active SAs: 2, origin: crypto map\n";
  EXPECT_EQ(format_ios_crypto_session(v, false), golden);
}

TEST_F(SessionFormat, CryptoSessionDetailCarriesKernelCountersAndLifetimes) {
  // 38157 s after the handshake the child's 3600 s are past (no timer ran in this test): the
  // remaining time is printed as 0, never negative.
  const auto& c = v.sas[0].children[0];
  ASSERT_LT(c.expire_at, v.now);
  const std::string golden =
      "Crypto session current status\n"
      " \n"
      "Code: C - IKE Configuration mode, D - Dead Peer Detection    \n"
      "K - Keepalives, N - NAT-traversal, T - cTCP encapsulation    \n"
      "X - IKE Extended Authentication, F - IKE Fragmentation\n"
      "R - IKE Auto Reconnect, U - IKE Dynamic Route Update\n"
      "S - SIP VPN\n"
      " \n"
      "Interface: GigabitEthernet0/0\n"
      "Profile: prof\n"
      "Uptime: 10:35:57\n"
      "Session status: UP-ACTIVE    \n"
      "Peer: 10.0.0.2 port 500 fvrf: (none) ivrf: (none)\n"
      "      Phase1_id: 10.0.0.2\n"
      "      Desc: (none)\n"
      "  Session ID: 1 \n"
      "  IKEv2 SA: local 10.0.0.1/500 remote 10.0.0.2/500 Active\n"
      "          Capabilities:(none) connid:1 lifetime:13:24:03\n"
      "  IPSEC FLOW: permit ip 192.168.1.0/255.255.255.0 192.168.2.0/255.255.255.0\n"
      "        Active SAs: 2, origin: crypto map\n"
      "        Inbound:  #pkts dec'ed 1500 drop 3 life (KB/Sec) 4606000/{LEFT}\n"
      "        Outbound: #pkts enc'ed 1400 drop 0 life (KB/Sec) 4607999/{LEFT}\n";
  EXPECT_EQ(format_ios_crypto_session(v, true), fill(golden, {{"LEFT", "0"}}));
}

TEST_F(SessionFormat, CryptoSessionWithoutEspShowsNoActiveSasAndTheReason) {
  dp->has_esp = false;
  dp->mirror_kernel(false);
  v = ike::commands::view_of(*dp, {{"cmap", "eth0"}});
  const auto text = format_ios_crypto_session(v, true);
  EXPECT_NE(text.find("        Active SAs: 0, origin: crypto map\n"
                      "        % not installed: no ESP in this kernel: esp4 is not available\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("#pkts"), std::string::npos) << "no counters when the kernel has none";
  EXPECT_NE(text.find("Interface: eth0\n"), std::string::npos);
}

TEST_F(SessionFormat, SessionStatesFollowTheIkeSaAndItsChildren) {
  auto sa = v.sas[0];
  EXPECT_STREQ(ike::commands::ios_session_status(sa), "UP-ACTIVE");
  sa.children.clear();
  EXPECT_STREQ(ike::commands::ios_session_status(sa), "UP-IDLE");
  sa.status = ike::engine::IkeStatus::AuthSent;
  EXPECT_STREQ(ike::commands::ios_session_status(sa), "DOWN-NEGOTIATING");
  sa.status = ike::engine::IkeStatus::Deleting;
  EXPECT_STREQ(ike::commands::ios_session_status(sa), "DOWN");
  EXPECT_EQ(ike::commands::hms(0), "00:00:00");
  EXPECT_EQ(ike::commands::hms(86400 + 61), "24:01:01");
}

TEST(SessionFormatEmpty, NoSessionsPrintsOnlyTheHeaders) {
  ike::commands::OperationalView v;
  EXPECT_EQ(format_ios_ikev2_session(v, true), "IPv4 Crypto IKEv2 Session \n\nIPv6 Crypto IKEv2 Session \n\n");
  EXPECT_EQ(format_ios_crypto_session(v, false), "Crypto session current status\n");
}

}  // namespace
}  // namespace ravelin::test
