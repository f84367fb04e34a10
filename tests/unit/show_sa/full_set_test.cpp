// The operator commands inside the whole command set main builds (builtins + the dialect's crypto
// families + declare_*_operations): no declaration clash, IOS abbreviations still resolve, and the
// lines run through the Dataplane.
#include <gtest/gtest.h>

#include "cli/builtins.hpp"
#include "ike/commands/commands.hpp"
#include "tests/unit/show_sa/established_pair.hpp"
#include "tests/unit/show_sa/fake_dataplane.hpp"
#include "tests/unit/show_sa/ops_shell.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

struct FullShell {
  static grammar::CommandSet& declared(grammar::CommandSet& set) {
    const bool asa = set.dialect() == grammar::Dialect::Asa;
    cli::register_builtins(set, cli::BuiltinOptions{asa ? "ciscoasa" : "Router"});
    if (asa) {
      ike::commands::declare_asa(set);
      ike::commands::declare_asa_operations(set);
    } else {
      ike::commands::declare_ios(set);
      ike::commands::declare_ios_operations(set);
    }
    return set;
  }
  explicit FullShell(grammar::Dialect d) : set(d), store(declared(set)), interp(set, &store, services) {
    st.facts.privilege = 15;
  }
  grammar::LineResult run(std::string_view line) { return interp.execute(st, line, "Router#"); }
  grammar::CommandSet set;
  grammar::config::ConfigStore store;
  grammar::Services services;
  grammar::Interpreter interp;
  grammar::SessionState st;
};

TEST(OperationsInTheFullSet, DeclareWithoutClashesInBothDialects) {
  for (auto d : {grammar::Dialect::Ios, grammar::Dialect::Asa}) {
    FullShell sh(d);
    EXPECT_TRUE(sh.set.errors().empty()) << sh.set.errors().front();
  }
}

TEST(OperationsInTheFullSet, IosAbbreviationsResolveToTheOperatorCommands) {
  EstablishedPair ep;
  std::string why;
  ASSERT_TRUE(ep.establish({}, 60s, &why)) << why;
  FakeDataplane dp(ep.pair, ep.pair.a, ep.config_a());
  dp.mirror_kernel(true, {.packets = 7}, {.packets = 9});
  FullShell sh(grammar::Dialect::Ios);
  sh.services.provide(static_cast<ike::commands::Dataplane&>(dp));
  auto r = sh.run("sh cry ips sa");
  EXPECT_FALSE(r.rejected) << r.output;
  EXPECT_NE(r.output.find("#pkts encaps: 9"), std::string::npos) << r.output;
  r = sh.run("show crypto ipsec sa peer 10.0.0.2 detail");
  EXPECT_NE(r.output.find("##pkts replay failed (rcv): 0"), std::string::npos) << "a filter combines with detail";
  EXPECT_EQ(sh.run("show crypto ipsec sa map cmap detail").output, r.output);
  r = sh.run("sh cry ikev2 sess det");
  EXPECT_NE(r.output.find("Session-id:1, Status:UP-ACTIVE"), std::string::npos) << r.output;
  r = sh.run("sh cry sess");
  EXPECT_NE(r.output.find("Crypto session current status"), std::string::npos) << r.output;
  EXPECT_EQ(sh.run("deb cry ikev2 err").output, "IKEv2 error debugging is on\n");
  EXPECT_EQ(sh.run("sh debugging").output, "Cryptographic Subsystem:\n  IKEv2 error debugging is on\n");
  EXPECT_EQ(sh.run("u all").output, "All possible debugging has been turned off\n");
  EXPECT_FALSE(sh.run("show crypto ipsec transform-set").rejected) << "the IPsec family's show still resolves";
  const std::string help = sh.interp.help(sh.st, "show crypto ikev2 ", 7);
  for (const char* kw : {"sa", "session", "stats", "diagnose", "proposal"}) {
    EXPECT_NE(help.find(std::string("  ") + kw), std::string::npos) << kw << "\n" << help;
  }
  EXPECT_FALSE(sh.run("clear crypto ikev2 sa").rejected);
  ep.pair.run_for(5s);
  EXPECT_TRUE(ep.pair.b.engine->snapshot().empty());
}

TEST(OperationsInTheFullSet, AsaShowsAndDebugsResolve) {
  EstablishedPair ep;
  std::string why;
  ASSERT_TRUE(ep.establish({}, 60s, &why)) << why;
  FakeDataplane dp(ep.pair, ep.pair.b, ep.config_b());
  dp.has_esp = false;
  dp.mirror_kernel(false);
  FullShell sh(grammar::Dialect::Asa);
  sh.services.provide(static_cast<ike::commands::Dataplane&>(dp));
  auto r = sh.run("show crypto ipsec sa");
  EXPECT_NE(r.output.find("SA State: not installed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("% No packet counters: not installed: no ESP in this kernel"), std::string::npos);
  EXPECT_EQ(sh.run("debug crypto ikev2 protocol 127").output, "");
  EXPECT_EQ(sh.run("show debug").output, "debug crypto ikev2 protocol\n");
}

TEST(OperationsInTheFullSet, InterfaceAndAclComeFromTheRunningConfig) {
  EstablishedPair ep;
  std::string why;
  ASSERT_TRUE(ep.establish({}, 60s, &why)) << why;
  FakeDataplane dp(ep.pair, ep.pair.a, ep.config_a());
  dp.mirror_kernel(true);
  FullShell ios(grammar::Dialect::Ios);
  ios.services.provide(static_cast<ike::commands::Dataplane&>(dp));
  for (const char* line : {"configure terminal", "access-list 101 permit ip 192.168.1.0 0.0.0.255 192.168.2.0 0.0.0.255",
                           "crypto map cmap 10 ipsec-isakmp", "set peer 10.0.0.2", "match address 101",
                           "interface GigabitEthernet0/0", "crypto map cmap", "end"}) {
    auto r = ios.run(line);
    ASSERT_FALSE(r.rejected) << line << ": " << r.output;
  }
  auto r = ios.run("show crypto ipsec sa");
  EXPECT_NE(r.output.find("\ninterface: GigabitEthernet0/0\n    Crypto map tag: cmap, local addr 10.0.0.1\n"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("ip mtu idb GigabitEthernet0/0\n"), std::string::npos);
  EXPECT_NE(ios.run("show crypto session").output.find("Interface: GigabitEthernet0/0\n"), std::string::npos);

  FullShell asa(grammar::Dialect::Asa);
  asa.services.provide(static_cast<ike::commands::Dataplane&>(dp));
  for (const char* line : {"configure terminal",
                           "access-list VPN-ACL extended permit ip 192.168.1.0 255.255.255.0 192.168.2.0 255.255.255.0",
                           "crypto map cmap 10 match address VPN-ACL", "crypto map cmap 10 set peer 10.0.0.2",
                           "crypto map cmap interface outside", "end"}) {
    auto a = asa.run(line);
    ASSERT_FALSE(a.rejected) << line << ": " << a.output;
  }
  r = asa.run("show crypto ipsec sa");
  EXPECT_EQ(r.output.rfind("interface: outside\n    Crypto map tag: cmap, seq num: 10, local addr: 10.0.0.1\n\n"
                           "      access-list VPN-ACL extended permit ip 192.168.1.0 255.255.255.0 192.168.2.0 "
                           "255.255.255.0\n",
                           0),
            0u)
      << r.output;
}

}  // namespace
}  // namespace ravelin::test
