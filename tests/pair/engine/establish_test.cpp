// IKE_SA_INIT + IKE_AUTH with PSK between two engines: success, and every way it can fail.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using ike::engine::EventKind;
using ike::engine::IkeStatus;
using namespace std::chrono_literals;

TEST(Establish, PskHandshakeInstallsOneCrossedChildOnEachSide) {
  Pair p;
  p.configure();
  // IKE_SA_INIT { SAi1, KEi, Ni } -->
  // <-- IKE_SA_INIT { SAr1, KEr, Nr }
  // IKE_AUTH { IDi, AUTH, SAi2, TSi, TSr } -->
  // <-- IKE_AUTH { IDr, AUTH, SAr2, TSi, TSr }
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s))
      << p.a.events_text() << p.b.events_text();
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
  auto sa = p.a.engine->snapshot();
  auto sb = p.b.engine->snapshot();
  ASSERT_EQ(sa.size(), 1u);
  ASSERT_EQ(sb.size(), 1u);
  EXPECT_EQ(sa[0].spi_i, sb[0].spi_i);
  EXPECT_EQ(sa[0].spi_r, sb[0].spi_r);
  EXPECT_TRUE(sa[0].initiator);
  EXPECT_FALSE(sb[0].initiator);
  EXPECT_EQ(sa[0].group, 19);
  EXPECT_EQ(sa[0].encr, 12);
  EXPECT_EQ(sa[0].key_bits, 256);
  EXPECT_EQ(sa[0].remote_identity, "10.0.0.2");
  EXPECT_EQ(sb[0].remote_identity, "10.0.0.1");
  EXPECT_EQ(sb[0].profile, "prof");
  // Message IDs: INIT used 0, AUTH 1 (§2.2).
  EXPECT_EQ(sa[0].next_request_id, 2u);
  EXPECT_EQ(sb[0].next_peer_request_id, 2u);
  ASSERT_EQ(sa[0].children.size(), 1u);
  const auto& child = p.a.kernel.sas.begin()->second;
  EXPECT_EQ(child.local_ts[0].to_string(), "192.168.1.0/24");
  EXPECT_EQ(child.remote_ts[0].to_string(), "192.168.2.0/24");
  EXPECT_EQ(child.outbound_encr_key.size(), 32u);
  EXPECT_EQ(child.outbound_integ_key.size(), 32u);
  EXPECT_EQ(child.lifetime.hard_seconds, 3600u);
  EXPECT_LT(child.lifetime.soft_seconds, 3600u * 9 / 10 + 1);
  EXPECT_GT(child.lifetime.soft_seconds, 3600u * 85 / 100 - 1);
  EXPECT_TRUE(p.a.saw(EventKind::IkeSaUp));
  EXPECT_TRUE(p.b.saw(EventKind::ChildSaUp));
}

TEST(Establish, AeadProposalsNegotiateAesGcmForIkeAndEsp) {
  Pair p;
  SiteOptions o;
  o.encryption = {{ike::config::encr::kAesGcm16, 256}};
  o.integrity = {};
  o.groups = {31};
  o.esp_encryption = {{ike::config::encr::kAesGcm16, 128}};
  o.esp_integrity = {ike::config::integ::kNone};
  p.configure(o, o);
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s))
      << p.a.events_text() << p.b.events_text();
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
  const auto& child = p.a.kernel.sas.begin()->second;
  EXPECT_EQ(child.algorithms.encr_id, 20);
  EXPECT_EQ(child.outbound_encr_key.size(), 16u + 4u);  // key || 4-byte salt (RFC 4106)
  EXPECT_TRUE(child.outbound_integ_key.empty());
  EXPECT_EQ(p.a.engine->snapshot()[0].group, 31);
}

TEST(Establish, ResponderSelectsInItsOwnPreferenceOrder) {
  Pair p;
  SiteOptions oa;
  oa.encryption = {{ike::config::encr::kAesCbc, 128}, {ike::config::encr::kAesCbc, 256}};
  oa.groups = {19, 20};
  SiteOptions ob;
  ob.encryption = {{ike::config::encr::kAesCbc, 256}, {ike::config::encr::kAesCbc, 128}};
  ob.groups = {19, 20};
  p.configure(oa, ob);
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready(); }, 10s)) << p.a.events_text() << p.b.events_text();
  EXPECT_EQ(p.a.engine->snapshot()[0].key_bits, 256);
}

