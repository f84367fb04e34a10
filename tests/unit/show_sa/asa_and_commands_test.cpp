// ASA `show crypto ikev2 sa [detail]` (cisco-cli.md §4.10) from a real handshake, and the exec
// commands declared by declare_ikev2_sa_show, run through the interpreter with and without an engine.
#include <gtest/gtest.h>

#include "grammar/command_set.hpp"
#include "grammar/config/store.hpp"
#include "grammar/interpreter.hpp"
#include "ike/commands/show_sa.hpp"
#include "tests/unit/show_sa/established_pair.hpp"
#include "tests/unit/show_sa/fake_dataplane.hpp"

namespace ravelin::test {
namespace {

using ike::commands::format_asa_ikev2_sa;
using namespace std::chrono_literals;

std::string hex32(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "%08x", v);
  return b;
}

TEST(AsaShowSa, DetailInitiatorViewListsSessionRoleAndChildSelectors) {
  EstablishedPair ep;
  std::string why;
  ASSERT_TRUE(ep.establish({}, 24695s, &why)) << why;
  auto a = ep.pair.a.engine->snapshot();
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(a[0].children.size(), 1u);
  const std::string golden =
      "\n"
      "IKEv2 SAs:\n"
      "\n"
      "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1\n"
      "\n"
      "Tunnel-id Local                   Remote                Status         Role\n"
      "        1 10.0.0.1/500           10.0.0.2/500           READY    INITIATOR\n"
      "      Encr: AES-CBC, keysize: 256, Hash: SHA256, DH Grp:19, Auth sign: PSK, Auth verify: PSK\n"
      "      Life/Active Time: 86400/24695 sec\n"
      "      Session-id: 1\n"
      "Child sa: local selector  192.168.1.0/0 - 192.168.1.255/65535\n"
      "          remote selector 192.168.2.0/0 - 192.168.2.255/65535\n"
      "          ESP spi in/out: 0x{IN}/0x{OUT}\n";
  EXPECT_EQ(format_asa_ikev2_sa(a, true, ep.pair.clock.now()),
            fill(golden, {{"IN", hex32(a[0].children[0].inbound_spi)}, {"OUT", hex32(a[0].children[0].outbound_spi)}}));
  // The responder's inbound SPI is the initiator's outbound one.
  auto b = ep.pair.b.engine->snapshot();
  ASSERT_EQ(b.size(), 1u);
  auto text = format_asa_ikev2_sa(b, false, ep.pair.clock.now());
  EXPECT_NE(text.find("READY    RESPONDER\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("      Session-id:"), std::string::npos) << "brief output has no Session-id line";
  EXPECT_NE(text.find("ESP spi in/out: 0x" + hex32(a[0].children[0].outbound_spi) + "/0x" +
                      hex32(a[0].children[0].inbound_spi) + "\n"),
            std::string::npos)
      << text;
}

TEST(AsaShowSa, Ipv6AndAeadUseTheWideColumnsAndHashNa) {
  EstablishedPair ep;
  SiteOptions o;
  o.encryption = {{ike::config::encr::kAesGcm16, 256}};
  o.integrity = {};
  o.groups = {14};
  std::string why;
  ASSERT_TRUE(ep.establish(o, 880s, &why)) << why;
  auto a = ep.pair.a.engine->snapshot();
  ASSERT_EQ(a.size(), 1u);
  a[0].local = {*platform::IpAddress::parse("2001:db8:2:1::1"), 500};
  a[0].remote = {*platform::IpAddress::parse("2001:db8:2:1::2"), 500};
  a[0].children.clear();
  const std::string golden =
      "\n"
      "IKEv2 SAs:\n"
      "\n"
      "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:0\n"
      "\n"
      "Tunnel-id Local                                               Remote                                                  Status         Role\n"
      "        1 2001:db8:2:1::1/500                                 2001:db8:2:1::2/500                                      READY    INITIATOR\n"
      "      Encr: AES-GCM, keysize: 256, Hash: N/A, DH Grp:14, Auth sign: PSK, Auth verify: PSK\n"
      "      Life/Active Time: 86400/880 sec\n";
  EXPECT_EQ(format_asa_ikev2_sa(a, false, ep.pair.clock.now()), golden);
}

TEST(AsaShowSa, NoSasPrintsTheAsaSentence) {
  EXPECT_EQ(format_asa_ikev2_sa({}, true, platform::TimePoint{}), "\nThere are no IKEv2 SAs\n");
}

struct Shell {
  explicit Shell(grammar::Dialect d) : set(d), store((ike::commands::declare_ikev2_sa_show(set, d), set)),
                                       interp(set, &store, services) {
    st.facts.privilege = 15;
  }
  grammar::LineResult run(std::string_view line) { return interp.execute(st, line, "Router#"); }
  grammar::CommandSet set;
  grammar::config::ConfigStore store;
  grammar::Services services;
  grammar::Interpreter interp;
  grammar::SessionState st;
};

TEST(ShowSaCommands, DeclareCleanlyAndPrintNothingWithoutADataplane) {
  for (auto d : {grammar::Dialect::Ios, grammar::Dialect::Asa}) {
    Shell sh(d);
    EXPECT_TRUE(sh.set.errors().empty());
    for (const char* line : {"show crypto ikev2 sa", "show crypto ikev2 stats"}) {
      auto r = sh.run(line);
      EXPECT_FALSE(r.rejected) << line;
      EXPECT_EQ(r.output, "") << line;
    }
  }
}

TEST(ShowSaCommands, QuestionMarkListsSaAndStatsWithIosHelpAndUserExecCannotRunThem) {
  Shell sh(grammar::Dialect::Ios);
  const std::string h = sh.interp.help(sh.st, "show crypto ikev2 ", 7);
  EXPECT_NE(h.find("Shows ikev2 SAs"), std::string::npos) << h;
  EXPECT_NE(h.find("Shows ikev2 sa statistics"), std::string::npos) << h;
  EXPECT_NE(sh.interp.help(sh.st, "show crypto ikev2 sa ", 7).find("detailed"), std::string::npos);
  sh.st.facts.privilege = 1;
  EXPECT_TRUE(sh.run("show crypto ikev2 sa").rejected);
}

TEST(ShowSaCommands, IosHandlerRendersTheDataplanesEngineAtItsClock) {
  EstablishedPair ep;
  std::string why;
  ASSERT_TRUE(ep.establish({}, 103s, &why)) << why;
  Shell sh(grammar::Dialect::Ios);
  FakeDataplane dp(ep.pair, ep.pair.a, ep.config_a());
  sh.services.provide(static_cast<ike::commands::Dataplane&>(dp));
  const auto snaps = ep.pair.a.engine->snapshot();
  const auto now = ep.pair.clock.now();
  auto r = sh.run("sh cry ikev2 sa det");
  EXPECT_FALSE(r.rejected) << r.output;
  EXPECT_NE(r.output.find(ike::commands::format_ios_ikev2_sa(snaps, true, now)), std::string::npos) << r.output;
  r = sh.run("show crypto ikev2 sa");
  EXPECT_NE(r.output.find(ike::commands::format_ios_ikev2_sa(snaps, false, now)), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("86400/103 sec"), std::string::npos);
  r = sh.run("show crypto ikev2 stats");
  EXPECT_NE(r.output.find("Total outgoing IKEv2 SA Count:    1        active:        1"), std::string::npos)
      << r.output;
}

TEST(ShowSaCommands, AsaKeywordIsDetailAndItAddsTheSessionIdLine) {
  EstablishedPair ep;
  std::string why;
  ASSERT_TRUE(ep.establish({}, 10s, &why)) << why;
  Shell sh(grammar::Dialect::Asa);
  FakeDataplane dp(ep.pair, ep.pair.b, ep.config_b());
  sh.services.provide(static_cast<ike::commands::Dataplane&>(dp));
  auto r = sh.run("show crypto ikev2 sa detail");
  EXPECT_FALSE(r.rejected) << r.output;
  EXPECT_NE(r.output.find("      Session-id: 1\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("RESPONDER"), std::string::npos);
  EXPECT_TRUE(sh.run("show crypto ikev2 sa detailed").rejected) << "ASA has no `detailed` keyword";
}

}  // namespace
}  // namespace ravelin::test
