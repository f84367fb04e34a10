// Port-range selectors through the reconciler into the real XFRM SPD: the kernel accepts the
// port/mask blocks, lists them back equal to what was installed, and matches exactly the ports of
// the range (an ACQUIRE for a port inside it, none for the ports just outside).
#include <gtest/gtest.h>
#include <poll.h>

#include <chrono>

#include "ipsec/reconcile/reconciler.hpp"
#include "tests/netns/xfrm/xfrm_fixture.hpp"
#include "tests/unit/ipsec_reconcile/reconcile_helpers.hpp"

namespace ravelin::test {
namespace {

using ipsec::reconcile::Reconciler;

class PortRangeNetns : public XfrmNetns {
 protected:
  void SetUp() override {
    XfrmNetns::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(ns_->run("ip addr add 192.0.2.1/32 dev lo && ip link add va type veth peer name vb && "
                       "ip addr add 203.0.113.1/24 dev va && ip link set va up && ip link set vb up && "
                       "ip route add 198.51.100.0/24 dev va src 192.0.2.1"),
              0);
  }

  // TCP from 192.0.2.0/24 to 198.51.100.0/24 ports first..last.
  static ipsec::reconcile::DesiredPolicy tcp_range(uint16_t first, uint16_t last) {
    auto d = make_policy(0x44444444, 10, "192.0.2.0/24", "198.51.100.0/24");
    d.local_ts.ip_protocol = d.remote_ts.ip_protocol = 6;
    d.remote_ts.start_port = first;
    d.remote_ts.end_port = last;
    return d;
  }

  // Sends one TCP SYN to 198.51.100.5:port (bash's /dev/tcp; it cannot connect, the SYN is enough)
  // and reports whether the kernel raised an ACQUIRE for it within 1.5 s.
  bool acquire_for_port(uint16_t port) {
    // While an ACQUIRE is pending (a larval SA for the template) the kernel raises no other for the
    // same policy template: drop the larval SAs (this namespace holds nothing else).
    (void)ns_->run("ip xfrm state flush");
    (void)kernel_->drain();
    (void)ns_->run("timeout 1 bash -c 'exec 3<>/dev/tcp/198.51.100.5/" + std::to_string(port) +
                   "' >/dev/null 2>&1");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{kernel_->event_fd(), POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      for (const auto& e : kernel_->drain()) {
        const auto* a = std::get_if<platform::AcquireEvent>(&e);
        if (a != nullptr && a->packet.dst_port == port) return true;
      }
    }
    return false;
  }

  platform::NullLogger quiet_;
};

TEST_F(PortRangeNetns, RangeBecomesBlockPoliciesTheKernelListsBackUnchanged) {
  Reconciler reconciler(*kernel_, quiet_);
  Status s = reconciler.set_policies({tcp_range(1000, 2000)});
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto listed = kernel_->list_policies();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 8u * 3u);  // 8 blocks × out/in/fwd
  for (const auto& want : reconciler.installed_policies()) {
    bool found = false;
    for (const auto& have : *listed) found = found || (have.id == want.id && have.priority == want.priority);
    EXPECT_TRUE(found) << "dst port " << want.id.selector.dst_port << " mask " << want.id.selector.dst_port_mask;
  }
  // Read back equal: a resync forgets nothing, so the next convergence makes no kernel call.
  ASSERT_TRUE(reconciler.resync_policies().ok());
  EXPECT_EQ(reconciler.installed_policies().size(), 24u);
}

TEST_F(PortRangeNetns, KernelMatchesExactlyThePortsOfTheRange) {
  Reconciler reconciler(*kernel_, quiet_);
  ASSERT_TRUE(reconciler.set_policies({tcp_range(1000, 2000)}).ok());
  EXPECT_TRUE(acquire_for_port(1000));
  EXPECT_TRUE(acquire_for_port(1537));
  EXPECT_TRUE(acquire_for_port(2000));
  EXPECT_FALSE(acquire_for_port(999));
  EXPECT_FALSE(acquire_for_port(2001));
}

TEST_F(PortRangeNetns, NarrowedRangeRemovesOnlyTheBlocksThatLeft) {
  Reconciler reconciler(*kernel_, quiet_);
  ASSERT_TRUE(reconciler.set_policies({tcp_range(1024, 1032)}).ok());
  EXPECT_EQ(kernel_->list_policies()->size(), 6u);
  ASSERT_TRUE(reconciler.set_policies({tcp_range(1024, 1031)}).ok());
  EXPECT_EQ(kernel_->list_policies()->size(), 3u);
  EXPECT_FALSE(acquire_for_port(1032));
  EXPECT_TRUE(acquire_for_port(1031));
}

}  // namespace
}  // namespace ravelin::test
