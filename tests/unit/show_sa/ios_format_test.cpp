// IOS `show crypto ikev2 sa [detailed]` and `show crypto ikev2 stats` against goldens shaped after
// the device captures of cisco-cli.md §4.1/§4.2/§4.4, fed with snapshots of a real handshake.
#include <gtest/gtest.h>

#include "ike/commands/show_sa.hpp"
#include "tests/unit/show_sa/established_pair.hpp"

namespace ravelin::test {
namespace {

using ike::commands::format_ikev2_stats;
using ike::commands::format_ios_ikev2_sa;
using namespace std::chrono_literals;

class IosShowSa : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(ep.establish({}, 103s, &why)) << why;
    a = ep.pair.a.engine->snapshot();
    b = ep.pair.b.engine->snapshot();
    ASSERT_EQ(a.size(), 1u);
    ASSERT_EQ(b.size(), 1u);
    ASSERT_EQ(a[0].tunnel_id, 1u);
  }
  std::string spis(const std::string& golden) const {
    return fill(golden, {{"ISPI", ios_spi(a[0].spi_i)}, {"RSPI", ios_spi(a[0].spi_r)}});
  }
  EstablishedPair ep;
  std::vector<ike::engine::IkeSaSnapshot> a, b;
};

TEST_F(IosShowSa, BriefInitiatorViewMatchesDeviceLayoutWithLocalSpiFirst) {
  const std::string golden =
      " IPv4 Crypto IKEv2  SA \n"
      "\n"
      "Tunnel-id Local                 Remote                fvrf/ivrf            Status \n"
      "1         10.0.0.1/500          10.0.0.2/500          none/none            READY  \n"
      "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:19, Auth sign: PSK, Auth verify: PSK\n"
      "      Life/Active Time: 86400/103 sec\n"
      "      CE id: 0, Session-id: 1\n"
      "      Local spi: {ISPI}       Remote spi: {RSPI}\n"
      "\n"
      " IPv6 Crypto IKEv2  SA \n"
      "\n";
  EXPECT_EQ(format_ios_ikev2_sa(a, false, ep.pair.clock.now()), spis(golden));
}

TEST_F(IosShowSa, DetailedResponderViewShowsIdentitiesMessageIdsAndRole) {
  const std::string golden =
      " IPv4 Crypto IKEv2  SA \n"
      "\n"
      "Tunnel-id Local                 Remote                fvrf/ivrf            Status \n"
      "1         10.0.0.2/500          10.0.0.1/500          none/none            READY  \n"
      "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:19, Auth sign: PSK, Auth verify: PSK\n"
      "      Life/Active Time: 86400/103 sec\n"
      "      CE id: 0, Session-id: 1\n"
      "      Status Description: Negotiation done\n"
      "      Local spi: {RSPI}       Remote spi: {ISPI}\n"
      "      Local id: 10.0.0.2\n"
      "      Remote id: 10.0.0.1\n"
      "      Local req msg id:  0              Remote req msg id:  2\n"
      "      Local next msg id: 0              Remote next msg id: 2\n"
      "      Local req queued:  0              Remote req queued:  2\n"
      "      Local window:      1              Remote window:      1\n"
      "      DPD configured for 0 seconds, retry 0\n"
      "      Fragmentation not  configured.\n"
      "      Dynamic Route Update: disabled\n"
      "      Extended Authentication not configured.\n"
      "      NAT-T is not detected\n"
      "      Cisco Trust Security SGT is disabled\n"
      "      Initiator of SA : No\n"
      "\n"
      " IPv6 Crypto IKEv2  SA \n"
      "\n";
  ASSERT_EQ(b[0].tunnel_id, 1u);
  EXPECT_EQ(format_ios_ikev2_sa(b, true, ep.pair.clock.now()), spis(golden));
}

