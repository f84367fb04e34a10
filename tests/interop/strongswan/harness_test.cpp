// The interop harness itself: the parsers read the real tools' layouts, and two strongSwan charons
// in the namespace pair negotiate the seed proposal, which proves the namespaces, the private /run,
// the vici sockets and kernel-libipsec before any ravelin case depends on them.
#include <gtest/gtest.h>

#include "tests/interop/strongswan/interop_fixture.hpp"

namespace ravelin::test::interop {
namespace {

// `swanctl --list-sas` of strongSwan 5.9.8 (initiator side), as printed on this machine.
constexpr const char* kListSas = R"(peer: #1, ESTABLISHED, IKEv2, 7b2e2042757f5f3a_i* 95e9212d153ae238_r
  local  '192.0.2.1' @ 192.0.2.1[4500]
  remote '192.0.2.2' @ 192.0.2.2[4500]
  AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1536
  established 0s ago, rekeying in 13634s
  net: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_CBC-128/HMAC_SHA1_96
    installed 0s ago, rekeying in 3354s, expires in 3960s
    in  18f196f0,      0 bytes,     0 packets
    out 80bc1906,      0 bytes,     0 packets
    local  198.51.100.0/24
    remote 203.0.113.0/24
)";

TEST(InteropParse, ListSasReadsSpisRoleAlgorithmsAndChild) {
  auto sas = parse_list_sas(kListSas);
  ASSERT_EQ(sas.size(), 1u);
  EXPECT_EQ(sas[0].state, "ESTABLISHED");
  EXPECT_EQ(sas[0].spi_i, "7b2e2042757f5f3a");
  EXPECT_EQ(sas[0].spi_r, "95e9212d153ae238");
  EXPECT_TRUE(sas[0].local_is_initiator);
  EXPECT_EQ(sas[0].local, "192.0.2.1[4500]");
  EXPECT_EQ(sas[0].remote_id, "192.0.2.2");
  EXPECT_EQ(sas[0].algorithms, "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1536");
  ASSERT_EQ(sas[0].children.size(), 1u);
  const auto& c = sas[0].children[0];
  EXPECT_EQ(c.state, "INSTALLED");
  EXPECT_EQ(c.mode, "TUNNEL-in-UDP");
  EXPECT_EQ(c.algorithms, "ESP:AES_CBC-128/HMAC_SHA1_96");
  EXPECT_EQ(c.spi_in, "18f196f0");
  EXPECT_EQ(c.spi_out, "80bc1906");
  EXPECT_EQ(c.local_ts, "198.51.100.0/24");
  EXPECT_EQ(c.remote_ts, "203.0.113.0/24");
}

TEST(InteropParse, ListSasMarksTheResponderRoleAndIgnoresNoise) {
  auto sas = parse_list_sas("no files found matching '/etc/x'\npeer: #3, CONNECTING, IKEv2, "
                            "0011223344556677_i 0000000000000000_r*\n  local  '%any' @ 192.0.2.2[500]\n");
  ASSERT_EQ(sas.size(), 1u);
  EXPECT_EQ(sas[0].state, "CONNECTING");
  EXPECT_FALSE(sas[0].local_is_initiator);
  EXPECT_TRUE(sas[0].children.empty());
}

TEST(InteropParse, RavelinShowDetailedReadsTheIpv4Row) {
  const std::string text =
      " IPv4 Crypto IKEv2  SA \n\n"
      "Tunnel-id Local                 Remote                fvrf/ivrf            Status \n"
      "1         192.0.2.1/4500        192.0.2.2/4500        none/none            READY  \n"
      "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:5, Auth sign: PSK, Auth verify: PSK\n"
      "      Life/Active Time: 86400/3 sec\n"
      "      Local spi: 95E9212D153AE238       Remote spi: 7B2E2042757F5F3A\n"
      "      Local id: 192.0.2.1\n      Remote id: swan.example\n"
      "      NAT-T is detected  outside\n      Initiator of SA : No\n\n"
      " IPv6 Crypto IKEv2  SA \n\n";
  auto sas = parse_ravelin_sas(text);
  ASSERT_EQ(sas.size(), 1u);
  EXPECT_EQ(sas[0].status, "READY");
  EXPECT_EQ(sas[0].local, "192.0.2.1/4500");
  EXPECT_EQ(sas[0].encr, "AES-CBC");
  EXPECT_EQ(sas[0].keysize, 256);
  EXPECT_EQ(sas[0].hash, "SHA256");
  EXPECT_EQ(sas[0].group, 5);
  EXPECT_EQ(sas[0].local_spi, "95e9212d153ae238");
  EXPECT_EQ(sas[0].remote_id, "swan.example");
  EXPECT_TRUE(sas[0].nat_detected);
  EXPECT_FALSE(sas[0].initiator);
}

TEST(InteropParse, RavelinShowDetailedReadsTheIpv6Layout) {
  const std::string text =
      " IPv6 Crypto IKEv2  SA \n\nTunnel-id    fvrf/ivrf              Status\n"
      "2          none/none             IN-NEG\nLocal  2001:DB8:F::1/500\nRemote  2001:DB8:F::2/500\n"
      "      Encr: AES-GCM, keysize: 256, PRF: SHA384, Hash: None, DH Grp:20, Auth sign: PSK, Auth verify: PSK\n";
  auto sas = parse_ravelin_sas(text);
  ASSERT_EQ(sas.size(), 1u);
  EXPECT_EQ(sas[0].tunnel_id, 2);
  EXPECT_EQ(sas[0].status, "IN-NEG");
  EXPECT_EQ(sas[0].remote, "2001:DB8:F::2/500");
  EXPECT_EQ(sas[0].hash, "None");
  EXPECT_TRUE(ready_sas(text).empty());
}

TEST(InteropConfig, RenderedIosConfigNamesPeerIdentitiesAndSelectors) {
  IosConfig c;
  c.psk = "k";
  c.local_identity = "fqdn ravelin.example";
  auto text = render_ios(c);
  EXPECT_NE(text.find(" set peer 192.0.2.2\n"), std::string::npos) << text;
  EXPECT_NE(text.find(" identity local fqdn ravelin.example\n"), std::string::npos) << text;
  EXPECT_NE(text.find(" match identity remote address 192.0.2.2 255.255.255.255\n"), std::string::npos) << text;
  EXPECT_NE(text.find("permit ip 198.51.100.0 0.0.0.255 203.0.113.0 0.0.0.255"), std::string::npos) << text;
  c.dynamic_map = true;
  text = render_ios(c);
  EXPECT_EQ(text.find("set peer"), std::string::npos) << text;
  EXPECT_NE(text.find("crypto map CMAP 10 ipsec-isakmp dynamic DMAP"), std::string::npos) << text;
}

using InteropHarness = InteropTest;

// IKE_SA_INIT, IKE_AUTH { SA, TSi, TSr } between two charons: the harness works without ravelin.
TEST_F(InteropHarness, TwoCharonsEstablishTheSeedProposalInThePair) {
  CharonOptions b = swan_options();
  ASSERT_TRUE(start_swan(b));
  CharonOptions a = b;
  a.local_addr = pair_->a().outer4;
  a.remote_addr = pair_->b().outer4;
  a.local_ts = pair_->a().net4;
  a.remote_ts = pair_->b().net4;
  std::string why;
  auto initiator = Charon::start(pair_->a().ns, dir_ + "/swan-a", a, &why);
  ASSERT_TRUE(initiator) << why;
  auto r = initiator->initiate(Millis(15000));
  ASSERT_TRUE(r.ok()) << r.output;
  auto on_b = swan_->established();
  auto on_a = initiator->established();
  ASSERT_TRUE(on_a && on_b) << swan_->swanctl({"--list-sas"}).output;
  EXPECT_EQ(on_a->spi_i, on_b->spi_i);
  EXPECT_EQ(on_a->spi_r, on_b->spi_r);
  EXPECT_TRUE(on_a->local_is_initiator);
  EXPECT_EQ(on_b->algorithms, "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1536");
  // Traffic goes through libipsec's userspace ESP: the namespaces route and the tunnel carries it.
  auto ping = pair_->exec(pair_->a().ns, {"ping", "-c", "1", "-W", "2", "-I", pair_->a().inner4, pair_->b().inner4});
  EXPECT_TRUE(ping.ok()) << ping.output;
  const pid_t pid = initiator->pid();
  initiator.reset();
  EXPECT_NE(kill(pid, 0), 0) << "charon " << pid << " still runs after stop";
}

}  // namespace
}  // namespace ravelin::test::interop
