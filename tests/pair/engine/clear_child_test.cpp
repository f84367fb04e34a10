// `clear crypto sa` for one child SA (Engine::delete_child_sa): the ESP pair leaves our kernel at once,
// the peer is told with an INFORMATIONAL DELETE (RFC 7296 §1.4.1), the IKE SA stays up.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using ike::engine::EventKind;
using namespace std::chrono_literals;

uint32_t tunnel_of(const Peer& peer) { return peer.engine->snapshot().at(0).tunnel_id; }

// After 10 s: both kernels empty and each engine believing exactly that, the IKE SAs still up.
void expect_no_child_left(Pair& p) {
  p.run_for(10s);
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
  EXPECT_TRUE(engines_match_kernels(p.a, &why)) << why;
  EXPECT_TRUE(engines_match_kernels(p.b, &why)) << why;
  EXPECT_TRUE(p.a.kernel.sas.empty());
  EXPECT_TRUE(p.b.kernel.sas.empty()) << p.b.events_text();
  EXPECT_TRUE(p.both_ready());
}

TEST(ClearChild, TheChildLeavesBothKernelsAndTheIkeSaStaysUp) {
  Pair p;
  p.configure();
  ASSERT_TRUE(p.establish_one_child()) << p.a.events_text() << p.b.events_text();
  const uint32_t spi = p.a.kernel.sas.begin()->first;
  // INFORMATIONAL { D(ESP, SPIa) } -->
  //                 <-- INFORMATIONAL { D(ESP, SPIb) }
  auto fx = p.a.engine->delete_child_sa(p.clock.now(), tunnel_of(p.a), spi);
  ASSERT_EQ(fx.remove.size(), 1u);  // removed at once, before any answer
  EXPECT_EQ(fx.remove[0].inbound_spi, spi);
  EXPECT_EQ(fx.datagrams.size(), 1u);
  p.absorb(p.a, std::move(fx));
  EXPECT_TRUE(p.a.kernel.sas.empty());
  ASSERT_TRUE(p.run_until([&] { return p.b.kernel.sas.empty(); }, 10s)) << p.b.events_text();
  p.run_for(2s);
  EXPECT_TRUE(p.both_ready());
  EXPECT_TRUE(p.a.engine->snapshot()[0].children.empty());
  EXPECT_TRUE(p.b.engine->snapshot()[0].children.empty());
  EXPECT_TRUE(p.a.saw(EventKind::ChildSaDown, "cleared")) << p.a.events_text();
  EXPECT_TRUE(p.b.saw(EventKind::ChildSaDown, "deleted by peer")) << p.b.events_text();
  EXPECT_EQ(p.a.kernel.removals, 1u);  // the peer's answer removes nothing twice
  EXPECT_EQ(p.a.engine->counters().retransmits, 0u);
}

TEST(ClearChild, AnUnknownSpiOrTunnelChangesNothing) {
  Pair p;
  p.configure();
  ASSERT_TRUE(p.establish_one_child()) << p.a.events_text() << p.b.events_text();
  const uint32_t spi = p.a.kernel.sas.begin()->first;
  EXPECT_TRUE(p.a.engine->delete_child_sa(p.clock.now(), tunnel_of(p.a), spi + 1000).empty());
  EXPECT_TRUE(p.a.engine->delete_child_sa(p.clock.now(), tunnel_of(p.a) + 1000, spi).empty());
  // The peer's outbound SPI is not one of ours.
  EXPECT_TRUE(p.a.engine->delete_child_sa(p.clock.now(), tunnel_of(p.a), p.a.kernel.sas.begin()->second.outbound_spi).empty());
  EXPECT_EQ(p.a.kernel.sas.size(), 1u);
}

TEST(ClearChild, AnUnreachablePeerDoesNotKeepTheChildInTheKernel) {
  Pair p;
  p.configure();
  ASSERT_TRUE(p.establish_one_child()) << p.a.events_text() << p.b.events_text();
  p.net.set_blackhole([&](const ike::engine::Datagram&) { return true; });
  // INFORMATIONAL { D(ESP) } -->  (lost, retransmitted, never answered)
  p.absorb(p.a, p.a.engine->delete_child_sa(p.clock.now(), tunnel_of(p.a), p.a.kernel.sas.begin()->first));
  EXPECT_TRUE(p.a.kernel.sas.empty());
  EXPECT_TRUE(p.a.engine->snapshot()[0].children.empty());
  // The retransmission schedule, not the clear, decides that the peer is gone.
  ASSERT_TRUE(p.run_until([&] { return p.a.engine->ike_sa_count() == 0; }, 300s));
  EXPECT_EQ(p.a.engine->counters().peers_declared_dead, 1u);
}

TEST(ClearChild, ARekeyRequestForTheClearedChildIsRefusedAsNotFound) {
  Pair p;
  p.configure();
  ASSERT_TRUE(p.establish_one_child()) << p.a.events_text() << p.b.events_text();
  const uint32_t a_spi = p.a.kernel.sas.begin()->first;
  const uint32_t b_spi = p.b.kernel.sas.begin()->first;
  // B rekeys while A's DELETE is on its way:
  // INFORMATIONAL { D(ESP) } -->        <-- CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, TSi, TSr }
  // <-- INFORMATIONAL { D(ESP) }        CREATE_CHILD_SA { N(CHILD_SA_NOT_FOUND) } -->
  p.absorb(p.a, p.a.engine->delete_child_sa(p.clock.now(), tunnel_of(p.a), a_spi));
  p.absorb(p.b, p.b.engine->rekey_child_sa(p.clock.now(), b_spi));
  expect_no_child_left(p);
}

TEST(ClearChild, AChildClearedWhileItsRekeyIsInFlightTakesItsSuccessorAlong) {
  Pair p;
  p.configure();
  ASSERT_TRUE(p.establish_one_child()) << p.a.events_text() << p.b.events_text();
  const uint32_t spi = p.a.kernel.sas.begin()->first;
  // CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, TSi, TSr } -->   (in flight)
  // clear: INFORMATIONAL { D(ESP, old) } -->
  //                 <-- CREATE_CHILD_SA { SA, Nr, TSi, TSr }: the successor is installed and cleared too
  // INFORMATIONAL { D(ESP, new) } -->
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), spi));
  p.absorb(p.a, p.a.engine->delete_child_sa(p.clock.now(), p.a.engine->snapshot().at(0).tunnel_id, spi));
  EXPECT_TRUE(p.a.kernel.sas.empty());
  expect_no_child_left(p);
  EXPECT_GE(p.a.kernel.installs, 2u);  // the successor did come up before it went
}

}  // namespace
}  // namespace ravelin::test
