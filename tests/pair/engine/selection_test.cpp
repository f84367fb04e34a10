// Responder choices in IKE_AUTH: profile by `match identity remote`, keyring lookup, selectors
// narrowed (§2.9) or refused (TS_UNACCEPTABLE), child proposals; a failed child keeps the IKE SA.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using ike::config::IdentityMatch;
using ike::config::IdType;
using ike::engine::EventKind;
using namespace std::chrono_literals;

ipsec::ts::TrafficSelector net(const char* p) {
  return ipsec::ts::TrafficSelector::from_prefix(*platform::Prefix::parse(p));
}

struct Configs {
  ike::config::IkeConfig a, b;
};

Configs base(Pair& p) {
  return {site_config(p.a.address, p.b.address, 1, 2), site_config(p.b.address, p.a.address, 2, 1)};
}

TEST(ProfileSelection, ResponderPicksTheProfileWhoseMatchIdentityRemoteMatches) {
  Pair p;
  auto c = base(p);
  c.a.profiles[0].identity_local = ike::config::Identity{IdType::Fqdn, "r1.branch.example"};
  auto other = c.b.profiles[0];
  other.name = "other";
  other.match_identity_remote = {{IdentityMatch::Kind::Fqdn, std::nullopt, "hq.example"}};
  auto branch = c.b.profiles[0];
  branch.name = "branches";
  branch.match_identity_remote = {{IdentityMatch::Kind::FqdnDomain, std::nullopt, "branch.example"}};
  c.b.profiles = {other, branch};
  p.configure(c.a, c.b);
  // IKE_AUTH { IDi(FQDN r1.branch.example), AUTH, SAi2, TSi, TSr } -->
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready(); }, 10s)) << p.b.events_text();
  EXPECT_EQ(p.b.engine->snapshot()[0].profile, "branches");
  EXPECT_EQ(p.b.engine->snapshot()[0].remote_identity, "r1.branch.example");
}

TEST(ProfileSelection, IdentityMatchingNoProfileIsRefusedAndExplained) {
  Pair p;
  auto c = base(p);
  c.a.profiles[0].identity_local = ike::config::Identity{IdType::Fqdn, "stranger.example"};
  p.configure(c.a, c.b);
  p.initiate_from_a();
  p.run_for(10s);
  EXPECT_TRUE(p.b.saw(EventKind::Failure, "identity fqdn stranger.example matched no ikev2 profile")) << p.b.events_text();
  EXPECT_TRUE(p.a.saw(EventKind::Failure, "AUTHENTICATION_FAILED")) << p.a.events_text();
  EXPECT_EQ(p.b.engine->ike_sa_count(), 0u);
}

TEST(ProfileSelection, MatchAddressLocalRestrictsTheProfile) {
  Pair p;
  auto c = base(p);
  c.b.profiles[0].match_address_local = {*platform::IpAddress::parse("10.9.9.9")};
  p.configure(c.a, c.b);
  p.initiate_from_a();
  p.run_for(10s);
  EXPECT_TRUE(p.b.saw(EventKind::Failure, "matched no ikev2 profile")) << p.b.events_text();
}

TEST(Keyring, KeyIsFoundByPeerIdentityWhenNoAddressMatches) {
  Pair p;
  auto c = base(p);
  c.a.profiles[0].identity_local = ike::config::Identity{IdType::Rfc822, "vpn@branch.example"};
  c.b.profiles[0].match_identity_remote = {{IdentityMatch::Kind::EmailDomain, std::nullopt, "branch.example"}};
  auto& kp = c.b.keyrings[0].peers[0];
  kp.address.reset();
  kp.identity = ike::config::Identity{IdType::Rfc822, "vpn@branch.example"};
  p.configure(c.a, c.b);
  p.initiate_from_a();
  EXPECT_TRUE(p.run_until([&] { return p.both_ready(); }, 10s)) << p.b.events_text();
}

