// The clear and debug families through the interpreter, over a FakeDataplane that runs a real
// engine of an established pair: clears reach the engine (and the peer, through the fake network),
// debug flags and the key-log file follow the commands, nothing is printed without a Dataplane.
#include <gtest/gtest.h>

#include "ike/commands/operations.hpp"
#include "tests/unit/show_sa/established_pair.hpp"
#include "tests/unit/show_sa/fake_dataplane.hpp"
#include "tests/unit/show_sa/ops_shell.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;
using grammar::Dialect;

class ClearCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(ep.establish({}, 10s, &why)) << why;
    dp = std::make_unique<FakeDataplane>(ep.pair, ep.pair.a, ep.config_a());
    sh.provide(*dp);
  }
  // Runs the line; then lets the DELETE exchange finish on the fake network.
  void clear(const std::string& line) {
    auto r = sh.run(line);
    ASSERT_FALSE(r.rejected) << line << "\n" << r.output;
    EXPECT_EQ(r.output, "") << "IOS clears are silent";
    ep.pair.run_for(5s);
  }
  size_t sas_a() const { return ep.pair.a.engine->snapshot().size(); }
  size_t sas_b() const { return ep.pair.b.engine->snapshot().size(); }
  static size_t children(const ike::engine::Engine& e) {
    size_t n = 0;
    for (const auto& sa : e.snapshot()) n += sa.children.size();
    return n;
  }
  // The IKE SA survives on both peers, without any child, and A's kernel holds no child SA.
  void expect_only_children_gone() {
    EXPECT_EQ(sas_a(), 1u) << "IOS `clear crypto sa` keeps the IKE SA";
    EXPECT_EQ(sas_b(), 1u);
    EXPECT_EQ(children(*ep.pair.a.engine), 0u);
    EXPECT_EQ(children(*ep.pair.b.engine), 0u) << "the peer got the DELETE of the ESP SPI";
    EXPECT_TRUE(ep.pair.a.kernel.sas.empty()) << "the child left the kernel";
  }
  EstablishedPair ep;
  std::unique_ptr<FakeDataplane> dp;
  OpsShell sh{Dialect::Ios};
};

TEST_F(ClearCommands, ClearCryptoIkev2SaDeletesEverySaOnBothPeers) {
  clear("clear crypto ikev2 sa");
  EXPECT_EQ(dp->runs, 1);
  EXPECT_EQ(sas_a(), 0u);
  EXPECT_EQ(sas_b(), 0u) << "the peer got the INFORMATIONAL DELETE";
  EXPECT_TRUE(ep.pair.a.kernel.sas.empty()) << "child SAs were removed from the kernel";
}

TEST_F(ClearCommands, FiltersThatMatchNoSaLeaveItAndDoNotRunTheEngine) {
  clear("clear crypto ikev2 sa remote 10.9.9.9");
  clear("clear crypto ikev2 sa local 10.0.0.2");
  clear("clear crypto ikev2 sa 77");
  clear("clear crypto sa peer 10.9.9.9");
  clear("clear crypto sa map othermap");
  clear("clear crypto session remote 10.9.9.9");
  EXPECT_EQ(dp->runs, 0);
  EXPECT_EQ(sas_a(), 1u);
}

TEST_F(ClearCommands, EachIosFormSelectsTheSaByIdAddressOrMap) {
  for (const char* line : {"clear crypto ikev2 sa 1", "clear crypto ikev2 sa remote 10.0.0.2",
                           "clear crypto ikev2 sa local 10.0.0.1", "clear crypto session", "clear crypto session remote 10.0.0.2",
                           "clear crypto session local 10.0.0.1"}) {
    SCOPED_TRACE(line);
    if (sas_a() == 0) {  // bring the tunnel back for the next form
      ep.pair.initiate_from_a();
      ASSERT_TRUE(ep.pair.run_until([&] { return ep.pair.both_ready(); }, 10s));
    }
    const int before = dp->runs;
    clear(line);
    EXPECT_EQ(dp->runs, before + 1);
    EXPECT_EQ(sas_a(), 0u);
    EXPECT_EQ(sas_b(), 0u);
  }
}

