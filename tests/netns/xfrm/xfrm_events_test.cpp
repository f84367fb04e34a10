// Kernel events through event_fd()/drain(): a ping through an `out` policy with no SA makes the
// kernel send ACQUIRE (RFC 4301 §5.1 "trigger"), which must come back as a parsed AcquireEvent.
#include <poll.h>

#include <chrono>

#include "tests/netns/xfrm/xfrm_fixture.hpp"

namespace ravelin::test {
namespace {

using platform::PolicyDirection;

class XfrmEvents : public XfrmNetns {
 protected:
  void SetUp() override {
    XfrmNetns::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    if (ns_->run("command -v ping >/dev/null") != 0) GTEST_SKIP() << "needs ping (iputils-ping)";
    // 192.0.2.1 on lo is the protected source; 198.51.100.0/24 is routed out of a veth.
    ASSERT_EQ(ns_->run("ip addr add 192.0.2.1/32 dev lo && ip link add va type veth peer name vb && "
                       "ip addr add 203.0.113.1/24 dev va && ip link set va up && ip link set vb up && "
                       "ip route add 198.51.100.0/24 dev va"),
              0);
  }

  void ping_protected_peer() { (void)ns_->run("ping -c1 -W1 -I 192.0.2.1 198.51.100.5 >/dev/null 2>&1"); }

  // Polls the event fd (bounded: 3 s) until drain() returns something.
  std::vector<platform::KernelEvent> wait_events() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{kernel_->event_fd(), POLLIN, 0};
      if (poll(&p, 1, 200) > 0) {
        auto events = kernel_->drain();
        if (!events.empty()) return events;
      }
    }
    return {};
  }
};

TEST_F(XfrmEvents, PingThroughOutPolicyDeliversAcquireWithPolicyAndReqid) {
  ASSERT_GE(kernel_->event_fd(), 0);
  ASSERT_TRUE(kernel_->install_policy(policy(PolicyDirection::Out, reqid(11), 300)).ok());
  auto installed = kernel_->list_policies();
  ASSERT_EQ(installed->size(), 1u);
  ping_protected_peer();
  auto events = wait_events();
  ASSERT_FALSE(events.empty()) << "no ACQUIRE within 3 s";
  const auto* acq = std::get_if<platform::AcquireEvent>(&events.front());
  ASSERT_NE(acq, nullptr);
  EXPECT_EQ(acq->reqid, reqid(11));
  EXPECT_EQ(acq->policy_index, installed->front().index);
  EXPECT_EQ(acq->selector, policy(PolicyDirection::Out, reqid(11)).id.selector);
  EXPECT_EQ(acq->packet.src, prefix("192.0.2.1/32"));
  EXPECT_EQ(acq->packet.dst, prefix("198.51.100.5/32"));
  EXPECT_EQ(acq->packet.protocol, 1);  // ICMP
  EXPECT_EQ(acq->tmpl_src, addr("203.0.113.1"));
  EXPECT_EQ(acq->tmpl_dst, addr("203.0.113.2"));
  // The kernel's ACQUIRE placeholder SA carries our reqid, so it is ours to flush.
  auto sas = kernel_->list_sas();
  ASSERT_TRUE(sas.ok());
  ASSERT_FALSE(sas->empty());
  EXPECT_TRUE(sas->front().larval);
}

// A process killed with -9 leaves the kernel's ACQUIRE placeholder (SPI 0, our reqid). Until it is
// gone the kernel sends no new ACQUIRE for that flow (net.core.xfrm_acq_expires, 30 s), so the next
// run's start-up flush must remove it too — found by the strongSwan restart interop case.
TEST_F(XfrmEvents, FlushAtStartRemovesAnAcquirePlaceholderOfAnEarlierRun) {
  ASSERT_TRUE(kernel_->install_policy(policy(PolicyDirection::Out, reqid(12), 300)).ok());
  ping_protected_peer();
  ASSERT_FALSE(wait_events().empty()) << "no ACQUIRE within 3 s";
  ASSERT_NE(ns_->output("ip xfrm state list").find("spi 0x00000000"), std::string::npos)
      << "the kernel made no ACQUIRE placeholder, so this test proves nothing";
  auto restarted = open_kernel();
  ASSERT_NE(restarted, nullptr);
  auto report = restarted->flush_owned();
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->sas_removed, 1u);
  EXPECT_EQ(ns_->output("ip xfrm state list"), "");
  // And the flow triggers again at once.
  ASSERT_TRUE(restarted->install_policy(policy(PolicyDirection::Out, reqid(12), 300)).ok());
  kernel_ = std::move(restarted);
  ping_protected_peer();
  EXPECT_FALSE(wait_events().empty()) << "no new ACQUIRE after the flush";
}

TEST_F(XfrmEvents, AcquireForForeignPolicyIsNotDelivered) {
  ASSERT_EQ(ns_->run("ip xfrm policy add src 192.0.2.0/24 dst 198.51.100.0/24 dir out "
                     "tmpl src 203.0.113.1 dst 203.0.113.2 proto esp mode tunnel reqid 7"),
            0);
  ping_protected_peer();
  // `ip xfrm monitor` would show the ACQUIRE; ravelin must not act on another daemon's policy.
  EXPECT_TRUE(wait_events().empty());
  EXPECT_NE(ns_->output("ip xfrm state list").find("reqid 7"), std::string::npos)
      << "the kernel did not make an ACQUIRE state, so this test proved nothing";
}

TEST_F(XfrmEvents, DrainReturnsNothingAndDoesNotBlockWhenIdle) {
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(kernel_->drain().empty());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

}  // namespace
}  // namespace ravelin::test
