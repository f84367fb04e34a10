// Exchanges that cross on the wire (RFC 7296 §2.8.1, §2.25): every ordering must end with both peers
// and both kernels agreeing.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using ike::engine::KernelEvent;
using namespace std::chrono_literals;

void establish(Pair& p) {
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s));
}

bool settled(const Pair& p, std::string* why) {
  return p.kernels_agree(why) && engines_match_kernels(p.a, why) && engines_match_kernels(p.b, why);
}

TEST(Collision, DeleteCrossingARekeyOfTheSameChildLeavesNoChildOnEitherSide) {
  Pair p;
  p.configure();
  establish(p);
  // CREATE_CHILD_SA { N(REKEY_SA, c) ... } -->   <-- INFORMATIONAL { D(ESP, c) }   (crossing)
  // <-- CREATE_CHILD_SA { N(TEMPORARY_FAILURE) }  (B is deleting c, §2.25.1)
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), p.a.kernel.sas.begin()->first));
  p.absorb(p.b, p.b.engine->on_kernel_event(p.clock.now(), {KernelEvent::Kind::HardExpire, 0, p.b.kernel.sas.begin()->first}));
  p.run_for(30s);
  std::string why;
  EXPECT_TRUE(settled(p, &why)) << why << p.a.events_text() << p.b.events_text();
  EXPECT_TRUE(p.a.kernel.sas.empty());
  EXPECT_TRUE(p.both_ready());
}

TEST(Collision, IkeRekeyCrossingAChildRekeyBothCompleteAfterTemporaryFailure) {
  Pair p;
  p.configure();
  establish(p);
  const auto old_ike = p.a.engine->snapshot()[0];
  // CREATE_CHILD_SA { SA(IKE), Ni, KEi } -->   <-- CREATE_CHILD_SA { N(REKEY_SA), SA(ESP), ... }
  // each side answers TEMPORARY_FAILURE and retries after a random 2-10 s
  p.absorb(p.a, p.a.engine->rekey_ike_sa(p.clock.now(), old_ike.tunnel_id));
  p.absorb(p.b, p.b.engine->rekey_child_sa(p.clock.now(), p.b.kernel.sas.begin()->first));
  p.run_for(60s);
  auto a = p.a.engine->snapshot();
  auto b = p.b.engine->snapshot();
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_NE(a[0].spi_i, old_ike.spi_i);
  EXPECT_EQ(a[0].spi_i, b[0].spi_i);
  std::string why;
  EXPECT_TRUE(settled(p, &why)) << why;
  EXPECT_EQ(p.a.kernel.sas.size(), 1u);
  EXPECT_GE(p.a.kernel.installs, 2u) << p.a.events_text() << p.b.events_text();  // the child was rekeyed too
}

class CrossingRekeyDelay : public ::testing::TestWithParam<int> {};

TEST_P(CrossingRekeyDelay, SimultaneousChildRekeysWithOneSideDelayedConverge) {
  Pair p;
  p.configure();
  establish(p);
  const uint64_t next = p.net.sent() + 1;
  p.net.delay_nth(next, std::chrono::milliseconds(GetParam()));  // A's CREATE_CHILD_SA request
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), p.a.kernel.sas.begin()->first));
  p.absorb(p.b, p.b.engine->rekey_child_sa(p.clock.now(), p.b.kernel.sas.begin()->first));
  p.run_for(40s);
  std::string why;
  EXPECT_TRUE(settled(p, &why)) << GetParam() << "ms: " << why << p.a.events_text() << p.b.events_text();
  EXPECT_EQ(p.a.kernel.sas.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Delays, CrossingRekeyDelay, ::testing::Values(0, 5, 15, 30, 200, 1500));

TEST(Collision, SimultaneousRekeyWithTheResponseLostStillConverges) {
  Pair p;
  p.configure();
  establish(p);
  p.net.drop_nth(p.net.sent() + 3);  // the first CREATE_CHILD_SA response
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), p.a.kernel.sas.begin()->first));
  p.absorb(p.b, p.b.engine->rekey_child_sa(p.clock.now(), p.b.kernel.sas.begin()->first));
  p.run_for(60s);
  std::string why;
  EXPECT_TRUE(settled(p, &why)) << why << p.a.events_text() << p.b.events_text();
  EXPECT_EQ(p.a.kernel.sas.size(), 1u) << p.a.events_text() << p.b.events_text();
}

TEST(Collision, BothSidesDeletingTheIkeSaAtOnceEndsCleanly) {
  Pair p;
  p.configure();
  establish(p);
  p.absorb(p.a, p.a.engine->delete_ike_sa(p.clock.now(), p.a.engine->snapshot()[0].tunnel_id));
  p.absorb(p.b, p.b.engine->delete_ike_sa(p.clock.now(), p.b.engine->snapshot()[0].tunnel_id));
  p.run_for(300s);
  EXPECT_EQ(p.a.engine->ike_sa_count(), 0u);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 0u);
  EXPECT_TRUE(p.a.kernel.sas.empty());
  EXPECT_TRUE(p.b.kernel.sas.empty());
}

}  // namespace
}  // namespace ravelin::test
