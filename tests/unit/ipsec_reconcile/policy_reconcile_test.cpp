#include <gtest/gtest.h>

#include "ipsec/reconcile/reconciler.hpp"
#include "tests/unit/ipsec_reconcile/fake_kernel_ipsec.hpp"
#include "tests/unit/ipsec_reconcile/reconcile_helpers.hpp"

namespace ravelin::test {
namespace {

using ipsec::reconcile::Reconciler;
using platform::PolicyDirection;

class PolicyReconcile : public ::testing::Test {
 protected:
  FakeKernelIpsec kernel_;
  platform::NullLogger log_;
  Reconciler reconciler_{kernel_, log_};
};

TEST_F(PolicyReconcile, OneEntryInstallsOutInFwdWithPriorityFromSequenceAndOwnedReqid) {
  ASSERT_TRUE(reconciler_.set_policies({make_policy(0xabcdef01, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  ASSERT_EQ(kernel_.policies.size(), 3u);
  const auto& out = kernel_.policies[0];
  EXPECT_EQ(out.id.direction, PolicyDirection::Out);
  EXPECT_EQ(out.id.selector.src.to_string(), "192.0.2.0/24");
  EXPECT_EQ(out.id.selector.dst.to_string(), "198.51.100.0/24");
  EXPECT_EQ(out.tmpl_src, ip("203.0.113.1"));
  EXPECT_EQ(out.tmpl_dst, ip("203.0.113.2"));
  EXPECT_EQ(out.priority, ipsec::reconcile::priority_for_sequence(10));
  EXPECT_TRUE(kernel_.owned_range().owns(out.reqid));
  for (size_t i = 1; i < 3; ++i) {
    const auto& in = kernel_.policies[i];
    EXPECT_EQ(in.id.selector.src.to_string(), "198.51.100.0/24");
    EXPECT_EQ(in.tmpl_src, ip("203.0.113.2"));
    EXPECT_EQ(in.tmpl_dst, ip("203.0.113.1"));
    EXPECT_EQ(in.reqid, out.reqid);
  }
  EXPECT_EQ(kernel_.policies[1].id.direction, PolicyDirection::In);
  EXPECT_EQ(kernel_.policies[2].id.direction, PolicyDirection::Fwd);
}

TEST_F(PolicyReconcile, LowerSequenceGetsLowerPriorityValue) {
  ASSERT_TRUE(reconciler_.set_policies({make_policy(1, 20, "192.0.2.0/24", "198.51.100.0/24"),
                                        make_policy(2, 10, "192.0.2.0/25", "198.51.100.0/24")}));
  ASSERT_EQ(kernel_.policies.size(), 6u);
  EXPECT_GT(kernel_.policies[0].priority, kernel_.policies[3].priority);
  EXPECT_NE(kernel_.policies[0].reqid, kernel_.policies[3].reqid);
}

TEST_F(PolicyReconcile, SameSetTwiceMakesNoSecondKernelCall) {
  const std::vector desired{make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24")};
  ASSERT_TRUE(reconciler_.set_policies(desired));
  const size_t calls = kernel_.calls.size();
  ASSERT_TRUE(reconciler_.set_policies(desired));
  EXPECT_EQ(kernel_.calls.size(), calls);
}

TEST_F(PolicyReconcile, EmptySetRemovesOnlyWhatItInstalled) {
  platform::PolicySpec foreign;
  foreign.id.selector.src = *platform::Prefix::parse("10.0.0.0/8");
  foreign.id.selector.dst = *platform::Prefix::parse("10.0.0.0/8");
  foreign.reqid = 7;  // someone else's (strongSwan, libreswan, ip xfrm)
  kernel_.policies.push_back(foreign);
  ASSERT_TRUE(reconciler_.set_policies({make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  ASSERT_TRUE(reconciler_.set_policies({}));
  ASSERT_EQ(kernel_.policies.size(), 1u);
  EXPECT_EQ(kernel_.policies[0].reqid, 7u);
  EXPECT_TRUE(reconciler_.installed_policies().empty());
}

TEST_F(PolicyReconcile, DroppedEntryRemovesItsThreePoliciesAndKeepsTheOther) {
  auto a = make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24");
  auto b = make_policy(2, 20, "192.0.2.0/25", "198.51.100.0/25");
  ASSERT_TRUE(reconciler_.set_policies({a, b}));
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.set_policies({b}));
  EXPECT_EQ(kernel_.count_calls("delete_policy"), 3u);
  EXPECT_EQ(kernel_.count_calls("install_policy"), 0u);
  ASSERT_EQ(kernel_.policies.size(), 3u);
  EXPECT_EQ(kernel_.policies[0].id.selector.src.to_string(), "192.0.2.0/25");
}

TEST_F(PolicyReconcile, ChangedSequenceReplacesInPlaceWithoutDeleting) {
  ASSERT_TRUE(reconciler_.set_policies({make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.set_policies({make_policy(1, 30, "192.0.2.0/24", "198.51.100.0/24")}));
  EXPECT_EQ(kernel_.count_calls("install_policy"), 3u);
  EXPECT_EQ(kernel_.count_calls("delete_policy"), 0u);
  for (const auto& p : kernel_.policies) EXPECT_EQ(p.priority, ipsec::reconcile::priority_for_sequence(30));
}

TEST_F(PolicyReconcile, FailedInstallIsNotRecordedAndIsRetriedNextTime) {
  kernel_.fail_on = "install_policy in";
  EXPECT_FALSE(reconciler_.set_policies({make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  EXPECT_EQ(reconciler_.installed_policies().size(), kernel_.policies.size());
  EXPECT_EQ(kernel_.policies.size(), 2u);
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.set_policies({make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  EXPECT_EQ(kernel_.calls, std::vector<std::string>{"install_policy in"});
  EXPECT_EQ(kernel_.policies.size(), 3u);
}

TEST_F(PolicyReconcile, FailedDeleteStaysRecordedAndIsRetriedNextTime) {
  ASSERT_TRUE(reconciler_.set_policies({make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  kernel_.fail_on = "delete_policy fwd";
  EXPECT_FALSE(reconciler_.set_policies({}));
  EXPECT_EQ(reconciler_.installed_policies().size(), 1u);
  EXPECT_EQ(kernel_.policies.size(), 1u);
  ASSERT_TRUE(reconciler_.set_policies({}));
  EXPECT_TRUE(kernel_.policies.empty());
}

TEST_F(PolicyReconcile, SelectorThatIsNotOnePrefixIsReportedAndOthersStillInstall) {
  auto bad = make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24");
  bad.remote_ts.end = ip("198.51.100.10");
  auto good = make_policy(2, 20, "192.0.2.0/25", "198.51.100.0/25");
  auto status = reconciler_.set_policies({bad, good});
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("not one prefix"), std::string::npos);
  EXPECT_EQ(kernel_.policies.size(), 3u);
}

TEST_F(PolicyReconcile, SameEntryIdAlwaysMapsToTheSameOwnedReqid) {
  auto first = reconciler_.reqid_for(0xffffffff);
  auto other = reconciler_.reqid_for(5);
  auto again = reconciler_.reqid_for(0xffffffff);
  ASSERT_TRUE(first && other && again);
  EXPECT_EQ(*first, *again);
  EXPECT_NE(*first, *other);
  EXPECT_TRUE(kernel_.owned_range().owns(*first));
}

}  // namespace
}  // namespace ravelin::test

namespace ravelin::test {
namespace {

TEST(PolicyResync, PolicyFlushedBehindItsBackIsReinstalledAfterResync) {
  FakeKernelIpsec kernel;
  platform::NullLogger log;
  ipsec::reconcile::Reconciler reconciler(kernel, log);
  const std::vector desired{make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24")};
  ASSERT_TRUE(reconciler.set_policies(desired));
  kernel.policies.erase(kernel.policies.begin());  // `ip xfrm policy delete ... dir out`
  ASSERT_TRUE(reconciler.resync_policies());
  EXPECT_EQ(reconciler.installed_policies().size(), 2u);
  kernel.calls.clear();
  ASSERT_TRUE(reconciler.set_policies(desired));
  EXPECT_EQ(kernel.calls, std::vector<std::string>{"install_policy out"});
  EXPECT_EQ(kernel.policies.size(), 3u);
}

}  // namespace
}  // namespace ravelin::test