TEST_F(ClearCommands, ClearCryptoSaDeletesOnlyTheChildSasAndKeepsTheIkeSa) {
  ASSERT_EQ(children(*ep.pair.a.engine), 1u);
  clear("clear crypto sa");
  EXPECT_EQ(dp->runs, 1);
  expect_only_children_gone();
}

TEST_F(ClearCommands, ClearCryptoSaByPeerOrMapSelectsTheChildren) {
  for (const char* line : {"clear crypto sa peer 10.0.0.2", "clear crypto sa map cmap"}) {
    SCOPED_TRACE(line);
    if (children(*ep.pair.a.engine) == 0) {  // a fresh tunnel for the next form
      clear("clear crypto ikev2 sa");
      ep.pair.initiate_from_a();
      ASSERT_TRUE(ep.pair.run_until([&] { return ep.pair.both_ready(); }, 10s));
    }
    const int before = dp->runs;
    clear(line);
    EXPECT_EQ(dp->runs, before + 1);
    expect_only_children_gone();
  }
}

TEST_F(ClearCommands, AsaFormsClearByPeerAddress) {
  OpsShell asa(Dialect::Asa);
  asa.provide(*dp);
  EXPECT_FALSE(asa.run("clear crypto ikev2 sa 10.9.9.9").rejected);
  EXPECT_EQ(dp->runs, 0);
  EXPECT_FALSE(asa.run("clear crypto ipsec sa peer 10.0.0.2").rejected);
  ep.pair.run_for(5s);
  EXPECT_EQ(dp->runs, 1);
  expect_only_children_gone();
  EXPECT_FALSE(asa.run("clear crypto ikev2 sa 10.0.0.2").rejected);
  ep.pair.run_for(5s);
  EXPECT_EQ(sas_b(), 0u);
  EXPECT_TRUE(asa.run("clear crypto ikev2 sa remote 10.0.0.2").rejected) << "ASA takes the address directly";
}

TEST(ClearSelection, ChildrenByPeerAndByMapEntryOfTheNamedMap) {
  std::vector<ike::engine::IkeSaSnapshot> sas(2);
  const auto a2 = *platform::IpAddress::parse("10.0.0.2"), a3 = *platform::IpAddress::parse("10.0.0.3");
  sas[0].tunnel_id = 9, sas[0].remote = {a2, 500};
  sas[1].tunnel_id = 4, sas[1].remote = {a3, 500};
  sas[0].children.resize(2);
  sas[0].children[0].inbound_spi = 0x20, sas[0].children[0].map_entry_id = 1;
  sas[0].children[1].inbound_spi = 0x10, sas[0].children[1].map_entry_id = 2;
  sas[1].children.resize(1);
  sas[1].children[0].inbound_spi = 0x30, sas[1].children[0].map_entry_id = 1;
  using ike::commands::ChildRef;
  using ike::commands::select_children_for_clear;
  EXPECT_EQ(select_children_for_clear(sas, std::nullopt, std::nullopt, nullptr),
            (std::vector<ChildRef>{{4, 0x30}, {9, 0x10}, {9, 0x20}}));
  EXPECT_EQ(select_children_for_clear(sas, a2, std::nullopt, nullptr), (std::vector<ChildRef>{{9, 0x10}, {9, 0x20}}));
  EXPECT_TRUE(select_children_for_clear(sas, std::nullopt, std::string("cmap"), nullptr).empty())
      << "without a config no child belongs to a map";
}

