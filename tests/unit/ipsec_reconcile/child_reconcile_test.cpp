#include <gtest/gtest.h>

#include <chrono>

#include "ipsec/reconcile/reconciler.hpp"
#include "ipsec/reconcile/specs.hpp"
#include "tests/unit/ipsec_reconcile/fake_kernel_ipsec.hpp"
#include "tests/unit/ipsec_reconcile/reconcile_helpers.hpp"

namespace ravelin::test {
namespace {

using ipsec::reconcile::ChildState;
using ipsec::reconcile::Reconciler;
using namespace std::chrono_literals;

class ChildReconcile : public ::testing::Test {
 protected:
  const platform::SaSpec* sa(uint32_t spi) const {
    for (const auto& s : kernel_.sas) if (s.spi == spi) return &s;
    return nullptr;
  }
  FakeKernelIpsec kernel_;
  platform::NullLogger log_;
  Reconciler reconciler_{kernel_, log_};
  platform::TimePoint t0_{};
};

TEST_F(ChildReconcile, InstallAddsInboundThenOutboundWithKeysPerDirection) {
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000001, 0x1000)));
  EXPECT_EQ(kernel_.calls, (std::vector<std::string>{"add_sa in 3221225473", "add_sa out 4096"}));
  const auto* in = sa(0xc0000001);
  const auto* out = sa(0x1000);
  ASSERT_TRUE(in && out);
  EXPECT_EQ(in->src, ip("203.0.113.2"));
  EXPECT_EQ(in->dst, ip("203.0.113.1"));
  EXPECT_EQ(in->encryption_key, std::vector<uint8_t>(32, 0x11));
  EXPECT_EQ(out->encryption_key, std::vector<uint8_t>(32, 0x33));
  EXPECT_EQ(out->integrity_key, std::vector<uint8_t>(32, 0x44));
  EXPECT_EQ(out->integrity, platform::EspIntegrity::HmacSha256_128);
  EXPECT_EQ(out->encryption, platform::EspEncryption::AesCbc);
  EXPECT_EQ(out->lifetime.hard_seconds, 3600u);
  EXPECT_EQ(out->lifetime.hard_bytes, 4608000ull * 1024);
  EXPECT_TRUE(kernel_.owned_range().owns(out->reqid));
  EXPECT_EQ(in->reqid, out->reqid);
  const auto* status = reconciler_.find(0xc0000001);
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->state, ChildState::Installed);
}

TEST_F(ChildReconcile, GcmKeyCarriesTheSaltAndHasNoIntegrity) {
  auto child = make_child(0xc0000002, 0x2000);
  child.algorithms = {20, 128, 0, 0};
  child.inbound_encr_key = ipsec::sa::KeyBytes(std::vector<uint8_t>(20, 0x55));
  child.outbound_encr_key = ipsec::sa::KeyBytes(std::vector<uint8_t>(20, 0x66));
  child.inbound_integ_key = {};
  child.outbound_integ_key = {};
  auto specs = ipsec::reconcile::make_sa_specs(child, 0x52560001);
  ASSERT_TRUE(specs) << specs.error().message;
  EXPECT_EQ(specs->outbound.encryption, platform::EspEncryption::AesGcm16);
  EXPECT_EQ(specs->outbound.integrity, platform::EspIntegrity::None);
  EXPECT_EQ(specs->outbound.encryption_key.size(), 20u);
}

TEST_F(ChildReconcile, KeyLengthNotMatchingTheAlgorithmIsRefusedBeforeTheKernel) {
  auto child = make_child(0xc0000003, 0x3000);
  child.algorithms = {20, 128, 0, 0};  // GCM wants 16 + 4 bytes, the child has 32
  auto status = reconciler_.install(child);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("expected 20"), std::string::npos);
  EXPECT_TRUE(kernel_.calls.empty());
}

TEST_F(ChildReconcile, EncapPortsAreSwappedForTheInboundSa) {
  auto child = make_child(0xc0000004, 0x4000);
  child.encap = ipsec::sa::UdpEncap{4500, 31337};
  ASSERT_TRUE(reconciler_.install(child));
  ASSERT_TRUE(sa(0x4000)->encap && sa(0xc0000004)->encap);
  EXPECT_EQ(*sa(0x4000)->encap, (platform::UdpEncap{4500, 31337}));
  EXPECT_EQ(*sa(0xc0000004)->encap, (platform::UdpEncap{31337, 4500}));
}

