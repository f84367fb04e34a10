// Message-ID window > 1 as initiator (RFC 7296 §2.3): up to min(our `crypto ikev2 window size`, the
// peer's SET_WINDOW_SIZE) requests in flight, each retransmitted on its own timer, each completed by
// the response with its Message ID, in whatever order the responses arrive. Additional children
// (CREATE_CHILD_SA without REKEY_SA, §1.3.1) give several independent requests to send.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

// Crypto-map entries 20, 30, ... protecting 172.16.<10k + site>.0/24 <-> 172.16.<10k + peer site>.0/24.
void add_entries(ike::config::IkeConfig& c, int site, int peer_site, int count) {
  const auto base = c.crypto_map.front();
  for (int k = 1; k <= count; ++k) {
    auto e = base;
    e.seq = static_cast<uint32_t>(10 + 10 * k);
    auto net = [&](int s) {
      return ipsec::ts::TrafficSelector::from_prefix(
          *platform::Prefix::parse("172.16." + std::to_string(10 * k + s) + ".0/24"));
    };
    e.local_ts = {net(site)};
    e.remote_ts = {net(peer_site)};
    c.crypto_map.push_back(e);
  }
}

struct Windowed {
  Windowed(uint32_t window_a, uint32_t window_b, int extra = 3) {
    ca = site_config(p.a.address, p.b.address, 1, 2);
    cb = site_config(p.b.address, p.a.address, 2, 1);
    ca.window_size = window_a;
    cb.window_size = window_b;
    add_entries(ca, 1, 2, extra);
    add_entries(cb, 2, 1, extra);
    p.configure(ca, cb);
    p.initiate_from_a();
    up = p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s);
    if (up) tunnel = p.a.engine->snapshot().at(0).tunnel_id;
  }
  // Asks A for a child per extra entry, all at once; the effects' datagrams are what left immediately.
  size_t request_children() {
    size_t sent = 0;
    for (size_t i = 1; i < ca.crypto_map.size(); ++i) {
      auto fx = p.a.engine->create_child_sa(p.clock.now(), tunnel, ca.crypto_map[i].id());
      sent += fx.datagrams.size();
      p.absorb(p.a, std::move(fx));
    }
    return sent;
  }
  bool all_children(size_t n, platform::Duration limit = 20s) {
    return p.run_until([&] { return p.a.kernel.sas.size() == n && p.b.kernel.sas.size() == n; }, limit);
  }
  bool settled(std::string* why) {
    return p.kernels_agree(why) && engines_match_kernels(p.a, why) && engines_match_kernels(p.b, why);
  }
  Pair p;
  ike::config::IkeConfig ca, cb;
  bool up = false;
  uint32_t tunnel = 0;
};

TEST(Window, SeveralCreateChildSasAreInFlightAtOnce) {
  Windowed w(4, 4);
  ASSERT_TRUE(w.up);
  // CREATE_CHILD_SA { SA, Ni, TSi, TSr } --> (Message ID 2)
  // CREATE_CHILD_SA { SA, Ni, TSi, TSr } --> (3)
  // CREATE_CHILD_SA { SA, Ni, TSi, TSr } --> (4)
  //                 <-- CREATE_CHILD_SA { SA, Nr, TSi, TSr } x 3
  EXPECT_EQ(w.request_children(), 3u);  // all three left at once
  ASSERT_TRUE(w.all_children(4)) << w.p.a.events_text() << w.p.b.events_text();
  std::string why;
  EXPECT_TRUE(w.settled(&why)) << why;
  EXPECT_EQ(w.p.a.engine->counters().max_requests_in_flight, 3u);
  EXPECT_EQ(w.p.a.engine->counters().create_child_sent, 3u);
  EXPECT_EQ(w.p.a.engine->counters().retransmits, 0u);
  EXPECT_EQ(w.p.a.engine->snapshot()[0].children.size(), 4u);
  EXPECT_EQ(w.p.a.engine->snapshot()[0].next_request_id, 5u);
}

TEST(Window, AWindowOfOneSendsOneRequestAtATime) {
  Windowed w(1, 1);
  ASSERT_TRUE(w.up);
  // CREATE_CHILD_SA --> <-- ; CREATE_CHILD_SA --> <-- ; CREATE_CHILD_SA --> <--
  EXPECT_EQ(w.request_children(), 1u);
  ASSERT_TRUE(w.all_children(4));
  EXPECT_EQ(w.p.a.engine->counters().max_requests_in_flight, 1u);
}

// A with window `ours`, B with `theirs`: four additional children, of which only `limit` leave at once.
void expect_window_limit(uint32_t ours, uint32_t theirs, uint32_t limit) {
  Windowed w(ours, theirs, 4);
  ASSERT_TRUE(w.up);
  EXPECT_EQ(w.p.a.engine->snapshot()[0].peer_window, theirs);
  EXPECT_EQ(w.request_children(), limit);
  ASSERT_TRUE(w.all_children(5));
  EXPECT_EQ(w.p.a.engine->counters().max_requests_in_flight, limit);
  std::string why;
  EXPECT_TRUE(w.settled(&why)) << why;
}

