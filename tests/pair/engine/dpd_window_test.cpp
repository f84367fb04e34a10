// On-demand DPD (`dpd INTERVAL RETRY on-demand`) and the Message-ID window (RFC 7296 §2.3,
// SET_WINDOW_SIZE): what each side announces, and a responder that keeps as many answers as it
// announced.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

struct Configured {
  Configured(ike::config::Dpd dpd_b, uint32_t window_a = 1, uint32_t window_b = 1) {
    auto ca = site_config(p.a.address, p.b.address, 1, 2);
    auto cb = site_config(p.b.address, p.a.address, 2, 1);
    cb.dpd = dpd_b;
    ca.window_size = window_a;
    cb.window_size = window_b;
    p.configure(ca, cb);
    p.initiate_from_a();
    up = p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s);
  }
  uint64_t b_out() const { return p.b.engine->counters().datagrams_out; }
  Pair p;
  bool up = false;
};

TEST(OnDemandDpd, InboundTrafficPostponesTheProbeAndSilenceTriggersIt) {
  Configured c({10, 2, ike::config::DpdMode::OnDemand});
  ASSERT_TRUE(c.up);
  const uint32_t b_child = c.p.b.kernel.sas.begin()->first;
  const auto out = c.b_out();
  // ESP keeps arriving (the runtime reports it): no probe for a minute.
  for (int i = 0; i < 12; ++i) {
    c.p.b.engine->note_inbound_traffic(c.p.clock.now(), b_child);
    c.p.run_for(5s);
  }
  EXPECT_EQ(c.b_out(), out);
  // Silence: INFORMATIONAL { } --> after 10 s, answered.
  c.p.run_for(11s);
  EXPECT_EQ(c.b_out(), out + 1);
  EXPECT_TRUE(c.p.both_ready());
}

TEST(OnDemandDpd, ASilentPeerIsDeclaredDeadAfterTheRetries) {
  Configured c({10, 2, ike::config::DpdMode::OnDemand});
  ASSERT_TRUE(c.up);
  c.p.net.set_blackhole([&](const ike::engine::Datagram& d) { return d.remote.address == c.p.a.address; });
  // INFORMATIONAL { } --> every 2 s, 5 tries, no answer
  ASSERT_TRUE(c.p.run_until([&] { return c.p.b.engine->ike_sa_count() == 0; }, 40s)) << c.p.b.events_text();
  EXPECT_EQ(c.p.b.engine->counters().peers_declared_dead, 1u);
  EXPECT_TRUE(c.p.b.kernel.sas.empty());
}

TEST(OnDemandDpd, AnSaWithoutChildrenIsNeverProbed) {
  Configured c({10, 2, ike::config::DpdMode::OnDemand});
  ASSERT_TRUE(c.up);
  // INFORMATIONAL { D(ESP) } -->: the only child goes, nothing can be pending any more.
  c.p.absorb(c.p.b, c.p.b.engine->on_kernel_event(c.p.clock.now(),
                                                  {ike::engine::KernelEvent::Kind::HardExpire, 0, c.p.b.kernel.sas.begin()->first}));
  ASSERT_TRUE(c.p.run_until([&] { return c.p.b.kernel.sas.empty() && c.p.a.kernel.sas.empty(); }, 10s));
  c.p.run_for(1s);
  const auto out = c.b_out();
  c.p.run_for(120s);
  EXPECT_EQ(c.b_out(), out);
}

TEST(PeriodicDpd, ReportedTrafficDoesNotPostponePeriodicProbes) {
  Configured c({10, 2, ike::config::DpdMode::Periodic});
  ASSERT_TRUE(c.up);
  const uint32_t b_child = c.p.b.kernel.sas.begin()->first;
  const auto out = c.b_out();
  for (int i = 0; i < 6; ++i) {
    c.p.b.engine->note_inbound_traffic(c.p.clock.now(), b_child);
    c.p.run_for(5s);
  }
  EXPECT_GE(c.b_out(), out + 2);
}

TEST(Window, SetWindowSizeIsAnnouncedInIkeAuthAndRecordedByThePeer) {
  // IKE_AUTH { IDi, AUTH, SAi2, TSi, TSr, N(SET_WINDOW_SIZE 5) } -->
  // <-- IKE_AUTH { IDr, AUTH, SAr2, TSi, TSr, N(SET_WINDOW_SIZE 3) }
  Configured c({}, 5, 3);
  ASSERT_TRUE(c.up);
  EXPECT_EQ(c.p.a.engine->snapshot()[0].peer_window, 3u);
  EXPECT_EQ(c.p.b.engine->snapshot()[0].peer_window, 5u);
  Configured d({});
  ASSERT_TRUE(d.up);
  EXPECT_EQ(d.p.a.engine->snapshot()[0].peer_window, 1u);  // nothing announced: window 1
}

// Replays an earlier request after a later exchange completed: a responder with window N still has
// the answer (§2.3: it must keep the responses of the last N requests), a responder with window 1
// does not and drops it as out of window.
uint64_t replay_old_request(uint32_t window_b) {
  Configured c({}, 1, window_b);
  if (!c.up) return ~0ull;
  std::vector<ike::engine::Datagram> from_a;
  c.p.net.set_tap([&](uint64_t, const ike::engine::Datagram& d) {
    if (d.local.address == c.p.a.address) from_a.push_back(d);
  });
  // Two child rekeys: CREATE_CHILD_SA, INFORMATIONAL { D(ESP) }, CREATE_CHILD_SA, INFORMATIONAL { D(ESP) }.
  c.p.absorb(c.p.a, c.p.a.engine->rekey_child_sa(c.p.clock.now(), c.p.a.kernel.sas.begin()->first));
  c.p.run_for(5s);
  c.p.absorb(c.p.a, c.p.a.engine->rekey_child_sa(c.p.clock.now(), c.p.a.kernel.sas.begin()->first));
  c.p.run_for(5s);
  if (from_a.empty()) return ~0ull;
  const auto before = c.p.b.engine->counters().cached_responses;
  const auto& old = from_a.front();  // the first CREATE_CHILD_SA request, three requests ago
  c.p.absorb(c.p.b, c.p.b.engine->on_datagram(c.p.clock.now(), old.remote, old.local, old.bytes));
  return c.p.b.engine->counters().cached_responses - before;
}

TEST(Window, AResponderKeepsTheAnswersOfAsManyRequestsAsItsWindow) {
  EXPECT_EQ(replay_old_request(5), 1u);
  EXPECT_EQ(replay_old_request(1), 0u);
}

}  // namespace
}  // namespace ravelin::test
