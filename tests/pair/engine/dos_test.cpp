// Responder protection (RFC 7296 §2.6): COOKIE past `crypto ikev2 cookie-challenge N`, and the
// half-open limit `crypto ikev2 limit max-in-negotiation-sa N`.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

TEST(Cookie, InitiatorAnswersTheChallengeAndTheSaComesUp) {
  Pair p;
  auto ca = site_config(p.a.address, p.b.address, 1, 2);
  auto cb = site_config(p.b.address, p.a.address, 2, 1);
  cb.cookie_challenge = 0;  // challenge everyone
  p.configure(ca, cb);
  // IKE_SA_INIT { SAi1, KEi, Ni } -->
  // <-- IKE_SA_INIT { N(COOKIE) }
  // IKE_SA_INIT { N(COOKIE), SAi1, KEi, Ni } -->
  // <-- IKE_SA_INIT { SAr1, KEr, Nr }
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s))
      << p.a.events_text() << p.b.events_text();
  EXPECT_EQ(p.b.engine->counters().cookies_sent, 1u);
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
}

TEST(Cookie, ChallengeKeepsNoStateAtTheResponder) {
  Pair p;
  auto cb = site_config(p.b.address, p.a.address, 2, 1);
  cb.cookie_challenge = 0;
  p.configure(site_config(p.a.address, p.b.address, 1, 2), cb);
  p.net.set_blackhole([&](const ike::engine::Datagram& d) { return d.remote.address == p.a.address; });
  p.initiate_from_a();
  p.run_for(3s);  // A retransmits; every copy is challenged
  EXPECT_EQ(p.b.engine->ike_sa_count(), 0u);
  EXPECT_GE(p.b.engine->counters().cookies_sent, 2u);
  EXPECT_FALSE(p.b.engine->next_deadline());
}

struct Third {
  Third()
      : address(*platform::IpAddress::parse("10.0.0.3")),
        peer("C", address, 33, 0xc0000001u) {}
  platform::IpAddress address;
  Peer peer;
};

TEST(HalfOpen, OverTheCookieThresholdANewInitiatorIsChallenged) {
  Pair p;
  auto cb = site_config(p.b.address, p.a.address, 2, 1);
  cb.cookie_challenge = 1;
  p.configure(site_config(p.a.address, p.b.address, 1, 2), cb);
  int to_b = 0;
  p.net.set_blackhole([&](const ike::engine::Datagram& d) { return d.remote.address == p.b.address && ++to_b > 1; });
  p.initiate_from_a();
  p.run_for(2s);
  ASSERT_EQ(p.b.engine->ike_sa_count(), 1u);  // half-open: A's IKE_AUTH never arrives
  Third c;
  auto cc = site_config(c.address, p.b.address, 3, 2);
  (void)c.peer.engine->on_config(p.clock.now(), std::make_shared<const ike::config::IkeConfig>(cc));
  auto fx = c.peer.engine->initiate(p.clock.now(), cc.crypto_map[0].id());
  ASSERT_EQ(fx.datagrams.size(), 1u);
  auto reply = p.b.engine->on_datagram(p.clock.now(), fx.datagrams[0].remote, fx.datagrams[0].local, fx.datagrams[0].bytes);
  EXPECT_EQ(reply.datagrams.size(), 1u);
  EXPECT_EQ(p.b.engine->counters().cookies_sent, 1u);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 1u);
  // C answers with the cookie and gets a real IKE_SA_INIT response.
  auto retry = c.peer.engine->on_datagram(p.clock.now(), reply.datagrams[0].remote, reply.datagrams[0].local,
                                          reply.datagrams[0].bytes);
  ASSERT_EQ(retry.datagrams.size(), 1u);
  auto second = p.b.engine->on_datagram(p.clock.now(), retry.datagrams[0].remote, retry.datagrams[0].local,
                                        retry.datagrams[0].bytes);
  EXPECT_EQ(second.datagrams.size(), 1u);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 2u);
}

TEST(HalfOpen, AtTheLimitNewInitiatorsAreDroppedUntilTheHalfOpenSaExpires) {
  Pair p;
  auto cb = site_config(p.b.address, p.a.address, 2, 1);
  cb.max_in_negotiation_sa = 1;
  p.configure(site_config(p.a.address, p.b.address, 1, 2), cb);
  int to_b = 0;
  p.net.set_blackhole([&](const ike::engine::Datagram& d) { return d.remote.address == p.b.address && ++to_b > 1; });
  p.initiate_from_a();
  p.run_for(2s);
  ASSERT_EQ(p.b.engine->ike_sa_count(), 1u);
  Third c;
  auto cc = site_config(c.address, p.b.address, 3, 2);
  (void)c.peer.engine->on_config(p.clock.now(), std::make_shared<const ike::config::IkeConfig>(cc));
  auto fx = c.peer.engine->initiate(p.clock.now(), cc.crypto_map[0].id());
  ASSERT_EQ(fx.datagrams.size(), 1u);
  auto reply = p.b.engine->on_datagram(p.clock.now(), fx.datagrams[0].remote, fx.datagrams[0].local, fx.datagrams[0].bytes);
  EXPECT_TRUE(reply.datagrams.empty());
  EXPECT_EQ(p.b.engine->counters().half_open_refused, 1u);
  // After the half-open timeout the slot is free again.
  p.run_for(40s);
  ASSERT_EQ(p.b.engine->ike_sa_count(), 0u);
  auto later = p.b.engine->on_datagram(p.clock.now(), fx.datagrams[0].remote, fx.datagrams[0].local, fx.datagrams[0].bytes);
  EXPECT_EQ(later.datagrams.size(), 1u);
}

}  // namespace
}  // namespace ravelin::test