TEST(ClearSelection, FilterCombinesTunnelIdLocalAndRemote) {
  std::vector<ike::engine::IkeSaSnapshot> sas(3);
  const auto a1 = *platform::IpAddress::parse("10.0.0.1"), a2 = *platform::IpAddress::parse("10.0.0.2");
  const auto a3 = *platform::IpAddress::parse("10.0.0.3");
  sas[0].tunnel_id = 7, sas[0].local = {a1, 500}, sas[0].remote = {a2, 500};
  sas[1].tunnel_id = 3, sas[1].local = {a1, 500}, sas[1].remote = {a3, 4500};
  sas[2].tunnel_id = 5, sas[2].local = {a2, 500}, sas[2].remote = {a3, 500};
  using ike::commands::select_for_clear;
  EXPECT_EQ(select_for_clear(sas, {}), (std::vector<uint32_t>{3, 5, 7}));
  EXPECT_EQ(select_for_clear(sas, {.remote = a3}), (std::vector<uint32_t>{3, 5}));
  EXPECT_EQ(select_for_clear(sas, {.local = a1, .remote = a3}), (std::vector<uint32_t>{3}));
  EXPECT_EQ(select_for_clear(sas, {.tunnel_id = 5}), (std::vector<uint32_t>{5}));
  EXPECT_TRUE(select_for_clear(sas, {.tunnel_id = 5, .local = a1}).empty());
}

class DebugCommands : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(ep.establish({}, 10s, &why)) << why;
    dp = std::make_unique<FakeDataplane>(ep.pair, ep.pair.a, ep.config_a());
  }
  EstablishedPair ep;
  std::unique_ptr<FakeDataplane> dp;
};

TEST_F(DebugCommands, IosCategoriesToggleAndConfirmAsIosDoes) {
  OpsShell sh(Dialect::Ios);
  sh.provide(*dp);
  EXPECT_EQ(sh.run("debug crypto ikev2 error").output, "IKEv2 error debugging is on\n");
  EXPECT_EQ(dp->flags, (ike::commands::DebugFlags{.packet = false, .internal = false, .error = true}));
  EXPECT_EQ(sh.run("debug crypto ikev2 packet").output, "IKEv2 packet debugging is on\n");
  EXPECT_EQ(sh.run("show debugging").output,
            "Cryptographic Subsystem:\n  IKEv2 packet debugging is on\n  IKEv2 error debugging is on\n");
  EXPECT_EQ(sh.run("no debug crypto ikev2 packet").output, "IKEv2 packet debugging is off\n");
  EXPECT_EQ(dp->flags, (ike::commands::DebugFlags{.packet = false, .internal = false, .error = true}));
  EXPECT_EQ(sh.run("debug crypto ikev2").output, "IKEv2 default debugging is on\n");
  EXPECT_EQ(dp->flags, (ike::commands::DebugFlags{.packet = true, .internal = true, .error = true}));
  EXPECT_EQ(sh.run("undebug crypto ikev2 internal").output, "IKEv2 internal debugging is off\n");
  EXPECT_FALSE(dp->flags.internal);
  EXPECT_EQ(sh.run("u all").output, "All possible debugging has been turned off\n");
  EXPECT_EQ(dp->flags, ike::commands::DebugFlags{});
  EXPECT_EQ(sh.run("show debugging").output, "");
}

TEST_F(DebugCommands, KeylogFileIsSetShownAndClearedAlsoByUndebugAll) {
  OpsShell sh(Dialect::Ios);
  sh.provide(*dp);
  auto r = sh.run("debug crypto ikev2 keylog /tmp/ravelin-keys.log");
  EXPECT_FALSE(r.rejected);
  EXPECT_EQ(dp->keylog, std::optional<std::string>("/tmp/ravelin-keys.log"));
  EXPECT_NE(r.output.find("IKEv2 key logging is on (/tmp/ravelin-keys.log)\n"), std::string::npos) << r.output;
  EXPECT_NE(sh.run("show debugging").output.find("  IKEv2 key logging is on (/tmp/ravelin-keys.log)\n"),
            std::string::npos);
  EXPECT_EQ(sh.run("no debug crypto ikev2 keylog").output, "IKEv2 key logging is off\n");
  EXPECT_EQ(dp->keylog, std::nullopt);
  ASSERT_FALSE(sh.run("debug crypto ikev2 keylog /tmp/k2").rejected);
  sh.run("no debug all");
  EXPECT_EQ(dp->keylog, std::nullopt) << "all debugging off stops the key log too";
}

