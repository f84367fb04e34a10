// Retransmission (1 s doubling to 64 s, dead after 8 tries), the Message-ID window and the response
// cache (RFC 7296 §2.1-§2.3) under loss, duplication and reordering of each handshake message.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using ike::engine::EventKind;
using namespace std::chrono_literals;

// Datagram numbers in a clean handshake:
// 1: IKE_SA_INIT { SAi1, KEi, Ni } -->
// 2: <-- IKE_SA_INIT { SAr1, KEr, Nr }
// 3: IKE_AUTH { IDi, AUTH, SAi2, TSi, TSr } -->
// 4: <-- IKE_AUTH { IDr, AUTH, SAr2, TSi, TSr }
class HandshakeMessage : public ::testing::TestWithParam<int> {};

TEST_P(HandshakeMessage, LosingItOnceStillEstablishesAfterARetransmit) {
  Pair p;
  p.configure();
  p.net.drop_nth(static_cast<uint64_t>(GetParam()));
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 30s))
      << p.a.events_text() << p.b.events_text();
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
  EXPECT_EQ(p.a.engine->counters().retransmits, 1u);
  EXPECT_EQ(p.a.engine->ike_sa_count(), 1u);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 1u);
  // A lost response makes the responder see the request twice: answered from its cache.
  const bool response_lost = GetParam() % 2 == 0;
  EXPECT_EQ(p.b.engine->counters().cached_responses, response_lost ? 1u : 0u);
}

TEST_P(HandshakeMessage, DuplicatingItChangesNothing) {
  Pair p;
  p.configure();
  p.net.duplicate_nth(static_cast<uint64_t>(GetParam()));
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s))
      << p.a.events_text() << p.b.events_text();
  p.run_for(5s);
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
  EXPECT_EQ(p.a.engine->ike_sa_count(), 1u);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 1u);
  EXPECT_EQ(p.a.kernel.installs, 1u);
  EXPECT_EQ(p.b.kernel.installs, 1u);
  EXPECT_EQ(p.a.engine->counters().retransmits, 0u);
  const bool request_duplicated = GetParam() % 2 == 1;
  if (request_duplicated) {
    EXPECT_EQ(p.b.engine->counters().cached_responses, 1u);
  } else {
    EXPECT_EQ(p.a.engine->counters().dropped_out_of_window, 1u);  // a second copy of a response
  }
}

TEST_P(HandshakeMessage, DelayingItPastARetransmitLetsTheCopiesArriveOutOfOrder) {
  Pair p;
  p.configure();
  p.net.delay_nth(static_cast<uint64_t>(GetParam()), 1500ms);
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 30s))
      << p.a.events_text() << p.b.events_text();
  p.run_for(10s);
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
  EXPECT_EQ(p.a.engine->ike_sa_count(), 1u);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 1u);
  EXPECT_EQ(p.a.kernel.installs, 1u);
  EXPECT_EQ(p.b.kernel.installs, 1u);
}

INSTANTIATE_TEST_SUITE_P(EachOfTheFour, HandshakeMessage, ::testing::Values(1, 2, 3, 4));