TEST_F(ChildReconcile, WithoutEspChildIsRecordedNotInstalledAndPoliciesStay) {
  kernel_.set_no_esp("kernel has no esp4 (CONFIG_INET_ESP)");
  ASSERT_TRUE(reconciler_.set_policies({make_policy(0xdeadbeef, 10, "192.0.2.0/24", "198.51.100.0/24")}));
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000005, 0x5000)));
  EXPECT_EQ(kernel_.count_calls("add_sa"), 0u);
  const auto* status = reconciler_.find(0xc0000005);
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->state, ChildState::NotInstalled);
  EXPECT_EQ(status->reason, "not installed: kernel has no esp4 (CONFIG_INET_ESP)");
  EXPECT_EQ(kernel_.policies.size(), 3u);
  EXPECT_EQ(kernel_.policies[0].reqid, *reconciler_.reqid_for(0xdeadbeef));
}

TEST_F(ChildReconcile, FailedOutboundAddRollsBackTheInboundSa) {
  kernel_.fail_on = "add_sa out";
  EXPECT_FALSE(reconciler_.install(make_child(0xc0000006, 0x6000)));
  EXPECT_TRUE(kernel_.sas.empty());
  const auto* status = reconciler_.find(0xc0000006);
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->state, ChildState::NotInstalled);
  EXPECT_FALSE(status->inbound_installed);
  EXPECT_FALSE(status->outbound_installed);
  EXPECT_EQ(status->reason.rfind("not installed: ", 0), 0u);
}

TEST_F(ChildReconcile, RekeyAddsNewPairBeforeRemovingOldOutboundAndOldInboundLingers) {
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000007, 0x7000)));
  kernel_.calls.clear();
  ASSERT_TRUE(reconciler_.rekey(0xc0000007, make_child(0xc0000008, 0x8000), t0_, 5s));
  EXPECT_EQ(kernel_.calls, (std::vector<std::string>{"add_sa in 3221225480", "add_sa out 32768",
                                                     "delete_sa 28672"}));
  EXPECT_NE(sa(0xc0000007), nullptr);
  EXPECT_EQ(reconciler_.find(0xc0000007)->state, ChildState::Lingering);
  EXPECT_EQ(reconciler_.expire_lingering(t0_ + 4s), 0u);
  EXPECT_NE(sa(0xc0000007), nullptr);
  EXPECT_EQ(reconciler_.expire_lingering(t0_ + 5s), 1u);
  EXPECT_EQ(sa(0xc0000007), nullptr);
  EXPECT_EQ(reconciler_.find(0xc0000007), nullptr);
  EXPECT_EQ(kernel_.sas.size(), 2u);
}

TEST_F(ChildReconcile, FailedRekeyKeepsTheOldChildCarryingTraffic) {
  ASSERT_TRUE(reconciler_.install(make_child(0xc0000009, 0x9000)));
  kernel_.fail_on = "add_sa in";
  EXPECT_FALSE(reconciler_.rekey(0xc0000009, make_child(0xc000000a, 0xa000), t0_, 5s));
  EXPECT_EQ(reconciler_.find(0xc0000009)->state, ChildState::Installed);
  EXPECT_NE(sa(0x9000), nullptr);
  EXPECT_EQ(kernel_.sas.size(), 2u);
}

TEST_F(ChildReconcile, RemoveDeletesBothSasAndForgetsTheChild) {
  ASSERT_TRUE(reconciler_.install(make_child(0xc000000b, 0xb000)));
  ASSERT_TRUE(reconciler_.remove(0xc000000b));
  EXPECT_TRUE(kernel_.sas.empty());
  EXPECT_EQ(reconciler_.find(0xc000000b), nullptr);
  EXPECT_TRUE(reconciler_.remove(0xc000000b));  // unknown: nothing to do
}

TEST_F(ChildReconcile, FailedRemoveKeepsWhatIsStillInstalledRecorded) {
  ASSERT_TRUE(reconciler_.install(make_child(0xc000000c, 0xc000)));
  kernel_.fail_on = "delete_sa 3221225484";
  EXPECT_FALSE(reconciler_.remove(0xc000000c));
  const auto* status = reconciler_.find(0xc000000c);
  ASSERT_NE(status, nullptr);
  EXPECT_TRUE(status->inbound_installed);
  EXPECT_FALSE(status->outbound_installed);
  EXPECT_EQ(kernel_.sas.size(), 1u);
  ASSERT_TRUE(reconciler_.remove(0xc000000c));
  EXPECT_TRUE(kernel_.sas.empty());
}

TEST_F(ChildReconcile, QueryReportsKernelCountersForInstalledChildrenOnly) {
  ASSERT_TRUE(reconciler_.install(make_child(0xc000000d, 0xd000)));
  kernel_.fail_on = "add_sa in";
  EXPECT_FALSE(reconciler_.install(make_child(0xc000000e, 0xe000)));
  auto all = reconciler_.query();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].inbound_counters.bytes, 1000u);
  EXPECT_EQ(all[0].outbound_counters.packets, 10u);
  EXPECT_EQ(all[1].inbound_counters.bytes, 0u);
  EXPECT_EQ(all[1].source, "map CMAP 10");
}

}  // namespace
}  // namespace ravelin::test
