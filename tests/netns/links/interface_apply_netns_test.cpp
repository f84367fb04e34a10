// InterfaceApplier over the real rtnetlink LinkTable, in a namespace of its own: what `ip address`,
// `ipv6 address` and `shutdown` under a mapped interface do to the Linux netdev, seen with `ip`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <regex>
#include <string>

#include "platform/interface_apply.hpp"
#include "platform/linux/route_link_table.hpp"
#include "tests/netns/xfrm/netns_scope.hpp"

namespace ravelin::test {
namespace {

using platform::InterfaceAddress;
using platform::InterfaceIntent;

InterfaceAddress ifaddr(const char* ip, uint8_t len) { return {*platform::IpAddress::parse(ip), len}; }

class InterfaceApplyNetns : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string why = NetnsScope::unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
    ns_ = NetnsScope::enter();
    ASSERT_NE(ns_, nullptr);
    ASSERT_EQ(ns_->run("ip link add va type veth peer name vb"), 0);
    auto t = platform::linux::make_route_link_table();
    ASSERT_TRUE(t.ok()) << t.error().message;
    table_ = std::move(*t);
    applier_ = std::make_unique<platform::InterfaceApplier>(*table_, log_);
  }
  std::string addrs(const char* dev) { return ns_->output(std::string("ip -o addr show dev ") + dev); }
  bool is_up(const char* dev) {
    return std::regex_search(ns_->output(std::string("ip -o link show ") + dev), std::regex("[<,]UP[,>]"));
  }

  std::unique_ptr<NetnsScope> ns_;
  std::unique_ptr<platform::LinkTable> table_;
  platform::NullLogger log_;
  std::unique_ptr<platform::InterfaceApplier> applier_;
};

TEST_F(InterfaceApplyNetns, PrimarySecondaryAndIpv6AddressesReachTheNetdev) {
  auto r = applier_->apply({{"GigabitEthernet0/0", "va",
                             {ifaddr("192.0.2.1", 24), ifaddr("192.0.2.9", 24), ifaddr("2001:db8:1::1", 64)},
                             false}});
  ASSERT_TRUE(r.ok()) << r.errors.front();
  EXPECT_TRUE(is_up("va"));
  const std::string a = addrs("va");
  // The config's primary is the kernel's primary; the second address of its subnet is secondary.
  EXPECT_TRUE(std::regex_search(a, std::regex("inet 192\\.0\\.2\\.1/24 .*scope global va")));
  EXPECT_TRUE(std::regex_search(a, std::regex("inet 192\\.0\\.2\\.9/24 .*secondary")));
  EXPECT_NE(a.find("inet6 2001:db8:1::1/64"), std::string::npos) << a;
}

TEST_F(InterfaceApplyNetns, NoIpAddressLeavesAddressesAddedByHand) {
  // With the peer up the netdev has carrier, so the kernel gives it an IPv6 link-local address.
  ASSERT_EQ(ns_->run("ip link set vb up && ip link set va up && ip addr add 10.9.9.9/8 dev va"), 0);
  for (int i = 0; i < 30 && addrs("va").find("inet6 fe80::") == std::string::npos; ++i) usleep(100000);
  ASSERT_NE(addrs("va").find("inet6 fe80::"), std::string::npos) << "no link-local address to keep";
  ASSERT_TRUE(applier_->apply({{"Gi0/0", "va", {ifaddr("192.0.2.1", 24)}, false}}).ok());
  ASSERT_TRUE(applier_->apply({{"Gi0/0", "va", {}, false}}).ok());
  const std::string a = addrs("va");
  EXPECT_EQ(a.find("192.0.2.1"), std::string::npos) << a;
  EXPECT_NE(a.find("inet 10.9.9.9/8"), std::string::npos) << a;
  EXPECT_NE(a.find("inet6 fe80::"), std::string::npos) << "the link-local address is never touched: " << a;
}

TEST_F(InterfaceApplyNetns, ChangingThePrimaryKeepsTheSecondary) {
  ASSERT_TRUE(applier_->apply({{"Gi0/0", "va", {ifaddr("192.0.2.1", 24), ifaddr("192.0.2.9", 24)}, false}}).ok());
  auto r = applier_->apply({{"Gi0/0", "va", {ifaddr("192.0.2.2", 24), ifaddr("192.0.2.9", 24)}, false}});
  ASSERT_TRUE(r.ok()) << r.errors.front();
  const std::string a = addrs("va");
  EXPECT_EQ(a.find("192.0.2.1/"), std::string::npos) << a;
  EXPECT_NE(a.find("inet 192.0.2.2/24"), std::string::npos) << a;
  EXPECT_NE(a.find("inet 192.0.2.9/24"), std::string::npos) << a;
}

TEST_F(InterfaceApplyNetns, ShutdownAndNoShutdownKeepTheConfiguredIpv6Address) {
  const InterfaceIntent up{"Gi0/0", "va", {ifaddr("2001:db8:1::1", 64)}, false};
  InterfaceIntent down = up;
  down.shutdown = true;
  ASSERT_TRUE(applier_->apply({up}).ok());
  ASSERT_TRUE(applier_->apply({down}).ok());
  EXPECT_FALSE(is_up("va"));
  EXPECT_NE(addrs("va").find("inet6 2001:db8:1::1/64"), std::string::npos);
  ASSERT_TRUE(applier_->apply({up}).ok());
  EXPECT_TRUE(is_up("va"));
  EXPECT_NE(addrs("va").find("inet6 2001:db8:1::1/64"), std::string::npos);
}

TEST_F(InterfaceApplyNetns, AddressDeletedByHandComesBackOnReapply) {
  ASSERT_TRUE(applier_->apply({{"Gi0/0", "va", {ifaddr("192.0.2.1", 24)}, false}}).ok());
  ASSERT_EQ(ns_->run("ip addr del 192.0.2.1/24 dev va"), 0);
  auto r = applier_->reapply();
  ASSERT_TRUE(r.ok());
  EXPECT_NE(addrs("va").find("inet 192.0.2.1/24"), std::string::npos);
}

TEST_F(InterfaceApplyNetns, UnknownNetdevIsAnErrorNotACrash) {
  auto r = applier_->apply({{"Gi0/9", "nosuch9", {ifaddr("192.0.2.1", 24)}, false}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].rfind("Gi0/9 (nosuch9): no such netdev", 0), 0u) << r.errors[0];
}

}  // namespace
}  // namespace ravelin::test
