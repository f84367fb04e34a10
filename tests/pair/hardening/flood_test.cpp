// Denial-of-service resistance of a responder (RFC 7296 §2.6, anchors-ike §6): spoofed IKE_SA_INIT
// floods, garbage and oversized datagrams, retransmission storms. Fake clock and network only; every
// flood is bounded in count.
#include <gtest/gtest.h>

#include <random>

#include "tests/pair/engine/pair_harness.cpp"  // NOLINT(bugprone-suspicious-include): the pair harness, compiled once here

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;
using ike::engine::Datagram;

// A's first IKE_SA_INIT request, re-sent with a fresh initiator SPI from spoofed 10.9.x.y:port.
struct Flooder {
  explicit Flooder(std::vector<uint8_t> request) : templ(std::move(request)) {}
  Datagram next(const platform::Endpoint& to) {
    ++n;
    Datagram d{to, platform::Endpoint{platform::IpAddress::v4(std::array<uint8_t, 4>{10, 9, uint8_t(n >> 8), uint8_t(n)}),
                                      static_cast<uint16_t>(1024 + n % 50000)},
               templ};
    for (int i = 0; i < 4; ++i) d.bytes[i] = static_cast<uint8_t>(n >> (8 * i));  // a new SPIi per request
    d.bytes[7] = 0x5f;
    return d;
  }
  std::vector<uint8_t> templ;
  uint32_t n = 0;
};

std::vector<uint8_t> first_request(Pair& p) {
  auto fx = p.a.engine->initiate(p.clock.now(), p.map_entry_a());
  return fx.datagrams.empty() ? std::vector<uint8_t>{} : fx.datagrams.front().bytes;
}

// B configured with `limit max-in-negotiation-sa limit` (no cookies), then n spoofed IKE_SA_INIT.
void flood_with_half_open_limit(Pair& p, uint32_t limit, int n) {
  auto cb = site_config(p.b.address, p.a.address, 2, 1);
  cb.max_in_negotiation_sa = limit;
  Pair probe;
  probe.configure();
  Flooder flood(first_request(probe));
  p.configure(site_config(p.a.address, p.b.address, 1, 2), cb);
  const platform::Endpoint b500{p.b.address, 500};
  for (int i = 0; i < n; ++i) {
    auto d = flood.next(b500);
    (void)p.b.engine->on_datagram(p.clock.now(), d.local, d.remote, d.bytes);
  }
}

TEST(InitFlood, PastTheCookieThresholdEverySpoofedRequestIsChallengedAndHalfOpenStateStaysBounded) {
  Pair p;
  auto cb = site_config(p.b.address, p.a.address, 2, 1);
  cb.cookie_challenge = 10;
  Pair probe;
  probe.configure();
  Flooder flood(first_request(probe));
  ASSERT_FALSE(flood.templ.empty());
  p.configure(site_config(p.a.address, p.b.address, 1, 2), cb);
  const platform::Endpoint b500{p.b.address, 500};
  // IKE_SA_INIT { SAi1, KEi, Ni } --> x 2000 from 2000 spoofed addresses
  size_t answered = 0;
  for (int i = 0; i < 2000; ++i) {
    auto d = flood.next(b500);
    auto fx = p.b.engine->on_datagram(p.clock.now(), d.local, d.remote, d.bytes);
    answered += fx.datagrams.size();
  }
  EXPECT_EQ(answered, 2000u);  // each one gets either a real response or <-- N(COOKIE)
  EXPECT_EQ(p.b.engine->ike_sa_count(), 10u);
  EXPECT_EQ(p.b.engine->counters().cookies_sent, 1990u);
  // A legitimate initiator still gets through: it answers the challenge with the cookie.
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 20s))
      << p.a.events_text() << p.b.events_text();
  // The ten half-open SAs of the flood expire (30 s); only A's SA is left.
  p.run_for(40s);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 1u);
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
}

TEST(InitFlood, AtTheHalfOpenLimitFloodRequestsAreRefusedWithoutAnswerOrState) {
  Pair p;
  flood_with_half_open_limit(p, 25, 1000);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 25u);
  EXPECT_EQ(p.b.engine->counters().half_open_refused, 975u);
  p.run_for(31s);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 0u);
  EXPECT_FALSE(p.b.engine->next_deadline());
}

