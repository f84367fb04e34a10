// Edge cases of the session and IPsec views: NAT-T, PFS, several selectors, IPv6 and port idents,
// rekeyed (lingering) SAs, a VTI's implicit map, configured DPD.
#include <gtest/gtest.h>

#include "ike/commands/show_common.hpp"
#include "ike/commands/show_ipsec_sa.hpp"
#include "ike/commands/show_session.hpp"
#include "tests/unit/show_sa/established_pair.hpp"
#include "tests/unit/show_sa/fake_dataplane.hpp"
#include "tests/unit/show_sa/ops_shell.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;
using ike::commands::format_asa_ipsec_sa;
using ike::commands::format_ios_crypto_session;
using ike::commands::format_ios_ipsec_sa;
using ipsec::ts::TrafficSelector;

TrafficSelector net(const char* p) { return TrafficSelector::from_prefix(*platform::Prefix::parse(p)); }

class EdgeFormat : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(ep.establish({}, 50s, &why)) << why;
    dp = std::make_unique<FakeDataplane>(ep.pair, ep.pair.a, ep.config_a());
    dp->mirror_kernel(true);
    v = ike::commands::view_of(*dp, {{"cmap", "Gi0/0"}});
    ASSERT_EQ(v.sas.size(), 1u);
  }
  ike::engine::IkeSaSnapshot& sa() { return v.sas[0]; }
  ike::engine::ChildSaSnapshot& child() { return v.sas[0].children.at(0); }
  EstablishedPair ep;
  std::unique_ptr<FakeDataplane> dp;
  ike::commands::OperationalView v;
};

TEST_F(EdgeFormat, NatTraversalShowsPort4500UdpEncapsAndTheSmallerMtu) {
  sa().nat_remote = true;
  sa().remote.port = 4500;
  sa().local.port = 4500;
  const auto ios = format_ios_ipsec_sa(v, {});
  EXPECT_NE(ios.find("   current_peer 10.0.0.2 port 4500\n"), std::string::npos) << ios;
  EXPECT_NE(ios.find("        in use settings ={Tunnel UDP-Encaps, }\n"), std::string::npos) << ios;
  EXPECT_NE(ios.find("     plaintext mtu 1415, path mtu 1500"), std::string::npos) << "8 bytes of UDP header";
  const auto asa = format_asa_ipsec_sa(v, {});
  EXPECT_NE(asa.find("         in use settings ={L2L, Tunnel,  NAT-T-Encaps, IKEv2, }\n"), std::string::npos) << asa;
  EXPECT_NE(asa.find("remote crypto endpt.: 10.0.0.2/4500\n"), std::string::npos) << asa;
  EXPECT_NE(format_ios_crypto_session(v, true).find("Capabilities:N connid:1"), std::string::npos);
}

TEST_F(EdgeFormat, PfsGroupOfTheChildIsShown) {
  child().algorithms.dh_group = 14;
  EXPECT_NE(format_ios_ipsec_sa(v, {}).find("     PFS (Y/N): Y, DH group: group14\n"), std::string::npos);
}

TEST_F(EdgeFormat, EverySelectorPairIsItsOwnFlowWithItsOwnConnIds) {
  child().local_ts.push_back(net("192.168.11.0/24"));
  const auto ios = format_ios_ipsec_sa(v, {});
  EXPECT_NE(ios.find("(192.168.1.0/255.255.255.0/0/0)"), std::string::npos);
  EXPECT_NE(ios.find("(192.168.11.0/255.255.255.0/0/0)"), std::string::npos);
  EXPECT_EQ(ios.find("interface: Gi0/0"), ios.rfind("interface: Gi0/0")) << "one interface header";
  EXPECT_NE(ios.find("conn id: 4, flow_id: 4"), std::string::npos) << ios;
  const auto cs = format_ios_crypto_session(v, false);
  EXPECT_NE(cs.find("IPSEC FLOW: permit ip 192.168.11.0/255.255.255.0 192.168.2.0/255.255.255.0 \n"), std::string::npos)
      << cs;
}

TEST_F(EdgeFormat, IdentsCarryProtocolPortAndIpv6PrefixLength) {
  TrafficSelector web = TrafficSelector::host(*platform::IpAddress::parse("10.1.1.1"));
  web.ip_protocol = 6;
  web.start_port = web.end_port = 443;
  EXPECT_EQ(ike::commands::ops::ident_text(web), "10.1.1.1/255.255.255.255/6/443");
  EXPECT_EQ(ike::commands::ops::ident_text(net("2001:db8::/64")), "2001:db8::/64/0/0");
  TrafficSelector range = net("10.0.0.0/24");
  range.end = *platform::IpAddress::parse("10.0.0.9");
  EXPECT_EQ(ike::commands::ops::ident_text(range), "10.0.0.0-10.0.0.9/0/0");
  EXPECT_EQ(ike::commands::ops::range_text(web), "10.1.1.1/443 - 10.1.1.1/443");
}