TEST_F(IosShowSa, DetailedUsesConfiguredDpdAndWindowAndFlagsNatBehindUs) {
  auto sa = a;
  sa[0].nat_local = true;
  auto text = format_ios_ikev2_sa(sa, true, ep.pair.clock.now(), {.dpd_interval = 60, .dpd_retry = 3, .window_size = 5});
  EXPECT_NE(text.find("      Local req msg id:  2              Remote req msg id:  0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("      Local window:      5              Remote window:      5\n"), std::string::npos);
  EXPECT_NE(text.find("      DPD configured for 60 seconds, retry 3\n"), std::string::npos);
  EXPECT_NE(text.find("      NAT-T is detected inside\n"), std::string::npos);
  EXPECT_NE(text.find("      Initiator of SA : Yes\n"), std::string::npos);
  sa[0].nat_local = false;
  sa[0].nat_remote = true;
  text = format_ios_ikev2_sa(sa, true, ep.pair.clock.now());
  EXPECT_NE(text.find("      NAT-T is detected  outside\n"), std::string::npos) << text;
}

TEST_F(IosShowSa, Ipv6SaGoesUnderTheIpv6HeaderWithAddressesOnTheirOwnLines) {
  auto sa = a;
  sa[0].local = {*platform::IpAddress::parse("2001:db8:1101::131"), 4500};
  sa[0].remote = {*platform::IpAddress::parse("2001:db8:1201::122"), 4500};
  const std::string golden =
      " IPv4 Crypto IKEv2  SA \n"
      "\n"
      " IPv6 Crypto IKEv2  SA \n"
      "\n"
      "Tunnel-id    fvrf/ivrf              Status\n"
      "1          none/none             READY\n"
      "Local  2001:DB8:1101::131/4500\n"
      "Remote  2001:DB8:1201::122/4500\n"
      "      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:19, Auth sign: PSK, Auth verify: PSK\n"
      "      Life/Active Time: 86400/103 sec\n"
      "      CE id: 0, Session-id: 1\n"
      "      Local spi: {ISPI}       Remote spi: {RSPI}\n"
      "\n";
  EXPECT_EQ(format_ios_ikev2_sa(sa, false, ep.pair.clock.now()), spis(golden));
}

TEST_F(IosShowSa, HalfOpenSaShowsInNegAndNoActiveTimeBeforeItIsUp) {
  auto sa = a;
  sa[0].status = ike::engine::IkeStatus::AuthSent;
  sa[0].established = ep.pair.clock.now() + 5s;  // not yet established
  auto text = format_ios_ikev2_sa(sa, true, ep.pair.clock.now());
  EXPECT_NE(text.find("none/none            IN-NEG \n"), std::string::npos) << text;
  EXPECT_NE(text.find("      Life/Active Time: 86400/0 sec\n"), std::string::npos);
  EXPECT_NE(text.find("      Status Description: Negotiation in progress\n"), std::string::npos);
}

TEST_F(IosShowSa, SeveralSasAreOrderedByTunnelIdWithinTheirFamilySection) {
  auto v6 = a[0];
  v6.tunnel_id = 2;
  v6.local = {*platform::IpAddress::parse("2001:db8::1"), 500};
  v6.remote = {*platform::IpAddress::parse("2001:db8::2"), 500};
  auto later = a[0];
  later.tunnel_id = 7;
  const std::vector<ike::engine::IkeSaSnapshot> mixed{later, v6, a[0]};
  const auto text = format_ios_ikev2_sa(mixed, false, ep.pair.clock.now());
  const auto first = text.find("\n1         10.0.0.1/500");
  const auto seventh = text.find("\n7         10.0.0.1/500");
  const auto v6_header = text.find(" IPv6 Crypto IKEv2  SA ");
  const auto second = text.find("\n2          none/none");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(seventh, std::string::npos) << text;
  ASSERT_NE(second, std::string::npos) << text;
  EXPECT_LT(first, seventh);
  EXPECT_LT(seventh, v6_header);
  EXPECT_LT(v6_header, second);
  EXPECT_EQ(text.find("Tunnel-id Local"), text.rfind("Tunnel-id Local")) << "one IPv4 table header";
}

TEST(IosShowSaEmpty, NoSasPrintsOnlyTheTwoHeaderBlocks) {
  EXPECT_EQ(format_ios_ikev2_sa({}, false, platform::TimePoint{}),
            " IPv4 Crypto IKEv2  SA \n\n IPv6 Crypto IKEv2  SA \n\n");
}

TEST(IosShowSaNames, AeadPrintsHashNoneAndUnknownNumbersStayVisible) {
  EXPECT_EQ(ike::commands::ikev2_encr_name(20), "AES-GCM");
  EXPECT_EQ(ike::commands::ikev2_integ_name(0), "None");
  EXPECT_EQ(ike::commands::ikev2_integ_name(2), "SHA96");
  EXPECT_EQ(ike::commands::ikev2_prf_name(2), "SHA1");
  EXPECT_EQ(ike::commands::ikev2_encr_name(999), "Unknown(999)");
}

TEST_F(IosShowSa, StatsCountOutgoingSaAtInitiatorAndIncomingAtResponder) {
  const std::string head =
      "--------------------------------------------------------------------------------\n"
      "                          Crypto IKEv2 SA Statistics\n"
      "--------------------------------------------------------------------------------\n"
      "System Resource Limit:   0        Max IKEv2 SAs: 0        Max in nego(in/out): 40/400\n";
  const std::string tail =
      "Rejected IKEv2 Requests: 0        rsrc low:      0        SA limit:    0       \n"
      "IKEv2 packets dropped at dispatch: 0       \n"
      "Incoming Requests dropped as LOW Q limit reached : 0       \n"
      "Incoming IKEV2 Cookie Challenged Requests: 0       \n"
      "    accepted: 0        rejected: 0        rejected no cookie: 0       \n";
  EXPECT_EQ(format_ikev2_stats(a, ep.pair.a.engine->counters()),
            head +
                "Total incoming IKEv2 SA Count:    0        active:        0        negotiating: 0     \n"
                "Total outgoing IKEv2 SA Count:    1        active:        1        negotiating: 0     \n"
                "Incoming IKEv2 Requests: 0        accepted:      0        rejected:    0       \n"
                "Outgoing IKEv2 Requests: 1        accepted:      1        rejected:    0       \n" +
                tail);
  EXPECT_EQ(format_ikev2_stats(b, ep.pair.b.engine->counters()),
            head +
                "Total incoming IKEv2 SA Count:    1        active:        1        negotiating: 0     \n"
                "Total outgoing IKEv2 SA Count:    0        active:        0        negotiating: 0     \n"
                "Incoming IKEv2 Requests: 1        accepted:      1        rejected:    0       \n"
                "Outgoing IKEv2 Requests: 0        accepted:      0        rejected:    0       \n" +
                tail);
}

TEST(IosShowSaStats, DropsAndCookiesComeFromEngineCounters) {
  ike::engine::EngineCounters c;
  c.dropped_invalid = 3;
  c.dropped_unknown_spi = 4;
  c.cookies_sent = 7;
  c.half_open_refused = 2;
  auto text = format_ikev2_stats({}, c);
  EXPECT_NE(text.find("IKEv2 packets dropped at dispatch: 7       \n"), std::string::npos) << text;
  EXPECT_NE(text.find("Incoming IKEV2 Cookie Challenged Requests: 7       \n"), std::string::npos);
  EXPECT_NE(text.find("Rejected IKEv2 Requests: 2        rsrc low:      0        SA limit:    2       \n"),
            std::string::npos);
  EXPECT_NE(text.find("Incoming IKEv2 Requests: 2        accepted:      0        rejected:    2       \n"),
            std::string::npos);
}

}  // namespace
}  // namespace ravelin::test