TEST(Window, APeerAnnouncingASmallerWindowLimitsWhatWeSend) {
  // B said SET_WINDOW_SIZE 2: two CREATE_CHILD_SA requests go, the others wait for answers.
  expect_window_limit(5, 2, 2);
}

TEST(Window, OurOwnSmallerWindowLimitsUsEvenIfThePeerAllowsMore) { expect_window_limit(2, 5, 2); }

TEST(Window, LossOfOneRequestRetransmitsItAndTheOthersComplete) {
  Windowed w(3, 3);
  ASSERT_TRUE(w.up);
  // CREATE_CHILD_SA (2) -->            answered
  // CREATE_CHILD_SA (3) --X            lost
  // CREATE_CHILD_SA (4) -->            beyond B's next expected ID: dropped, B waits for 3
  // ... 1 s: (3) and (4) retransmitted on their own timers, both answered.
  w.p.net.drop_nth(w.p.net.sent() + 2);
  EXPECT_EQ(w.request_children(), 3u);
  w.p.run_for(500ms);
  EXPECT_EQ(w.p.a.kernel.sas.size(), 2u);  // the first completed without waiting for the lost one
  ASSERT_TRUE(w.all_children(4));
  std::string why;
  EXPECT_TRUE(w.settled(&why)) << why;
  EXPECT_GE(w.p.a.engine->counters().retransmits, 1u);
  EXPECT_LE(w.p.a.engine->counters().retransmits, 2u);  // never the already answered request
}

TEST(Window, ResponsesArrivingOutOfOrderCompleteTheirOwnRequests) {
  Windowed w(3, 3);
  ASSERT_TRUE(w.up);
  // -->(2) -->(3) -->(4);  <--(3) <--(4) ... <--(2) (delayed 300 ms)
  const uint64_t first_response = w.p.net.sent() + 4;  // three requests, then B's answers in order
  w.p.net.delay_nth(first_response, 300ms);
  EXPECT_EQ(w.request_children(), 3u);
  w.p.run_for(100ms);
  EXPECT_EQ(w.p.a.kernel.sas.size(), 3u);  // (3) and (4) completed before (2)
  ASSERT_TRUE(w.all_children(4));
  std::string why;
  EXPECT_TRUE(w.settled(&why)) << why;
  EXPECT_EQ(w.p.a.engine->counters().retransmits, 0u);
}

// Every live child of `peer`, by inbound SPI.
std::vector<uint32_t> child_spis(const Peer& peer) {
  std::vector<uint32_t> out;
  for (const auto& [spi, sa] : peer.kernel.sas) out.push_back(spi);
  return out;
}

// Rekeys every child of `peer` at once; returns how many requests left immediately.
size_t rekey_all(Pair& p, Peer& peer) {
  size_t sent = 0;
  for (uint32_t spi : child_spis(peer)) {
    auto fx = peer.engine->rekey_child_sa(p.clock.now(), spi);
    sent += fx.datagrams.size();
    p.absorb(peer, std::move(fx));
  }
  return sent;
}

TEST(Window, SeveralChildRekeysAreInFlightAtOnce) {
  Windowed w(4, 4);
  ASSERT_TRUE(w.up);
  w.request_children();
  ASSERT_TRUE(w.all_children(4));
  const auto spis = child_spis(w.p.a);
  // CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, TSi, TSr } --> x 4, then INFORMATIONAL { D(ESP) } --> x 4
  EXPECT_EQ(rekey_all(w.p, w.p.a), 4u);
  w.p.run_for(10s);
  std::string why;
  EXPECT_TRUE(w.settled(&why)) << why;
  ASSERT_EQ(w.p.a.kernel.sas.size(), 4u);
  for (uint32_t spi : spis) EXPECT_EQ(w.p.a.kernel.sas.count(spi), 0u) << "old child still installed";
  EXPECT_EQ(w.p.a.engine->counters().max_requests_in_flight, 4u);
}

TEST(Window, CrossingRekeysOfEveryChildFromBothSidesEndWithOneChildPerEntry) {
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    SCOPED_TRACE(seed);
    Windowed w(4, 4);
    ASSERT_TRUE(w.up);
    w.request_children();
    ASSERT_TRUE(w.all_children(4));
    // A: CREATE_CHILD_SA { N(REKEY_SA) ... } x 4 -->   <-- B: CREATE_CHILD_SA { N(REKEY_SA) ... } x 4
    // §2.8.1 per child: the new SA with the lowest nonce is deleted by its initiator.
    w.p.net.set_random(0, 0, 0.5, seed, 200ms);  // the eight requests and answers cross in any order
    EXPECT_EQ(rekey_all(w.p, w.p.a), 4u);
    EXPECT_EQ(rekey_all(w.p, w.p.b), 4u);
    w.p.run_for(30s);
    std::string why;
    EXPECT_TRUE(w.settled(&why)) << why;
    EXPECT_EQ(w.p.a.kernel.sas.size(), 4u);
    EXPECT_EQ(w.p.a.engine->snapshot()[0].children.size(), 4u);
    EXPECT_TRUE(w.p.both_ready());
  }
}