// The flood bench's finding (docs/BENCHMARKS.md "Floods"): a half-open limit without cookies holds
// the flood's SAs and refuses the legitimate initiator exactly like the flood; its retransmission
// after the flood's SAs expire (half-open timeout 30 s; retransmits at 1, 3, 7, 15, 31 s) gets in.
TEST(InitFlood, AHalfOpenLimitWithoutCookiesShutsOutLegitimateInitiatorsUntilTheFloodExpires) {
  Pair p;
  flood_with_half_open_limit(p, 25, 100);
  ASSERT_EQ(p.b.engine->ike_sa_count(), 25u);
  const auto refused = p.b.engine->counters().half_open_refused;
  p.initiate_from_a();
  EXPECT_FALSE(p.run_until([&] { return p.both_ready(); }, 29s)) << "the limit let the initiator through";
  EXPECT_GE(p.b.engine->counters().half_open_refused - refused, 5u) << "the first try and 4 retransmissions";
  ASSERT_TRUE(p.run_until([&] { return p.both_ready(); }, 15s)) << p.a.events_text() << p.b.events_text();
  EXPECT_EQ(p.b.engine->ike_sa_count(), 1u);
}

TEST(GarbageFlood, RandomAndOversizedDatagramsAreCountedAndLeaveNoState) {
  Pair p;
  p.configure();
  std::mt19937 rng(11);
  const platform::Endpoint b500{p.b.address, 500}, from{*platform::IpAddress::parse("10.9.0.1"), 500};
  const size_t before = p.b.engine->wire_counters().total_rejected();
  uint64_t sent = 0;
  for (int i = 0; i < 3000; ++i) {
    // Sizes from empty to beyond the largest UDP payload; some start with a plausible IKE header.
    size_t len = (i % 100 == 0) ? 70000 : rng() % 1500;
    std::vector<uint8_t> b(len);
    for (auto& x : b) x = static_cast<uint8_t>(rng());
    if (len >= 28 && i % 2 == 0) {
      b[17] = 0x20;                       // version 2.0
      b[18] = static_cast<uint8_t>(34 + rng() % 4);
      const uint32_t l = static_cast<uint32_t>(len);
      b[24] = uint8_t(l >> 24), b[25] = uint8_t(l >> 16), b[26] = uint8_t(l >> 8), b[27] = uint8_t(l);
    }
    (void)p.b.engine->on_datagram(p.clock.now(), b500, from, b);
    ++sent;
  }
  EXPECT_EQ(p.b.engine->ike_sa_count(), 0u);
  EXPECT_FALSE(p.b.engine->next_deadline());
  const auto& c = p.b.engine->counters();
  const uint64_t accounted = (p.b.engine->wire_counters().total_rejected() - before) + c.dropped_unknown_spi +
                             c.dropped_invalid + c.half_open_refused + c.cookies_sent;
  EXPECT_GE(accounted, sent * 9 / 10) << "most garbage must be visible in a counter";
  // The responder still works afterwards.
  p.initiate_from_a();
  EXPECT_TRUE(p.run_until([&] { return p.both_ready(); }, 10s));
}

TEST(RetransmissionStorm, ReplayedIkeAuthIsAnsweredFromTheCacheWithIdenticalBytes) {
  Pair p;
  p.configure();
  std::vector<Datagram> to_b, from_b;
  p.net.set_tap([&](uint64_t, const Datagram& d) { (d.remote.address == p.b.address ? to_b : from_b).push_back(d); });
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.b.kernel.sas.size() == 1; }, 10s));
  ASSERT_GE(to_b.size(), 2u);
  ASSERT_GE(from_b.size(), 2u);
  const Datagram auth = to_b[1], reply = from_b[1];
  const auto installs = p.b.kernel.installs;
  const auto cached = p.b.engine->counters().cached_responses;
  // IKE_AUTH request --> x 1000 (the same bytes)
  for (int i = 0; i < 1000; ++i) {
    auto fx = p.b.engine->on_datagram(p.clock.now(), auth.remote, auth.local, auth.bytes);
    ASSERT_EQ(fx.datagrams.size(), 1u);
    ASSERT_EQ(fx.datagrams[0].bytes, reply.bytes) << "re-encrypted instead of replayed from the cache";
    ASSERT_TRUE(fx.install.empty());
  }
  EXPECT_EQ(p.b.engine->counters().cached_responses - cached, 1000u);
  EXPECT_EQ(p.b.kernel.installs, installs);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 1u);
}

}  // namespace
}  // namespace ravelin::test
