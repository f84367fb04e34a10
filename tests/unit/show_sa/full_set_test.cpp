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

}  // namespace
}  // namespace ravelin::test
