// Reconciler::update_encap / on_mapping: a NAT rebinding (RFC 7296 §2.23) moves the peer's UDP
// encapsulation port of a child's SAs without reinstalling them.
#include <gtest/gtest.h>

#include <chrono>

#include "ipsec/reconcile/reconciler.hpp"
#include "tests/unit/ipsec_reconcile/fake_kernel_ipsec.hpp"
#include "tests/unit/ipsec_reconcile/reconcile_helpers.hpp"

namespace ravelin::test {
namespace {

using ipsec::reconcile::Reconciler;
using namespace std::chrono_literals;

ipsec::sa::ChildSa natted_child(uint32_t in_spi, uint32_t out_spi) {
  auto c = make_child(in_spi, out_spi);
  c.encap = ipsec::sa::UdpEncap{4500, 4500};
  return c;
}

class ReconcileMapping : public ::testing::Test {
 protected:
  const platform::SaSpec* sa(uint32_t spi) const {
    for (const auto& s : kernel_.sas) if (s.spi == spi) return &s;
    return nullptr;
  }
  FakeKernelIpsec kernel_;
  platform::NullLogger log_;
  Reconciler reconciler_{kernel_, log_};
};

TEST_F(ReconcileMapping, NewPeerPortUpdatesBothSasInPlace) {
  ASSERT_TRUE(reconciler_.install(natted_child(0xc0000101, 0x101)));
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.update_encap(0xc0000101, {ip("203.0.113.2"), 31000}));
  EXPECT_EQ(kernel_.calls, (std::vector<std::string>{"update_sa in 3221225729", "update_sa out 257"}));
  // inbound: peer:31000 → us:4500; outbound: us:4500 → peer:31000; keys unchanged
  EXPECT_EQ(sa(0xc0000101)->encap, (platform::UdpEncap{31000, 4500}));
  EXPECT_EQ(sa(0x101)->encap, (platform::UdpEncap{4500, 31000}));
  EXPECT_EQ(sa(0xc0000101)->encryption_key, std::vector<uint8_t>(32, 0x11));
  EXPECT_EQ(sa(0x101)->integrity_key, std::vector<uint8_t>(32, 0x44));
  EXPECT_EQ(reconciler_.find(0xc0000101)->remote_port, 31000);
}

TEST_F(ReconcileMapping, MappingEventForTheInboundSaIsFollowed) {
  ASSERT_TRUE(reconciler_.install(natted_child(0xc0000102, 0x102)));
  platform::MappingEvent ev;
  ev.sa = {ip("203.0.113.1"), 0xc0000102, {}};
  ev.old_src = {ip("203.0.113.2"), 4500};
  ev.new_src = {ip("203.0.113.2"), 4501};
  ASSERT_TRUE(reconciler_.on_mapping(ev));
  EXPECT_EQ(sa(0x102)->encap->dst_port, 4501);
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.on_mapping(ev));  // the same mapping again: nothing to do
  EXPECT_TRUE(kernel_.calls.empty());
}

TEST_F(ReconcileMapping, UnknownChildPlainEspAndMovedPeerAreErrorsWithoutKernelCalls) {
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000103, 0x103)));  // no NAT-T
  ASSERT_TRUE(reconciler_.install(natted_child(0xc0000104, 0x104)));
  kernel_.calls.clear();
  auto unknown = reconciler_.update_encap(0xc0000999, {ip("203.0.113.2"), 4501});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "no child SA with inbound SPI 0xC0000999");
  auto plain = reconciler_.update_encap(0xc0000103, {ip("203.0.113.2"), 4501});
  ASSERT_FALSE(plain);
  EXPECT_EQ(plain.error().message, "child SA 0xC0000103 is not UDP-encapsulated");
  auto moved = reconciler_.update_encap(0xc0000104, {ip("203.0.113.9"), 4501});
  ASSERT_FALSE(moved);
  EXPECT_NE(moved.error().message.find("peer moved from 203.0.113.2 to 203.0.113.9"), std::string::npos);
  EXPECT_TRUE(kernel_.calls.empty());
}

TEST_F(ReconcileMapping, FailedOutboundUpdatePutsTheInboundSaBack) {
  ASSERT_TRUE(reconciler_.install(natted_child(0xc0000105, 0x105)));
  kernel_.fail_on = "update_sa out";
  EXPECT_FALSE(reconciler_.update_encap(0xc0000105, {ip("203.0.113.2"), 4600}));
  EXPECT_EQ(sa(0xc0000105)->encap, (platform::UdpEncap{4500, 4500}));
  EXPECT_EQ(reconciler_.find(0xc0000105)->remote_port, 4500);
  ASSERT_TRUE(reconciler_.update_encap(0xc0000105, {ip("203.0.113.2"), 4600}));  // retried later
  EXPECT_EQ(sa(0x105)->encap->dst_port, 4600);
}

TEST_F(ReconcileMapping, WithoutEspOnlyTheRecordMoves) {
  kernel_.set_no_esp("no esp4");
  ASSERT_TRUE(reconciler_.install(natted_child(0xc0000106, 0x106)));
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.update_encap(0xc0000106, {ip("203.0.113.2"), 4700}));
  EXPECT_TRUE(kernel_.calls.empty());
  EXPECT_EQ(reconciler_.find(0xc0000106)->remote_port, 4700);
}

TEST_F(ReconcileMapping, LingeringChildUpdatesOnlyItsInboundSa) {
  ASSERT_TRUE(reconciler_.install(natted_child(0xc0000107, 0x107)));
  ASSERT_TRUE(reconciler_.rekey(0xc0000107, natted_child(0xc0000108, 0x108), platform::TimePoint{}, 5s));
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.update_encap(0xc0000107, {ip("203.0.113.2"), 4800}));
  EXPECT_EQ(kernel_.calls, std::vector<std::string>{"update_sa in 3221225735"});
}

}  // namespace
}  // namespace ravelin::test
