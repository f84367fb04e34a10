// `show crypto ikev2 diagnose [error]` from real failed negotiations, and the rule that no show,
// clear, debug or diagnose output ever carries a pre-shared key or key bytes.
#include <gtest/gtest.h>

#include <cstdio>

#include "ike/commands/show_diagnose.hpp"
#include "tests/unit/show_sa/established_pair.hpp"
#include "tests/unit/show_sa/fake_dataplane.hpp"
#include "tests/unit/show_sa/ops_shell.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;
using ike::commands::diagnose_failure;
using ike::commands::format_ikev2_diagnose;

// Runs A -> B with the given options until both gave up; returns B's (responder) and A's events.
std::pair<std::vector<ike::engine::Event>, std::vector<ike::engine::Event>> failed(const SiteOptions& a,
                                                                                   const SiteOptions& b) {
  Pair pair;
  pair.configure(a, b);
  pair.initiate_from_a();
  pair.run_for(120s);
  return {pair.b.events, pair.a.events};
}

TEST(Diagnose, ProposalMismatchNamesBothOffersTheNotifyAndWhatToCheck) {
  SiteOptions a, b;
  b.integrity = {ike::config::integ::kHmacSha1_96};
  auto [at_b, at_a] = failed(a, b);
  const auto text = format_ikev2_diagnose(at_b, true);
  EXPECT_NE(text.find("Category: Proposal mismatch\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    Reason: IKE_SA_INIT from 10.0.0.1"), std::string::npos) << text;
  // Both sides' proposals by name, never by IANA number: B accepts only SHA96 integrity.
  EXPECT_NE(text.find("    Reason: IKE_SA_INIT from 10.0.0.1:500: no proposal chosen\n"
                      "    Peer offered: AES-CBC-256, PRF SHA256, Integrity SHA256, DH_GROUP_256_ECP/Group 19\n"
                      "    We accept:    AES-CBC-256, PRF SHA1, Integrity SHA96, DH_GROUP_256_ECP/Group 19\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("INTEG"), std::string::npos) << text;
  EXPECT_EQ(text.find("PRF5"), std::string::npos) << text;
  EXPECT_NE(text.find("    Notify: NO_PROPOSAL_CHOSEN sent to the peer\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    Check:  `crypto ikev2 proposal`"), std::string::npos) << text;
  const auto initiator = format_ikev2_diagnose(at_a, true);
  EXPECT_NE(initiator.find("Notify: NO_PROPOSAL_CHOSEN received from the peer"), std::string::npos) << initiator;
}

TEST(Diagnose, PskMismatchIsAnAuthenticationFailureOnBothSidesWithoutTheKey) {
  SiteOptions a, b;
  a.psk = "alpha-key-1";
  b.psk = "bravo-key-2";
  auto [at_b, at_a] = failed(a, b);
  const auto responder = format_ikev2_diagnose(at_b, true);
  EXPECT_NE(responder.find("Category: Authentication\n"), std::string::npos) << responder;
  EXPECT_NE(responder.find("Notify: AUTHENTICATION_FAILED sent to the peer"), std::string::npos) << responder;
  const auto initiator = format_ikev2_diagnose(at_a, true);
  EXPECT_NE(initiator.find("Notify: AUTHENTICATION_FAILED received from the peer"), std::string::npos) << initiator;
  for (const auto& text : {responder, initiator}) {
    EXPECT_EQ(text.find("alpha-key-1"), std::string::npos);
    EXPECT_EQ(text.find("bravo-key-2"), std::string::npos);
  }
}

TEST(Diagnose, EveryKnownReasonGetsItsCategory) {
  EXPECT_EQ(diagnose_failure("selectors 192.168.9.0/24 -> 192.168.2.0/24 unacceptable: no entry").category,
            "Traffic selectors");
  EXPECT_EQ(diagnose_failure("selectors a -> b unacceptable: x").notify, "TS_UNACCEPTABLE sent to the peer");
  EXPECT_EQ(diagnose_failure("identity fqdn r9.example matched no ikev2 profile").category, "Identity");
  EXPECT_EQ(diagnose_failure("negotiation failed: keyring 'kr' has no key for peer 10.0.0.9").category,
            "Pre-shared key lookup");
  EXPECT_EQ(diagnose_failure("negotiation failed: responder wants DH group 14 which we did not offer").category,
            "DH group");
  EXPECT_EQ(diagnose_failure("negotiation failed: peer not responding after 8 tries").category, "Peer unreachable");
  EXPECT_EQ(diagnose_failure("child SA refused by peer: TS_UNACCEPTABLE; we offered ESP").category,
            "Traffic selectors");
  EXPECT_EQ(diagnose_failure("negotiation failed: responder's AUTH does not verify (pre-shared key mismatch)").category,
            "Authentication");
  EXPECT_EQ(diagnose_failure("something new").category, "Other");
}

TEST(Diagnose, ErrorsOnlyHidesUpDownEventsAndEmptyListsSayNothingHappened) {
  std::vector<ike::engine::Event> ev = {{ike::engine::EventKind::IkeSaUp, 1, "IKE SA up"},
                                        {ike::engine::EventKind::Failure, 0, "x: peer not responding after 8 tries"}};
  const auto all = format_ikev2_diagnose(ev, false);
  EXPECT_EQ(all.rfind("IKEv2 diagnose: 2 recent events, oldest first\n\n 1  IKE SA up, Tunnel-id: 1\n", 0), 0u) << all;
  const auto errors = format_ikev2_diagnose(ev, true);
  EXPECT_EQ(errors,
            "IKEv2 diagnose: 1 recent failure, oldest first\n\n"
            " 1  Failure, no IKE SA, Category: Peer unreachable\n"
            "    Reason: x: peer not responding after 8 tries\n"
            "    Check:  reachability of the peer on UDP 500/4500 and that it runs IKEv2\n\n");
  EXPECT_EQ(format_ikev2_diagnose({}, true), "No IKEv2 failures recorded\n");
  EXPECT_EQ(format_ikev2_diagnose({ev[0]}, true), "No IKEv2 failures recorded\n");
}

TEST(Diagnose, ShellCommandPrintsTheDataplanesRecentEvents) {
  EstablishedPair ep;
  std::string why;
  ASSERT_TRUE(ep.establish({}, 5s, &why)) << why;
  FakeDataplane dp(ep.pair, ep.pair.a, ep.config_a());
  dp.events = {{ike::engine::EventKind::Failure, 3, "identity fqdn x.example matched no ikev2 profile"}};
  for (auto d : {grammar::Dialect::Ios, grammar::Dialect::Asa}) {
    OpsShell sh(d);
    sh.provide(dp);
    auto r = sh.run("show crypto ikev2 diagnose error");
    EXPECT_EQ(r.output, format_ikev2_diagnose(dp.events, true));
    EXPECT_NE(r.output.find("Tunnel-id: 3, Category: Identity"), std::string::npos) << r.output;
  }
}

std::string hex(const std::vector<uint8_t>& bytes, bool upper) {
  std::string out;
  char b[4];
  for (uint8_t v : bytes) {
    std::snprintf(b, sizeof b, upper ? "%02X" : "%02x", v);
    out += b;
  }
  return out;
}

TEST(Secrets, NoOperatorOutputCarriesThePskOrAnyKeyBytes) {
  const std::string psk = "Pr1vate-PSK-value";
  SiteOptions o;
  o.psk = psk;
  EstablishedPair ep;
  std::string why;
  ASSERT_TRUE(ep.establish(o, 30s, &why)) << why;
  FakeDataplane dp(ep.pair, ep.pair.a, ep.config_a());
  dp.mirror_kernel(true, {.bytes = 100, .packets = 1}, {.bytes = 100, .packets = 1});
  dp.events = ep.pair.a.events;  // includes the up events of this handshake
  std::vector<std::string> needles = {psk};
  for (const auto& [spi, sa] : ep.pair.a.kernel.sas) {
    for (const auto* k : {&sa.inbound_encr_key, &sa.outbound_encr_key, &sa.inbound_integ_key, &sa.outbound_integ_key}) {
      ASSERT_GE(k->size(), 16u);
      const std::vector<uint8_t> head(k->bytes().begin(), k->bytes().begin() + 8);
      needles.push_back(hex(head, false));
      needles.push_back(hex(head, true));
    }
  }
  std::string all;
  OpsShell ios(grammar::Dialect::Ios);
  ios.provide(dp);
  for (const char* line : {"show crypto ikev2 sa", "show crypto ikev2 sa detailed", "show crypto ikev2 stats",
                           "show crypto ikev2 session", "show crypto ikev2 session detailed", "show crypto session",
                           "show crypto session detail", "show crypto ipsec sa", "show crypto ipsec sa detail",
                           "show crypto ikev2 diagnose", "debug crypto ikev2", "debug crypto ikev2 keylog /tmp/kl",
                           "show debugging", "undebug all"}) {
    all += ios.run(line).output;
  }
  OpsShell asa(grammar::Dialect::Asa);
  asa.provide(dp);
  for (const char* line : {"show crypto ikev2 sa detail", "show crypto ipsec sa", "show crypto ikev2 diagnose",
                           "debug crypto ikev2 protocol 127", "show debug"}) {
    all += asa.run(line).output;
  }
  ASSERT_GT(all.size(), 2000u) << "the commands printed their views";
  for (const auto& n : needles) EXPECT_EQ(all.find(n), std::string::npos) << "secret material in output: " << n;
}

}  // namespace
}  // namespace ravelin::test