TEST(Establish, WrongPskFailsWithAuthenticationFailedAndInstallsNothing) {
  Pair p;
  SiteOptions ob;
  ob.psk = "other-key";
  p.configure({}, ob);
  p.initiate_from_a();
  // IKE_AUTH { IDi, AUTH(wrong key), SAi2, TSi, TSr } -->
  // <-- IKE_AUTH { N(AUTHENTICATION_FAILED) }
  p.run_for(10s);
  EXPECT_TRUE(p.b.saw(EventKind::Failure, "pre-shared key mismatch")) << p.b.events_text();
  EXPECT_TRUE(p.a.saw(EventKind::Failure, "AUTHENTICATION_FAILED")) << p.a.events_text();
  EXPECT_EQ(p.a.engine->ike_sa_count(), 0u);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 0u);
  EXPECT_TRUE(p.a.kernel.sas.empty());
  EXPECT_TRUE(p.b.kernel.sas.empty());
}

TEST(Establish, InitiatorRejectsResponderWithWrongKey) {
  Pair p;
  SiteOptions oa;
  oa.peer_psk = "expected-from-b";  // B signs with "cisco123"
  SiteOptions ob;
  ob.peer_psk = "cisco123";
  p.configure(oa, ob);
  p.initiate_from_a();
  p.run_for(10s);
  EXPECT_TRUE(p.a.saw(EventKind::Failure, "responder's AUTH does not verify")) << p.a.events_text();
  EXPECT_EQ(p.a.engine->ike_sa_count(), 0u);
  EXPECT_TRUE(p.a.kernel.sas.empty());
}

TEST(Establish, DifferentLocalAndRemoteKeysWork) {
  Pair p;
  SiteOptions oa;
  oa.psk = "a-signs-with-this";
  oa.peer_psk = "b-signs-with-this";
  SiteOptions ob;
  ob.psk = "b-signs-with-this";
  ob.peer_psk = "a-signs-with-this";
  p.configure(oa, ob);
  p.initiate_from_a();
  EXPECT_TRUE(p.run_until([&] { return p.both_ready(); }, 10s)) << p.a.events_text() << p.b.events_text();
}

TEST(Establish, ProposalMismatchIsNoProposalChosenWithBothOffersExplained) {
  Pair p;
  SiteOptions ob;
  ob.encryption = {{ike::config::encr::kAesGcm16, 256}};
  ob.integrity = {};
  p.configure({}, ob);
  p.initiate_from_a();
  // IKE_SA_INIT { SAi1, KEi, Ni } -->
  // <-- IKE_SA_INIT { N(NO_PROPOSAL_CHOSEN) }
  p.run_for(10s);
  EXPECT_TRUE(p.a.saw(EventKind::Failure, "NO_PROPOSAL_CHOSEN")) << p.a.events_text();
  EXPECT_TRUE(p.b.saw(EventKind::Failure, "peer offered AES-CBC-256")) << p.b.events_text();
  EXPECT_TRUE(p.b.saw(EventKind::Failure, "we accept AES-GCM-256")) << p.b.events_text();
  EXPECT_EQ(p.a.engine->ike_sa_count(), 0u);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 0u);
}

TEST(Establish, InvalidKePayloadMakesInitiatorRetryWithTheRequestedGroup) {
  Pair p;
  SiteOptions oa;
  oa.groups = {19, 31};  // KEi is for 19
  SiteOptions ob;
  ob.groups = {31};
  p.configure(oa, ob);
  p.initiate_from_a();
  // IKE_SA_INIT { SAi1, KEi(19), Ni } -->
  // <-- IKE_SA_INIT { N(INVALID_KE_PAYLOAD, 31) }
  // IKE_SA_INIT { SAi1, KEi(31), Ni } -->
  // <-- IKE_SA_INIT { SAr1, KEr(31), Nr }
  ASSERT_TRUE(p.run_until([&] { return p.both_ready(); }, 10s)) << p.a.events_text() << p.b.events_text();
  EXPECT_EQ(p.a.engine->snapshot()[0].group, 31);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 1u);  // the refused first attempt left no state at B
}

TEST(Establish, InvalidKeForAGroupWeNeverOfferedFails) {
  Pair p;
  SiteOptions oa;
  oa.groups = {19};
  SiteOptions ob;
  ob.groups = {31, 19};
  p.configure(oa, ob);
  // B accepts 19 only as second choice: it selects its first (31) only if A offered it; A did not,
  // so 19 is chosen and no INVALID_KE happens.
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready(); }, 10s));
  EXPECT_EQ(p.a.engine->snapshot()[0].group, 19);
}

}  // namespace
}  // namespace ravelin::test
