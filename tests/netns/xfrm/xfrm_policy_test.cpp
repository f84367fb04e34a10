// Policies, SPI allocation and the ESP probe against the real XFRM of this kernel, in a namespace.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/netns/xfrm/xfrm_fixture.hpp"

namespace ravelin::test {
namespace {

using platform::PolicyDirection;

TEST_F(XfrmNetns, EspProbeAgreesWithIpXfrmAndIsLoggedOnce) {
  // Independent check: does `ip xfrm` manage to add an ESP SA here?
  const std::string ip = ns_->output(
      "ip xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x1000 mode tunnel reqid 9 "
      "enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff "
      "auth-trunc 'hmac(sha1)' 0x0011223344556677889900112233445566778899 96 && echo ADDED");
  const bool ip_has_esp = ip.find("ADDED") != std::string::npos;
  const auto& caps = kernel_->capabilities();
  EXPECT_TRUE(caps.xfrm);
  EXPECT_EQ(caps.esp, ip_has_esp) << ip;
  const auto warnings = std::count_if(log_.lines.begin(), log_.lines.end(), [](const auto& l) {
    return l.level == platform::LogLevel::Warning;
  });
  if (ip_has_esp) {
    EXPECT_TRUE(caps.esp_reason.empty());
    EXPECT_EQ(warnings, 0);
  } else {
    EXPECT_EQ(caps.esp_reason.rfind(platform::linux::kNoEspReason, 0), 0u) << caps.esp_reason;
    EXPECT_NE(caps.esp_reason.find("Requested type not found"), std::string::npos) << caps.esp_reason;
    EXPECT_EQ(warnings, 1);
  }
  // The probe leaves nothing behind.
  EXPECT_EQ(ns_->output("ip xfrm state list | grep -c 0x00000100").substr(0, 1), "0");
}

TEST_F(XfrmNetns, SaAddIsReportedNotInstalledWithReasonWhenKernelLacksEsp) {
  if (kernel_->capabilities().esp) GTEST_SKIP() << "this kernel has ESP; covered by the guest tier";
  platform::SaSpec sa;
  sa.src = addr("203.0.113.1");
  sa.dst = addr("203.0.113.2");
  sa.spi = 0xc0001234;
  sa.encryption_key.assign(16, 1);
  sa.integrity_key.assign(20, 2);
  sa.reqid = reqid(1);
  Status s = kernel_->add_sa(sa);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "not installed: " + kernel_->capabilities().esp_reason);
  // Policies keep working on such a kernel.
  EXPECT_TRUE(kernel_->install_policy(policy(PolicyDirection::Out, reqid(1))).ok());
}

TEST_F(XfrmNetns, PoliciesInOutFwdAreInstalledListedAndDeleted) {
  for (auto dir : {PolicyDirection::Out, PolicyDirection::In, PolicyDirection::Fwd}) {
    Status s = kernel_->install_policy(policy(dir, reqid(7), 1007));
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  auto listed = kernel_->list_policies();
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 3u);
  for (const auto& p : *listed) {
    EXPECT_EQ(p.priority, 1007u);
    EXPECT_EQ(p.reqids, std::vector<uint32_t>{reqid(7)});
  }
  const std::string ip = ns_->output("ip xfrm policy list");
  EXPECT_NE(ip.find("src 192.0.2.0/24 dst 198.51.100.0/24 \n\tdir out priority 1007"), std::string::npos) << ip;
  EXPECT_NE(ip.find("dir fwd priority 1007"), std::string::npos) << ip;
  EXPECT_NE(ip.find("tmpl src 203.0.113.2 dst 203.0.113.1"), std::string::npos) << ip;

  for (auto dir : {PolicyDirection::Out, PolicyDirection::In, PolicyDirection::Fwd}) {
    ASSERT_TRUE(kernel_->delete_policy(policy(dir, reqid(7)).id).ok());
  }
  EXPECT_TRUE(kernel_->list_policies()->empty());
  EXPECT_EQ(ns_->output("ip xfrm policy list"), "");
  // Deleting again is not an error: the state is already what was asked.
  EXPECT_TRUE(kernel_->delete_policy(policy(PolicyDirection::Out, reqid(7)).id).ok());
}

TEST_F(XfrmNetns, SelectorWithProtocolAndPortsRoundTrips) {
  auto p = policy(PolicyDirection::Out, reqid(2));
  p.id.selector.protocol = 17;
  p.id.selector.dst_port = 4789;
  ASSERT_TRUE(kernel_->install_policy(p).ok());
  auto listed = kernel_->list_policies();
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().id, p.id);
  EXPECT_NE(ns_->output("ip xfrm policy list").find("proto udp dport 4789"), std::string::npos);
}

