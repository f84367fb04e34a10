// Loss and duplication of each message of the later exchanges: CREATE_CHILD_SA (child and IKE rekey)
// and INFORMATIONAL (DELETE). Each must end with both peers and kernels agreeing.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

enum class Fault { Drop, Duplicate };

struct Case {
  Fault fault;
  int nth;  // 1 = the request, 2 = its response, 3/4 = the DELETE that follows a rekey and its response
};

class LaterExchange : public ::testing::TestWithParam<Case> {
 protected:
  void SetUp() override {
    p.configure();
    p.initiate_from_a();
    ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s));
    const uint64_t n = p.net.sent() + static_cast<uint64_t>(GetParam().nth);
    if (GetParam().fault == Fault::Drop) p.net.drop_nth(n);
    else p.net.duplicate_nth(n);
  }
  bool settled(std::string* why) const {
    return p.kernels_agree(why) && engines_match_kernels(p.a, why) && engines_match_kernels(p.b, why);
  }
  Pair p;
};

TEST_P(LaterExchange, ChildRekeyCompletesAndTheOldChildIsGoneOnBothSides) {
  // CREATE_CHILD_SA { N(REKEY_SA), SA, Ni, TSi, TSr } -->          (1)
  // <-- CREATE_CHILD_SA { SA, Nr, TSi, TSr }                          (2)
  // INFORMATIONAL { D(ESP, old) } -->                                (3)
  // <-- INFORMATIONAL { D(ESP, old') }                                (4)
  const auto old = p.a.kernel.sas.begin()->first;
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), old));
  p.run_for(30s);
  std::string why;
  EXPECT_TRUE(settled(&why)) << why << p.a.events_text() << p.b.events_text();
  ASSERT_EQ(p.a.kernel.sas.size(), 1u);
  EXPECT_NE(p.a.kernel.sas.begin()->first, old);
}

TEST_P(LaterExchange, IkeRekeyCompletesAndTheOldIkeSaIsGoneOnBothSides) {
  // CREATE_CHILD_SA { SA(IKE), Ni, KEi } -->                         (1)
  // <-- CREATE_CHILD_SA { SA(IKE), Nr, KEr }                          (2)
  // INFORMATIONAL { D(IKE) } --> (old SA)                            (3)
  // <-- INFORMATIONAL { }                                             (4)
  const auto old = p.a.engine->snapshot()[0];
  p.absorb(p.a, p.a.engine->rekey_ike_sa(p.clock.now(), old.tunnel_id));
  p.run_for(60s);
  auto a = p.a.engine->snapshot();
  auto b = p.b.engine->snapshot();
  ASSERT_EQ(a.size(), 1u) << p.a.events_text();
  ASSERT_EQ(b.size(), 1u) << p.b.events_text();
  EXPECT_NE(a[0].spi_i, old.spi_i);
  EXPECT_EQ(a[0].spi_i, b[0].spi_i);
  EXPECT_EQ(a[0].spi_r, b[0].spi_r);
  std::string why;
  EXPECT_TRUE(settled(&why)) << why;
}

TEST_P(LaterExchange, DeleteOfTheIkeSaCompletesOnBothSides) {
  p.absorb(p.a, p.a.engine->delete_ike_sa(p.clock.now(), p.a.engine->snapshot()[0].tunnel_id));
  // INFORMATIONAL { D(IKE) } -->   (1)
  // <-- INFORMATIONAL { }          (2)  if lost, B has already forgotten the SA and A gives up after
  //                                     its retransmissions; the kernels are clean at once either way.
  p.run_for(60s);
  EXPECT_EQ(p.b.engine->ike_sa_count(), 0u);
  EXPECT_TRUE(p.a.kernel.sas.empty());
  EXPECT_TRUE(p.b.kernel.sas.empty());
  p.run_for(200s);
  EXPECT_EQ(p.a.engine->ike_sa_count(), 0u);
}

INSTANTIATE_TEST_SUITE_P(EachMessage, LaterExchange,
                         ::testing::Values(Case{Fault::Drop, 1}, Case{Fault::Drop, 2}, Case{Fault::Drop, 3},
                                           Case{Fault::Drop, 4}, Case{Fault::Duplicate, 1},
                                           Case{Fault::Duplicate, 2}, Case{Fault::Duplicate, 3},
                                           Case{Fault::Duplicate, 4}),
                         [](const ::testing::TestParamInfo<Case>& i) {
                           return std::string(i.param.fault == Fault::Drop ? "Drop" : "Duplicate") +
                                  std::to_string(i.param.nth);
                         });

}  // namespace
}  // namespace ravelin::test