TEST_F(EdgeFormat, Ipv6SessionSplitsTheIkeLineAsTheDeviceDoes) {
  sa().local = {*platform::IpAddress::parse("2001:db8:acad:1::1"), 500};
  sa().remote = {*platform::IpAddress::parse("2001:db8:acad:1::2"), 500};
  child().local_ts = {net("2001:db8:1::/64")};
  child().remote_ts = {net("2001:db8:2::/64")};
  const auto cs = format_ios_crypto_session(v, false);
  EXPECT_NE(cs.find("Peer: 2001:DB8:ACAD:1::2 port 500 \n"), std::string::npos) << cs;
  EXPECT_NE(cs.find("  IKEv2 SA: local 2001:DB8:ACAD:1::1/500\n          remote 2001:DB8:ACAD:1::2/500 Active \n"),
            std::string::npos)
      << cs;
  EXPECT_NE(cs.find("  IPSEC FLOW: permit ipv6 2001:db8:1::/64 2001:db8:2::/64 \n"), std::string::npos) << cs;
  const auto s = ike::commands::format_ios_ikev2_session(v, false);
  EXPECT_LT(s.find("IPv6 Crypto IKEv2 Session"), s.find("Session-id:1")) << "listed in the IPv6 section";
}

TEST_F(EdgeFormat, LingeringSaAfterRekeyIsMarkedAndAVtiMapNamesItsTunnel) {
  dp->kernel.at(0).state = ipsec::reconcile::ChildState::Lingering;
  v.kernel = dp->kernel;
  EXPECT_NE(format_ios_ipsec_sa(v, {}).find("Status: ACTIVE(REKEYED)"), std::string::npos);
  auto cfg = std::make_shared<ike::config::IkeConfig>(*v.config);
  cfg->crypto_map.at(0).map_name = "Tunnel7-head-0";
  child().map_entry_id = cfg->crypto_map.at(0).id();
  v.config = cfg;
  v.interfaces.clear();
  const auto ios = format_ios_ipsec_sa(v, {});
  EXPECT_NE(ios.find("interface: Tunnel7\n    Crypto map tag: Tunnel7-head-0, local addr 10.0.0.1\n"), std::string::npos)
      << ios;
}

TEST_F(EdgeFormat, DetailedSaHandlerTakesDpdAndWindowFromTheDataplanesConfig) {
  auto cfg = std::make_shared<ike::config::IkeConfig>(*ep.config_a());
  cfg->dpd = {10, 2, ike::config::DpdMode::Periodic};
  cfg->window_size = 4;
  FakeDataplane with_dpd(ep.pair, ep.pair.a, cfg);
  OpsShell sh(grammar::Dialect::Ios);
  sh.provide(with_dpd);
  const auto out = sh.run("show crypto ikev2 sa detailed").output;
  EXPECT_NE(out.find("      DPD configured for 10 seconds, retry 2\n"), std::string::npos) << out;
  EXPECT_NE(out.find("      Local window:      4" + std::string(14, ' ') + "Remote window:      4\n"), std::string::npos) << out;
  EXPECT_NE(sh.run("show crypto ikev2 session detailed").output.find("DPD configured for 10 seconds, retry 2"),
            std::string::npos);
  EXPECT_NE(sh.run("show crypto session detail").output.find("Capabilities:D connid:1"), std::string::npos);
}

TEST(SettingsFor, ProfileDpdOverridesTheGlobalOneAndWindowComesFromConfig) {
  ike::config::IkeConfig cfg;
  cfg.window_size = 5;
  cfg.dpd = {30, 5, ike::config::DpdMode::Periodic};
  ike::config::Profile p;
  p.name = "prof";
  p.dpd = ike::config::Dpd{10, 3, ike::config::DpdMode::OnDemand};
  cfg.profiles.push_back(p);
  ike::engine::IkeSaSnapshot sa;
  sa.profile = "prof";
  auto st = ike::commands::ops::settings_for(&cfg, sa);
  EXPECT_EQ(st.dpd_interval, 10u);
  EXPECT_EQ(st.dpd_retry, 3u);
  EXPECT_EQ(st.window_size, 5u);
  sa.profile = "other";
  st = ike::commands::ops::settings_for(&cfg, sa);
  EXPECT_EQ(st.dpd_interval, 30u);
  cfg.dpd = {};
  st = ike::commands::ops::settings_for(&cfg, sa);
  EXPECT_EQ(st.dpd_interval, 0u) << "no DPD prints IOS's `configured for 0 seconds, retry 0`";
  EXPECT_EQ(st.dpd_retry, 0u);
  EXPECT_EQ(ike::commands::ops::settings_for(nullptr, sa).window_size, 1u);
}

}  // namespace
}  // namespace ravelin::test
