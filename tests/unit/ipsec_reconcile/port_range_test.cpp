// Port ranges in traffic selectors → aligned port/mask blocks → several XFRM policies per flow.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "ipsec/reconcile/reconciler.hpp"
#include "ipsec/reconcile/specs.hpp"
#include "tests/unit/ipsec_reconcile/fake_kernel_ipsec.hpp"
#include "tests/unit/ipsec_reconcile/reconcile_helpers.hpp"

namespace ravelin::test {
namespace {

using ipsec::reconcile::PortBlock;
using ipsec::reconcile::port_blocks;
using ipsec::reconcile::Reconciler;
using ipsec::reconcile::to_selectors;
using ipsec::ts::TrafficSelector;

TrafficSelector net(const char* text, uint8_t proto = 0, uint16_t lo = 0, uint16_t hi = 65535) {
  return TrafficSelector::from_prefix(*platform::Prefix::parse(text), proto, lo, hi);
}

// Every port the blocks match, by brute force over the XFRM rule (port & mask) == block port.
std::set<uint32_t> covered(const std::vector<PortBlock>& blocks) {
  std::set<uint32_t> out;
  for (uint32_t p = 0; p <= 65535; ++p) {
    for (const auto& b : blocks) {
      const uint16_t mask = platform::effective_port_mask(b.port, b.mask);
      if ((p & mask) == b.port) out.insert(p);
    }
  }
  return out;
}

TEST(PortBlocks, WholeRangeIsOneBlockMeaningAnyPort) {
  EXPECT_EQ(port_blocks(0, 65535), (std::vector<PortBlock>{{0, 0}}));
}

TEST(PortBlocks, SinglePortIsTheExactForm) {
  EXPECT_EQ(port_blocks(443, 443), (std::vector<PortBlock>{{443, 0}}));
  EXPECT_EQ(port_blocks(0, 0), (std::vector<PortBlock>{{0, 0xffff}}));  // port 0 itself, not "any"
}

TEST(PortBlocks, AlignedPowerOfTwoRangeIsOneBlock) {
  EXPECT_EQ(port_blocks(1024, 2047), (std::vector<PortBlock>{{1024, 0xfc00}}));
  EXPECT_EQ(port_blocks(32768, 65535), (std::vector<PortBlock>{{32768, 0x8000}}));
}

TEST(PortBlocks, UnalignedRangeSplitsIntoTheFewestBlocks) {
  auto b = port_blocks(1000, 2000);
  // 1000-1023 (8+16), 1024-1983 (512+256+128+64), 1984-1999 (16), 2000: eight blocks
  EXPECT_EQ(b, (std::vector<PortBlock>{{1000, 0xfff8}, {1008, 0xfff0}, {1024, 0xfe00}, {1536, 0xff00},
                                       {1792, 0xff80}, {1920, 0xffc0}, {1984, 0xfff0}, {2000, 0}}));
}

TEST(PortBlocks, BlocksCoverExactlyTheRangeForAwkwardBounds) {
  for (auto [lo, hi] : {std::pair<uint16_t, uint16_t>{1, 65534}, {1000, 2000}, {0, 1}, {65535, 65535},
                        {5060, 5061}, {49151, 49153}, {0, 65534}, {1, 65535}}) {
    std::set<uint32_t> want;
    for (uint32_t p = lo; p <= hi; ++p) want.insert(p);
    EXPECT_EQ(covered(port_blocks(lo, hi)), want) << lo << "-" << hi;
  }
}

TEST(PortBlocks, EmptyWhenFirstIsAboveLast) { EXPECT_TRUE(port_blocks(10, 9).empty()); }

TEST(ReconcilePortRange, RangeOnOneSideGivesOneSelectorPerBlock) {
  auto s = to_selectors(net("192.0.2.0/24", 6), net("198.51.100.0/24", 6, 8080, 8081));
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->size(), 1u);  // 8080-8081 is one aligned block of two
  EXPECT_EQ((*s)[0].dst_port, 8080);
  EXPECT_EQ((*s)[0].dst_port_mask, 0xfffe);
  EXPECT_EQ((*s)[0].src_port_mask, 0);
  EXPECT_EQ((*s)[0].src_port, 0);
}

TEST(ReconcilePortRange, RangesOnBothSidesGiveTheirProduct) {
  auto s = to_selectors(net("192.0.2.0/24", 17, 5000, 5002), net("198.51.100.0/24", 17, 1000, 1023));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->size(), 2u * 2u);  // {5000-5001, 5002} × {1000-1007, 1008-1023}
}