TEST(Retransmission, IntervalDoublesFromOneSecondToSixtyFourThenPeerIsDeclaredDead) {
  Pair p;
  p.configure();
  p.net.set_blackhole([&](const ike::engine::Datagram& d) { return d.remote.address == p.b.address; });
  p.initiate_from_a();
  std::vector<double> sends;
  const auto start = p.clock.now();
  // Sample A's retransmissions by watching its deadline.
  for (int i = 0; i < 20 && p.a.engine->ike_sa_count() == 1; ++i) {
    auto t = p.a.engine->next_deadline();
    ASSERT_TRUE(t);
    p.clock.advance_to(*t);
    sends.push_back(std::chrono::duration<double>(*t - start).count());
    p.absorb(p.a, p.a.engine->on_timer(p.clock.now()));
  }
  // Deadlines: 1, 3, 7, 15, 31, 63, 127 (retransmits) and 191 (the 8th try times out: dead).
  std::vector<double> want{1, 3, 7, 15, 31, 63, 127, 191};
  ASSERT_EQ(sends.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_NEAR(sends[i], want[i], 0.001) << i;
  EXPECT_EQ(p.a.engine->counters().retransmits, 7u);
  EXPECT_EQ(p.a.engine->counters().peers_declared_dead, 1u);
  EXPECT_EQ(p.a.engine->ike_sa_count(), 0u);
  EXPECT_FALSE(p.a.engine->next_deadline());
  EXPECT_TRUE(p.a.saw(EventKind::Failure, "peer not responding after 8 tries")) << p.a.events_text();
}

TEST(Retransmission, ResponderForgetsAHalfOpenSaWhoseAuthNeverComes) {
  Pair p;
  p.configure();
  // Everything from A after its first IKE_SA_INIT is lost.
  p.net.set_blackhole([&](const ike::engine::Datagram& d) {
    return d.remote.address == p.b.address && p.b.engine->ike_sa_count() == 1;
  });
  p.initiate_from_a();
  p.run_for(5s);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 1u);
  p.run_for(40s);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 0u);
  EXPECT_TRUE(p.b.saw(EventKind::Failure, "half-open")) << p.b.events_text();
}

TEST(MessageWindow, ReplayedRequestIsAnsweredFromCacheUntilTheWindowMovesOn) {
  Pair p;
  SiteOptions o;
  p.configure(o, o);
  ike::engine::Datagram auth_request;
  p.net.set_tap([&](uint64_t n, const ike::engine::Datagram& d) {
    if (n == 3) auth_request = d;
  });
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.b.kernel.sas.size() == 1; }, 10s));
  ASSERT_FALSE(auth_request.bytes.empty());
  // IKE_AUTH { IDi, AUTH, SAi2, TSi, TSr } --> (replayed, Message ID 1)
  // <-- the cached IKE_AUTH response, without re-processing (no second child, no new SPI)
  auto fx = p.b.engine->on_datagram(p.clock.now(), auth_request.remote, auth_request.local, auth_request.bytes);
  EXPECT_EQ(fx.datagrams.size(), 1u);
  EXPECT_TRUE(fx.install.empty());
  EXPECT_EQ(p.b.engine->counters().cached_responses, 1u);
  // An INFORMATIONAL (Message ID 2) moves B's window: the old request is now out of window.
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), p.a.kernel.sas.begin()->first));
  ASSERT_TRUE(p.run_until([&] { return p.a.engine->snapshot()[0].next_request_id >= 4; }, 10s));
  p.run_for(2s);
  auto fx2 = p.b.engine->on_datagram(p.clock.now(), auth_request.remote, auth_request.local, auth_request.bytes);
  EXPECT_TRUE(fx2.datagrams.empty());
  EXPECT_GE(p.b.engine->counters().dropped_out_of_window, 1u);
}

TEST(MessageWindow, ForgedRequestWithTheRightSpisIsDroppedWithoutAnswer) {
  Pair p;
  p.configure();
  ike::engine::Datagram auth_request;
  p.net.set_tap([&](uint64_t n, const ike::engine::Datagram& d) {
    if (n == 3) auth_request = d;
  });
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready(); }, 10s));
  auto forged = auth_request.bytes;
  forged.back() ^= 0x01;  // breaks the ICV
  auto fx = p.b.engine->on_datagram(p.clock.now(), auth_request.remote, auth_request.local, forged);
  EXPECT_TRUE(fx.datagrams.empty());
  EXPECT_EQ(p.b.engine->counters().cached_responses, 0u);
  EXPECT_EQ(p.b.engine->counters().dropped_invalid, 1u);
}

}  // namespace
}  // namespace ravelin::test
