// Reqid reclamation: a crypto-map entry that is gone (no longer desired, no policy, no child) gives
// its owned reqid back, and the next new entry reuses it, so a long-running router whose maps are
// edited over and over never exhausts the owned range.
#include <gtest/gtest.h>

#include <chrono>

#include "ipsec/reconcile/reconciler.hpp"
#include "tests/unit/ipsec_reconcile/fake_kernel_ipsec.hpp"
#include "tests/unit/ipsec_reconcile/reconcile_helpers.hpp"

namespace ravelin::test {
namespace {

using ipsec::reconcile::Reconciler;
using namespace std::chrono_literals;

class ReqidReclaim : public ::testing::Test {
 protected:
  FakeKernelIpsec kernel_;
  platform::NullLogger log_;
  Reconciler reconciler_{kernel_, log_};
};

TEST_F(ReqidReclaim, EntryRemovedFromTheMapGivesItsReqidToTheNextNewEntry) {
  ASSERT_TRUE(reconciler_.set_policies({make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24"),
                                        make_policy(2, 20, "192.0.2.0/25", "198.51.100.0/25")}));
  const uint32_t reqid_two = *reconciler_.reqid_for(2);
  ASSERT_TRUE(reconciler_.set_policies({make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  EXPECT_EQ(reconciler_.reqids_in_use(), 1u);
  EXPECT_EQ(*reconciler_.reqid_for(3), reqid_two);
}

TEST_F(ReqidReclaim, EntryWithALiveChildKeepsItsReqidUntilTheChildIsRemoved) {
  ASSERT_TRUE(reconciler_.set_policies({make_policy(7, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000201, 0x201, 7)));
  const uint32_t reqid = *reconciler_.reqid_for(7);
  ASSERT_TRUE(reconciler_.set_policies({}));  // `no crypto map CMAP 10` while the SA is still up
  EXPECT_EQ(reconciler_.reqids_in_use(), 1u);
  EXPECT_NE(*reconciler_.reqid_for(8), reqid);
  ASSERT_TRUE(reconciler_.remove(0xc0000201));
  EXPECT_EQ(reconciler_.reqids_in_use(), 0u);  // 7 and 8 (never desired, nothing installed) are free
  EXPECT_EQ(*reconciler_.reqid_for(9), reqid);   // the lowest free one first
}

TEST_F(ReqidReclaim, PolicyThatFailedToDeleteKeepsItsReqid) {
  ASSERT_TRUE(reconciler_.set_policies({make_policy(4, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  const uint32_t reqid = *reconciler_.reqid_for(4);
  kernel_.fail_on = "delete_policy";
  EXPECT_FALSE(reconciler_.set_policies({}));
  EXPECT_NE(*reconciler_.reqid_for(5), reqid);  // the kernel still has a policy bound to it
  ASSERT_TRUE(reconciler_.set_policies({}));  // the retry removes it; entry 5 was never desired either
  EXPECT_EQ(reconciler_.reqids_in_use(), 0u);
}

TEST_F(ReqidReclaim, LingeringChildHoldsTheReqidUntilItExpires) {
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000301, 0x301, 11)));
  const uint32_t reqid = *reconciler_.reqid_for(11);
  ASSERT_TRUE(reconciler_.rekey(0xc0000301, make_child(0xc0000302, 0x302, 11), platform::TimePoint{}, 5s));
  ASSERT_TRUE(reconciler_.remove(0xc0000302));
  EXPECT_EQ(reconciler_.reqids_in_use(), 1u);  // the old inbound SA still lingers under it
  EXPECT_EQ(reconciler_.expire_lingering(platform::TimePoint{} + 5s), 1u);
  EXPECT_EQ(reconciler_.reqids_in_use(), 0u);
  EXPECT_EQ(*reconciler_.reqid_for(12), reqid);
}

TEST_F(ReqidReclaim, ReusedReqidsKeepTheRangeFromRunningOut) {
  // 70000 entries, one at a time, through an owned range of 65536 reqids.
  for (uint32_t entry = 1; entry <= 70000; ++entry) {
    auto r = reconciler_.reqid_for(entry);
    ASSERT_TRUE(r) << "entry " << entry << ": " << r.error().message;
    ASSERT_TRUE(reconciler_.set_policies({}));
  }
  EXPECT_EQ(reconciler_.reqids_in_use(), 0u);
}

TEST_F(ReqidReclaim, ChildNamedByItsAlreadyMappedReqidStaysUnderThatReqid) {
  // A caller that mapped the entry itself (reqid_for) and hands the kernel reqid over must not get
  // a second reqid: the SAs would then not match the entry's policies' templates.
  ASSERT_TRUE(reconciler_.set_policies({make_policy(21, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  const uint32_t reqid = *reconciler_.reqid_for(21);
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000401, 0x401, reqid)));
  for (const auto& sa : kernel_.sas) EXPECT_EQ(sa.reqid, reqid);
  EXPECT_EQ(reconciler_.find(0xc0000401)->entry_id, 21u);
  EXPECT_EQ(reconciler_.reqids_in_use(), 1u);
}

}  // namespace
}  // namespace ravelin::test