TEST(ReconcilePortRange, TooManyBlocksIsRefusedWithTheCount) {
  auto s = to_selectors(net("192.0.2.0/24", 6, 1, 65534), net("198.51.100.0/24", 6, 1, 65534));
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("need 900 XFRM selectors (limit 64)"), std::string::npos) << s.error().message;
}

TEST(ReconcilePortRange, PortsWithoutTcpUdpOrSctpAreRefused) {
  auto any_proto = to_selectors(net("192.0.2.0/24"), net("198.51.100.0/24", 0, 80, 80));
  ASSERT_FALSE(any_proto);
  EXPECT_NE(any_proto.error().message.find("needs protocol tcp, udp or sctp"), std::string::npos);
  EXPECT_FALSE(to_selectors(net("192.0.2.0/24", 1), net("198.51.100.0/24", 1, 0x0800, 0x0800)));  // ICMP echo
  EXPECT_TRUE(to_selectors(net("192.0.2.0/24", 132), net("198.51.100.0/24", 132, 2905, 2905)));
}

TEST(ReconcilePortRange, SingleSelectorApiRefusesARangeThatNeedsSeveral) {
  EXPECT_FALSE(ipsec::reconcile::to_selector(net("192.0.2.0/24", 6), net("198.51.100.0/24", 6, 1000, 2000)));
  EXPECT_TRUE(ipsec::reconcile::to_selector(net("192.0.2.0/24", 6), net("198.51.100.0/24", 6, 1024, 2047)));
}

class ReconcilePortPolicies : public ::testing::Test {
 protected:
  FakeKernelIpsec kernel_;
  platform::NullLogger log_;
  Reconciler reconciler_{kernel_, log_};
};

TEST_F(ReconcilePortPolicies, EachBlockGetsOutInAndFwdWithMirroredPorts) {
  auto d = make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24");
  d.local_ts.ip_protocol = d.remote_ts.ip_protocol = 6;
  d.remote_ts.start_port = 1000;
  d.remote_ts.end_port = 2000;
  ASSERT_TRUE(reconciler_.set_policies({d}));
  ASSERT_EQ(kernel_.policies.size(), 8u * 3u);
  for (const auto& p : kernel_.policies) {
    const auto& s = p.id.selector;
    const bool out = p.id.direction == platform::PolicyDirection::Out;
    // out: local → remote:1000-2000; in/fwd: remote:1000-2000 → local
    const uint16_t port = out ? s.dst_port : s.src_port;
    const uint16_t mask = out ? s.dst_port_mask : s.src_port_mask;
    EXPECT_GE(port, 1000);
    EXPECT_LE(port | static_cast<uint16_t>(~platform::effective_port_mask(port, mask)), 2000);
    EXPECT_EQ(out ? s.src_port_mask : s.dst_port_mask, 0);
    EXPECT_EQ(p.priority, ipsec::reconcile::priority_for_sequence(10));
  }
}

TEST_F(ReconcilePortPolicies, NarrowingTheRangeRemovesOnlyTheBlocksThatLeft) {
  auto d = make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24");
  d.local_ts.ip_protocol = d.remote_ts.ip_protocol = 17;
  d.remote_ts.start_port = 1024;
  d.remote_ts.end_port = 1031;  // one block
  ASSERT_TRUE(reconciler_.set_policies({d}));
  d.remote_ts.end_port = 1032;  // that block plus port 1032
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.set_policies({d}));
  EXPECT_EQ(kernel_.calls, (std::vector<std::string>{"install_policy out", "install_policy in",
                                                     "install_policy fwd"}));
  d.remote_ts.end_port = 1031;
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.set_policies({d}));
  EXPECT_EQ(kernel_.calls, (std::vector<std::string>{"delete_policy fwd", "delete_policy in",
                                                     "delete_policy out"}));
  EXPECT_EQ(kernel_.policies.size(), 3u);
}

TEST_F(ReconcilePortPolicies, ResyncKeepsBlockPoliciesTheKernelStillHas) {
  auto d = make_policy(1, 10, "192.0.2.0/24", "198.51.100.0/24");
  d.local_ts.ip_protocol = d.remote_ts.ip_protocol = 6;
  d.local_ts.start_port = 2000;
  d.local_ts.end_port = 2003;
  ASSERT_TRUE(reconciler_.set_policies({d}));
  ASSERT_TRUE(reconciler_.resync_policies());
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.set_policies({d}));
  EXPECT_TRUE(kernel_.calls.empty());
}

}  // namespace
}  // namespace ravelin::test