TEST_F(XfrmNetns, InstallingAgainReplacesOwnPolicy) {
  ASSERT_TRUE(kernel_->install_policy(policy(PolicyDirection::Out, reqid(3), 10)).ok());
  ASSERT_TRUE(kernel_->install_policy(policy(PolicyDirection::Out, reqid(4), 20)).ok());
  auto listed = kernel_->list_policies();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().priority, 20u);
  EXPECT_EQ(listed->front().reqids, std::vector<uint32_t>{reqid(4)});
}

TEST_F(XfrmNetns, ForeignPolicyIsNeitherReplacedNorDeleted) {
  ASSERT_EQ(ns_->run("ip xfrm policy add src 192.0.2.0/24 dst 198.51.100.0/24 dir out priority 5 "
                     "tmpl src 203.0.113.1 dst 203.0.113.2 proto esp mode tunnel reqid 77"), 0);
  Status s = kernel_->install_policy(policy(PolicyDirection::Out, reqid(5)));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("did not install"), std::string::npos) << s.error().message;
  EXPECT_FALSE(kernel_->delete_policy(policy(PolicyDirection::Out, reqid(5)).id).ok());
  EXPECT_TRUE(kernel_->list_policies()->empty());  // foreign policies are not listed as ours
  EXPECT_NE(ns_->output("ip xfrm policy list").find("reqid 77"), std::string::npos);
}

TEST_F(XfrmNetns, ReqidOutsideOwnedRangeIsRefusedBeforeTheKernel) {
  Status s = kernel_->install_policy(policy(PolicyDirection::Out, 42));
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("outside ravelin's owned range"), std::string::npos);
  EXPECT_EQ(ns_->output("ip xfrm policy list"), "");
}

TEST_F(XfrmNetns, AllocateSpiReservesDistinctInboundSpisAsLarvalSas) {
  auto a = kernel_->allocate_spi(addr("203.0.113.2"), addr("203.0.113.1"), reqid(9));
  auto b = kernel_->allocate_spi(addr("203.0.113.2"), addr("203.0.113.1"), reqid(9));
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_NE(*a, *b);
  EXPECT_GE(*a, 0xc0000000u);
  EXPECT_LE(*a, 0xcfffffffu);
  auto sas = kernel_->list_sas();
  ASSERT_TRUE(sas.ok()) << sas.error().message;
  ASSERT_EQ(sas->size(), 2u);
  for (const auto& sa : *sas) {
    EXPECT_TRUE(sa.larval);
    EXPECT_EQ(sa.reqid, reqid(9));
    EXPECT_EQ(sa.src, addr("203.0.113.2"));
    EXPECT_EQ(sa.id.dst, addr("203.0.113.1"));
  }
  char spi_text[16];
  std::snprintf(spi_text, sizeof spi_text, "0x%08x", *a);
  EXPECT_NE(ns_->output("ip xfrm state list").find(spi_text), std::string::npos);
  // IPv6 works the same way.
  auto v6 = kernel_->allocate_spi(addr("2001:db8::2"), addr("2001:db8::1"), reqid(9));
  EXPECT_TRUE(v6.ok()) << v6.error().message;
  ASSERT_TRUE(kernel_->delete_sa({addr("203.0.113.1"), *a, {}}).ok());
  EXPECT_EQ(kernel_->list_sas()->size(), 2u);
}

}  // namespace
}  // namespace ravelin::test