TEST_F(DebugCommands, KeylogFailureIsRejectedWithTheReasonAndLeavesItOff) {
  OpsShell sh(Dialect::Ios);
  sh.provide(*dp);
  auto r = sh.run("debug crypto ikev2 keylog /nonexistent/dir/keys");
  EXPECT_TRUE(r.rejected);
  EXPECT_NE(r.output.find("% IKEv2 key logging: cannot open /nonexistent/dir/keys"), std::string::npos) << r.output;
  EXPECT_EQ(dp->keylog, std::nullopt);
}

TEST_F(DebugCommands, AsaProtocolAndPlatformMapToCategoriesSilently) {
  OpsShell sh(Dialect::Asa);
  sh.provide(*dp);
  EXPECT_EQ(sh.run("debug crypto ikev2 protocol 127").output, "");
  EXPECT_EQ(dp->flags, (ike::commands::DebugFlags{.packet = true, .internal = false, .error = true}));
  EXPECT_EQ(sh.run("debug crypto ikev2 platform").output, "");
  EXPECT_TRUE(dp->flags.internal);
  EXPECT_EQ(sh.run("show debug").output, "debug crypto ikev2 protocol\ndebug crypto ikev2 platform\n");
  EXPECT_EQ(sh.run("no debug crypto ikev2 protocol").output, "");
  EXPECT_EQ(dp->flags, (ike::commands::DebugFlags{.packet = false, .internal = true, .error = false}));
  EXPECT_TRUE(sh.run("debug crypto ikev2 packet").rejected) << "ASA has no IOS categories";
  EXPECT_EQ(sh.run("undebug all").output, "");
  EXPECT_EQ(dp->flags, ike::commands::DebugFlags{});
}

TEST(OperationsWithoutDataplane, EveryCommandDeclaresCleanlyRunsAndPrintsNothing) {
  const std::vector<std::string> ios = {
      "show crypto ikev2 sa",       "show crypto ikev2 sa detailed", "show crypto ikev2 stats",
      "show crypto ikev2 session",  "show crypto ikev2 session detailed", "show crypto session",
      "show crypto session detail", "show crypto ipsec sa",          "show crypto ipsec sa peer 10.0.0.2",
      "show crypto ipsec sa map M", "show crypto ipsec sa detail",   "show crypto ikev2 diagnose",
      "show crypto ikev2 diagnose error", "clear crypto ikev2 sa",   "clear crypto sa", "clear crypto session",
      "debug crypto ikev2",         "debug crypto ikev2 packet",     "no debug crypto ikev2 error",
      "undebug all",                "no debug all",                  "show debugging",
      "debug crypto ikev2 keylog /tmp/x", "no debug crypto ikev2 keylog"};
  const std::vector<std::string> asa = {
      "show crypto ikev2 sa detail", "show crypto ipsec sa", "show crypto ipsec sa peer 10.0.0.2",
      "show crypto ikev2 diagnose error", "clear crypto ikev2 sa", "clear crypto ipsec sa",
      "debug crypto ikev2 protocol 127", "undebug all", "show debug"};
  for (auto [d, lines] : {std::pair{Dialect::Ios, ios}, std::pair{Dialect::Asa, asa}}) {
    OpsShell sh(d);
    EXPECT_TRUE(sh.set.errors().empty()) << sh.set.errors().front();
    for (const auto& line : lines) {
      auto r = sh.run(line);
      EXPECT_FALSE(r.rejected) << line << ": " << r.output;
      EXPECT_EQ(r.output, "") << line;
    }
  }
}

TEST(OperationsPrivilege, UserExecCannotClearOrDebug) {
  OpsShell sh(Dialect::Ios);
  sh.st.facts.privilege = 1;
  for (const char* line : {"clear crypto ikev2 sa", "debug crypto ikev2", "show crypto ipsec sa", "undebug all"}) {
    EXPECT_TRUE(sh.run(line).rejected) << line;
  }
}

}  // namespace
}  // namespace ravelin::test