TEST(Keyring, MissingKeyNamesTheKeyringAndThePeer) {
  Pair p;
  auto c = base(p);
  c.b.keyrings[0].peers[0].address = platform::Prefix::parse("172.16.0.0/12");
  p.configure(c.a, c.b);
  p.initiate_from_a();
  p.run_for(10s);
  EXPECT_TRUE(p.b.saw(EventKind::Failure, "keyring 'kr' has no key for peer 10.0.0.1")) << p.b.events_text();
  EXPECT_EQ(p.a.engine->ike_sa_count(), 0u);
}

TEST(Keyring, InitiatorWithoutAKeyForThePeerDoesNotSendAuth) {
  Pair p;
  auto c = base(p);
  c.a.keyrings[0].peers.clear();
  p.configure(c.a, c.b);
  p.initiate_from_a();
  p.run_for(5s);
  EXPECT_TRUE(p.a.saw(EventKind::Failure, "keyring 'kr' has no key for peer 10.0.0.2")) << p.a.events_text();
}

TEST(Selectors, ResponderNarrowsToItsPolicyAndTheInitiatorInstallsTheNarrowedSelectors) {
  Pair p;
  auto c = base(p);
  c.a.crypto_map[0].remote_ts = {net("192.168.0.0/16")};  // A asks for more than B allows
  p.configure(c.a, c.b);
  // IKE_AUTH { ..., TSi(192.168.1.0/24), TSr(192.168.0.0/16) } -->
  // <-- IKE_AUTH { ..., TSi(192.168.1.0/24), TSr(192.168.2.0/24) }
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.a.kernel.sas.size() == 1; }, 10s)) << p.b.events_text();
  EXPECT_EQ(p.a.kernel.sas.begin()->second.remote_ts, ipsec::ts::TrafficSelectors{net("192.168.2.0/24")});
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
}

TEST(Selectors, DisjointSelectorsAreTsUnacceptableButTheIkeSaSurvives) {
  Pair p;
  auto c = base(p);
  c.a.crypto_map[0].remote_ts = {net("172.16.0.0/16")};
  p.configure(c.a, c.b);
  // <-- IKE_AUTH { IDr, AUTH, N(TS_UNACCEPTABLE) }
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready(); }, 10s));
  p.run_for(2s);
  EXPECT_TRUE(p.b.saw(EventKind::Failure, "unacceptable")) << p.b.events_text();
  EXPECT_TRUE(p.a.saw(EventKind::Failure, "TS_UNACCEPTABLE")) << p.a.events_text();
  EXPECT_TRUE(p.a.kernel.sas.empty());
  EXPECT_TRUE(p.b.kernel.sas.empty());
  EXPECT_TRUE(p.both_ready());
}

TEST(Selectors, ChildProposalMismatchIsNoProposalChosenButTheIkeSaSurvives) {
  Pair p;
  SiteOptions ob;
  ob.esp_encryption = {{ike::config::encr::kAesCbc, 128}};
  p.configure({}, ob);
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready(); }, 10s));
  p.run_for(2s);
  EXPECT_TRUE(p.a.saw(EventKind::Failure, "child SA refused by peer: NO_PROPOSAL_CHOSEN")) << p.a.events_text();
  EXPECT_TRUE(p.a.kernel.sas.empty());
  EXPECT_TRUE(p.b.kernel.sas.empty());
}

TEST(Selectors, ResponderAlsoInitiatesTheOtherWay) {
  Pair p;
  p.configure();
  p.initiate_from_b();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s));
  EXPECT_TRUE(p.b.engine->snapshot()[0].initiator);
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
}

TEST(Acquire, KernelAcquireInitiatesOnceEvenWhenRepeated) {
  Pair p;
  p.configure();
  ike::engine::KernelEvent acq{ike::engine::KernelEvent::Kind::Acquire, p.map_entry_a(), 0};
  p.absorb(p.a, p.a.engine->on_kernel_event(p.clock.now(), acq));
  p.absorb(p.a, p.a.engine->on_kernel_event(p.clock.now(), acq));
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s));
  EXPECT_EQ(p.a.engine->ike_sa_count(), 1u);
}

}  // namespace
}  // namespace ravelin::test
