#include <gtest/gtest.h>

#include <chrono>

#include "ipsec/reconcile/reconciler.hpp"
#include "tests/unit/ipsec_reconcile/fake_kernel_ipsec.hpp"
#include "tests/unit/ipsec_reconcile/reconcile_helpers.hpp"

namespace ravelin::test {
namespace {

using ipsec::reconcile::ChildState;
using ipsec::reconcile::Reconciler;
using ipsec::reconcile::to_selector;
using ipsec::ts::TrafficSelector;
using namespace std::chrono_literals;

TrafficSelector net(const char* text, uint8_t proto = 0, uint16_t lo = 0, uint16_t hi = 65535) {
  return TrafficSelector::from_prefix(*platform::Prefix::parse(text), proto, lo, hi);
}

TEST(ReconcileSelector, SinglePortAndProtocolBecomeXfrmFields) {
  auto s = to_selector(net("192.0.2.0/24", 6), net("198.51.100.7/32", 6, 443, 443));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->protocol, 6);
  EXPECT_EQ(s->src_port, 0);
  EXPECT_EQ(s->dst_port, 443);
  EXPECT_EQ(s->dst.to_string(), "198.51.100.7/32");
}

TEST(ReconcileSelector, Ipv6PrefixesPassThrough) {
  auto s = to_selector(net("2001:db8:1::/48"), net("2001:db8:2::/64"));
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->src.to_string(), "2001:db8:1::/48");
  EXPECT_EQ(s->dst.to_string(), "2001:db8:2::/64");
}

TEST(ReconcileSelector, AddressRangeThatIsNotOnePrefixIsAnError) {
  TrafficSelector range = net("192.0.2.0/24");
  range.end = ip("192.0.2.10");
  EXPECT_FALSE(to_selector(range, net("198.51.100.0/24")));
}

TEST(ReconcileSelector, DifferentProtocolsOnBothSidesAreAnError) {
  EXPECT_FALSE(to_selector(net("192.0.2.0/24", 6), net("198.51.100.0/24", 17)));
}

class ReconcileEdge : public ::testing::Test {
 protected:
  FakeKernelIpsec kernel_;
  platform::NullLogger log_;
  Reconciler reconciler_{kernel_, log_};
};

TEST_F(ReconcileEdge, TwoEntriesWithOneSelectorInstallOnlyTheLowerSequence) {
  ASSERT_TRUE(reconciler_.set_policies({make_policy(1, 20, "192.0.2.0/24", "198.51.100.0/24"),
                                        make_policy(2, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  ASSERT_EQ(kernel_.policies.size(), 3u);
  for (const auto& p : kernel_.policies) {
    EXPECT_EQ(p.priority, ipsec::reconcile::priority_for_sequence(10));
    EXPECT_EQ(p.reqid, *reconciler_.reqid_for(2));
  }
}

TEST_F(ReconcileEdge, InstallingAnInboundSpiTwiceIsRefusedWithoutKernelCalls) {
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000021, 0x21)));
  kernel_.calls.clear();
  EXPECT_FALSE(reconciler_.install(make_child(0xc0000021, 0x22)));
  EXPECT_TRUE(kernel_.calls.empty());
  EXPECT_EQ(reconciler_.find(0xc0000021)->outbound_spi, 0x21u);
}

TEST_F(ReconcileEdge, RekeyWithoutEspForgetsTheOldChildAndRecordsTheNewOne) {
  kernel_.set_no_esp("no esp4");
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000031, 0x31)));
  ASSERT_TRUE(reconciler_.rekey(0xc0000031, make_child(0xc0000032, 0x32), platform::TimePoint{}, 5s));
  EXPECT_EQ(reconciler_.find(0xc0000031), nullptr);
  ASSERT_NE(reconciler_.find(0xc0000032), nullptr);
  EXPECT_EQ(reconciler_.find(0xc0000032)->state, ChildState::NotInstalled);
  EXPECT_TRUE(kernel_.calls.empty());
}

TEST_F(ReconcileEdge, RemovingALingeringChildDeletesItsInboundSaAtOnce) {
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000041, 0x41)));
  ASSERT_TRUE(reconciler_.rekey(0xc0000041, make_child(0xc0000042, 0x42), platform::TimePoint{}, 5s));
  ASSERT_TRUE(reconciler_.remove(0xc0000041));
  EXPECT_EQ(kernel_.sas.size(), 2u);  // only the replacement pair
  EXPECT_EQ(reconciler_.expire_lingering(platform::TimePoint{} + 10s), 0u);
}

TEST_F(ReconcileEdge, UnsupportedTransformIsRefusedBeforeTheKernel) {
  auto child = make_child(0xc0000051, 0x51);
  child.algorithms.encr_id = 28;  // ChaCha20-Poly1305: not offered by KernelIpsec
  auto status = reconciler_.install(child);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("unsupported ESP encryption"), std::string::npos);
  EXPECT_TRUE(kernel_.calls.empty());
}

}  // namespace
}  // namespace ravelin::test