TEST(Window, AnIkeRekeyWaitsForTheChildRekeysInFlightAndCarriesEveryChild) {
  Windowed w(4, 4);
  ASSERT_TRUE(w.up);
  w.request_children();
  ASSERT_TRUE(w.all_children(4));
  // CREATE_CHILD_SA { N(REKEY_SA) } x 3 -->; CREATE_CHILD_SA { SA(IKE), Ni, KEi } only after their
  // answers (and the DELETEs of the old children they queue are held behind it).
  auto spis = child_spis(w.p.a);
  size_t sent = 0;
  for (size_t i = 0; i < 3; ++i) {
    auto fx = w.p.a.engine->rekey_child_sa(w.p.clock.now(), spis[i]);
    sent += fx.datagrams.size();
    w.p.absorb(w.p.a, std::move(fx));
  }
  auto fx = w.p.a.engine->rekey_ike_sa(w.p.clock.now(), w.tunnel);
  EXPECT_EQ(sent, 3u);
  EXPECT_TRUE(fx.datagrams.empty());
  w.p.absorb(w.p.a, std::move(fx));
  w.p.run_for(10s);
  std::string why;
  EXPECT_TRUE(w.settled(&why)) << why;
  auto a = w.p.a.engine->snapshot();
  ASSERT_EQ(a.size(), 1u);
  EXPECT_NE(a[0].tunnel_id, w.tunnel);  // the rekeyed IKE SA
  EXPECT_EQ(a[0].children.size(), 4u);
  EXPECT_EQ(w.p.b.engine->snapshot().size(), 1u);
  EXPECT_EQ(w.p.a.engine->counters().ike_sa_rekeyed, 1u);
}

TEST(Window, ADeleteOfTheIkeSaWaitsForTheRequestsSentBeforeIt) {
  Windowed w(3, 3, 2);
  ASSERT_TRUE(w.up);
  // -->(2) -->(3) CREATE_CHILD_SA; INFORMATIONAL { D(IKE) } (4) only after both answers (§1.4.1:
  // deleting the IKE SA ends every exchange on it).
  std::vector<uint32_t> order;
  w.p.net.set_tap([&](uint64_t, const ike::engine::Datagram& d) {
    if (d.local.address == w.p.a.address) order.push_back(static_cast<uint32_t>(d.bytes.size()));
  });
  EXPECT_EQ(w.request_children(), 2u);
  auto fx = w.p.a.engine->delete_ike_sa(w.p.clock.now(), w.tunnel);
  EXPECT_TRUE(fx.datagrams.empty());
  w.p.absorb(w.p.a, std::move(fx));
  ASSERT_TRUE(w.p.run_until([&] { return w.p.a.engine->ike_sa_count() == 0 && w.p.b.engine->ike_sa_count() == 0; }, 20s));
  EXPECT_EQ(order.size(), 3u);
  EXPECT_EQ(w.p.b.engine->counters().child_sa_established, 3u);  // B answered both before the DELETE
  EXPECT_TRUE(w.p.a.kernel.sas.empty());
  EXPECT_TRUE(w.p.b.kernel.sas.empty());
}

TEST(Window, RetransmissionsRunOnEachRequestsOwnTimerUntilThePeerIsDeclaredDead) {
  Windowed w(3, 3, 2);
  ASSERT_TRUE(w.up);
  w.p.net.set_blackhole([](const ike::engine::Datagram&) { return true; });
  w.request_children();
  // Each request: 1 + 7 retransmissions (1, 2, 4, ... 64 s), then the peer is dead.
  ASSERT_TRUE(w.p.run_until([&] { return w.p.a.engine->ike_sa_count() == 0; }, 400s));
  EXPECT_EQ(w.p.a.engine->counters().peers_declared_dead, 1u);
  EXPECT_GE(w.p.a.engine->counters().retransmits, 14u);
  EXPECT_TRUE(w.p.a.kernel.sas.empty());
}

TEST(Window, AnAdditionalChildForAnUnknownEntryIsAFailureEvent) {
  Windowed w(2, 2, 1);
  ASSERT_TRUE(w.up);
  auto fx = w.p.a.engine->create_child_sa(w.p.clock.now(), w.tunnel, 12345);
  EXPECT_TRUE(fx.datagrams.empty());
  ASSERT_EQ(fx.events.size(), 1u);
  EXPECT_EQ(fx.events[0].kind, ike::engine::EventKind::Failure);
  EXPECT_TRUE(w.p.a.engine->create_child_sa(w.p.clock.now(), w.tunnel + 99, w.ca.crypto_map[1].id()).empty());
}

}  // namespace
}  // namespace ravelin::test
