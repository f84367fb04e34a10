// The reconciler against the real libnl KernelIpsec, each test in its own network namespace.
#include <gtest/gtest.h>

#include "ipsec/reconcile/reconciler.hpp"
#include "tests/netns/xfrm/xfrm_fixture.hpp"
#include "tests/unit/ipsec_reconcile/reconcile_helpers.hpp"

namespace ravelin::test {
namespace {

using ipsec::reconcile::ChildState;
using ipsec::reconcile::Reconciler;

class ReconcileNetns : public XfrmNetns {
 protected:
  size_t owned_policies() {
    auto listed = kernel_->list_policies();
    EXPECT_TRUE(listed.ok()) << listed.error().message;
    return listed.ok() ? listed->size() : 0;
  }
  platform::NullLogger quiet_;
};

TEST_F(ReconcileNetns, PoliciesConvergeAndForeignPolicyIsLeftAlone) {
  ASSERT_EQ(ns_->run("ip xfrm policy add src 10.1.0.0/16 dst 10.2.0.0/16 dir out "
                     "tmpl src 203.0.113.9 dst 203.0.113.8 proto esp mode tunnel reqid 7"),
            0);
  Reconciler reconciler(*kernel_, quiet_);
  auto a = make_policy(0x11111111, 10, "192.0.2.0/24", "198.51.100.0/24");
  auto b = make_policy(0x22222222, 20, "192.0.2.128/25", "198.51.100.128/25");
  Status s = reconciler.set_policies({a, b});
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(owned_policies(), 6u);
  const std::string listed = ns_->output("ip xfrm policy list");
  EXPECT_NE(listed.find("dir out priority " + std::to_string(ipsec::reconcile::priority_for_sequence(10))),
            std::string::npos) << listed;
  EXPECT_NE(listed.find("dir fwd priority " + std::to_string(ipsec::reconcile::priority_for_sequence(20))),
            std::string::npos) << listed;

  ASSERT_TRUE(reconciler.set_policies({b}).ok());
  EXPECT_EQ(owned_policies(), 3u);
  ASSERT_TRUE(reconciler.set_policies({}).ok());
  EXPECT_EQ(owned_policies(), 0u);
  EXPECT_NE(ns_->output("ip xfrm policy list").find("reqid 7"), std::string::npos);
}

TEST_F(ReconcileNetns, PoliciesDeletedByHandAreRestoredAfterResync) {
  Reconciler reconciler(*kernel_, quiet_);
  const std::vector desired{make_policy(0x33333333, 10, "192.0.2.0/24", "198.51.100.0/24")};
  ASSERT_TRUE(reconciler.set_policies(desired).ok());
  ASSERT_EQ(ns_->run("ip xfrm policy delete src 192.0.2.0/24 dst 198.51.100.0/24 dir out"), 0);
  EXPECT_EQ(owned_policies(), 2u);
  ASSERT_TRUE(reconciler.resync_policies().ok());
  ASSERT_TRUE(reconciler.set_policies(desired).ok());
  EXPECT_EQ(owned_policies(), 3u);
}

TEST_F(ReconcileNetns, ChildInstallReportsTheKernelsEspStatus) {
  Reconciler reconciler(*kernel_, quiet_);
  ASSERT_TRUE(reconciler.set_policies({make_policy(0xdeadbeef, 10, "192.0.2.0/24", "198.51.100.0/24")}).ok());
  Status s = reconciler.install(make_child(0xc0000101, 0x101, 0xdeadbeef));
  ASSERT_TRUE(s.ok()) << s.error().message;
  const auto* status = reconciler.find(0xc0000101);
  ASSERT_NE(status, nullptr);
  auto sas = kernel_->list_sas();
  ASSERT_TRUE(sas.ok()) << sas.error().message;
  if (!kernel_->capabilities().esp) {
    EXPECT_EQ(status->state, ChildState::NotInstalled);
    EXPECT_EQ(status->reason, "not installed: " + kernel_->capabilities().esp_reason);
    EXPECT_TRUE(sas->empty());
    EXPECT_EQ(owned_policies(), 3u);  // policies stay so traffic is not sent in clear
  } else {
    EXPECT_EQ(status->state, ChildState::Installed);
    EXPECT_EQ(sas->size(), 2u);
    ASSERT_TRUE(reconciler.remove(0xc0000101).ok());
    EXPECT_TRUE(kernel_->list_sas()->empty());
  }
}

}  // namespace
}  // namespace ravelin::test
