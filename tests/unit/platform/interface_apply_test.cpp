// InterfaceApplier over a LinkTable fake that behaves like Linux where it matters: removing an IPv4
// primary deletes the secondaries of its subnet, taking a netdev down drops its IPv6 addresses.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "platform/interface_apply.hpp"

namespace ravelin::test {
namespace {

using platform::InterfaceAddress;
using platform::InterfaceIntent;

InterfaceAddress addr(const char* text, uint8_t len) { return {*platform::IpAddress::parse(text), len}; }

bool same_v4_subnet(const InterfaceAddress& a, const InterfaceAddress& b) {
  if (!a.address.is_v4() || !b.address.is_v4() || a.prefix_length != b.prefix_length) return false;
  return platform::Prefix(a.address, a.prefix_length) == platform::Prefix(b.address, b.prefix_length);
}

class FakeLinkTable final : public platform::LinkTable {
 public:
  std::map<std::string, platform::LinkInfo> devs;
  std::vector<std::string> calls;
  std::string fail_on;  // a call whose text starts with this fails

  void add_dev(const std::string& name, bool up = false) {
    platform::LinkInfo l;
    l.index = static_cast<int>(devs.size()) + 1;
    l.name = name;
    l.admin_up = up;
    devs[name] = l;
  }
  std::vector<InterfaceAddress>& addresses(const std::string& dev) { return devs.at(dev).addresses; }

  Result<std::vector<platform::LinkInfo>> links() override {
    std::vector<platform::LinkInfo> out;
    for (const auto& [n, l] : devs) out.push_back(l);
    return out;
  }
  Result<platform::LinkInfo> link(std::string_view name) override {
    auto it = devs.find(std::string(name));
    if (it == devs.end()) return make_error("No such device");
    return it->second;
  }
  Status add_address(std::string_view dev, const InterfaceAddress& a) override {
    if (auto s = record("add " + std::string(dev) + " " + platform::to_string(a)); !s) return s;
    auto& list = devs.at(std::string(dev)).addresses;
    if (std::find(list.begin(), list.end(), a) != list.end()) return make_error("File exists");
    list.push_back(a);
    return {};
  }
  Status remove_address(std::string_view dev, const InterfaceAddress& a) override {
    if (auto s = record("remove " + std::string(dev) + " " + platform::to_string(a)); !s) return s;
    auto& list = devs.at(std::string(dev)).addresses;
    auto it = std::find(list.begin(), list.end(), a);
    if (it == list.end()) return make_error("Cannot assign requested address");
    const bool primary = std::none_of(list.begin(), it, [&](const auto& b) { return same_v4_subnet(a, b); });
    list.erase(it);
    if (primary) std::erase_if(list, [&](const auto& b) { return same_v4_subnet(a, b); });
    return {};
  }
  Status set_admin_up(std::string_view dev, bool up) override {
    if (auto s = record(std::string(up ? "up " : "down ") + std::string(dev)); !s) return s;
    auto& l = devs.at(std::string(dev));
    l.admin_up = up;
    if (!up) std::erase_if(l.addresses, [](const auto& b) { return b.address.is_v6(); });
    return {};
  }
  int event_fd() const override { return -1; }
  std::vector<platform::LinkEvent> drain() override { return {}; }

 private:
  Status record(const std::string& call) {
    calls.push_back(call);
    if (!fail_on.empty() && call.rfind(fail_on, 0) == 0) return make_error("Operation not permitted");
    return {};
  }
};

class InterfaceApply : public ::testing::Test {
 protected:
  void SetUp() override {
    links_.add_dev("eth0");
    links_.add_dev("eth1", true);
  }
  InterfaceIntent intent(const char* dev, std::vector<InterfaceAddress> a, bool shutdown = false) {
    return {std::string("Gi-") + dev, dev, std::move(a), shutdown};
  }
  FakeLinkTable links_;
  platform::NullLogger log_;
  platform::InterfaceApplier applier_{links_, log_};
};

TEST_F(InterfaceApply, AddsConfiguredAddressesAndBringsTheNetdevUp) {
  auto r = applier_.apply({intent("eth0", {addr("192.0.2.1", 24), addr("2001:db8::1", 64)})});
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(links_.devs["eth0"].admin_up);
  EXPECT_EQ(links_.addresses("eth0"), (std::vector{addr("192.0.2.1", 24), addr("2001:db8::1", 64)}));
  EXPECT_EQ(r.changes.front(), "Gi-eth0 (eth0): set up (no shutdown)");
  EXPECT_EQ(r.changes.size(), 3u);
}

TEST_F(InterfaceApply, SecondApplyOfTheSameConfigMakesNoKernelCall) {
  auto intents = std::vector{intent("eth0", {addr("192.0.2.1", 24)})};
  (void)applier_.apply(intents);
  links_.calls.clear();
  auto r = applier_.apply(intents);
  EXPECT_TRUE(links_.calls.empty());
  EXPECT_TRUE(r.changes.empty());
}

TEST_F(InterfaceApply, NoIpAddressRemovesOnlyTheAddressTheConfigNamed) {
  links_.addresses("eth1").push_back(addr("10.9.9.9", 8));  // by hand, never in the config
  (void)applier_.apply({intent("eth1", {addr("192.0.2.1", 24)})});
  auto r = applier_.apply({intent("eth1", {})});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(links_.addresses("eth1"), std::vector{addr("10.9.9.9", 8)});
  EXPECT_EQ(r.changes, std::vector<std::string>{"Gi-eth1 (eth1): removed 192.0.2.1/24"});
}

TEST_F(InterfaceApply, AddressAlreadyPresentIsAdoptedAndRemovedWhenTheConfigDropsIt) {
  links_.addresses("eth1").push_back(addr("192.0.2.1", 24));
  auto r = applier_.apply({intent("eth1", {addr("192.0.2.1", 24)})});
  EXPECT_TRUE(r.changes.empty());  // nothing to do: it is there
  EXPECT_EQ(applier_.managed("eth1"), std::vector{addr("192.0.2.1", 24)});
  (void)applier_.apply({intent("eth1", {})});
  EXPECT_TRUE(links_.addresses("eth1").empty());
}

TEST_F(InterfaceApply, ChangingThePrimaryKeepsTheSecondaryOfTheSameSubnet) {
  (void)applier_.apply({intent("eth1", {addr("192.0.2.1", 24), addr("192.0.2.3", 24)})});
  // Linux drops 192.0.2.3 together with the old primary; the applier puts it back.
  auto r = applier_.apply({intent("eth1", {addr("192.0.2.2", 24), addr("192.0.2.3", 24)})});
  EXPECT_TRUE(r.ok());
  auto have = links_.addresses("eth1");
  std::sort(have.begin(), have.end(), [](auto& a, auto& b) { return a.address < b.address; });
  EXPECT_EQ(have, (std::vector{addr("192.0.2.2", 24), addr("192.0.2.3", 24)}));
}

TEST_F(InterfaceApply, ShutdownSetsDownAndKeepsIpv6AddressesConfigured) {
  (void)applier_.apply({intent("eth1", {addr("2001:db8::1", 64)})});
  auto r = applier_.apply({intent("eth1", {addr("2001:db8::1", 64)}, true)});
  EXPECT_TRUE(r.ok());
  EXPECT_FALSE(links_.devs["eth1"].admin_up);
  EXPECT_EQ(links_.addresses("eth1"), std::vector{addr("2001:db8::1", 64)});
  (void)applier_.apply({intent("eth1", {addr("2001:db8::1", 64)}, false)});
  EXPECT_TRUE(links_.devs["eth1"].admin_up);
}

TEST_F(InterfaceApply, InterfaceLeavingTheConfigGivesBackItsAddressesAndKeepsItsState) {
  (void)applier_.apply({intent("eth0", {addr("192.0.2.1", 24)}), intent("eth1", {addr("198.51.100.1", 24)})});
  auto r = applier_.apply({intent("eth1", {addr("198.51.100.1", 24)})});
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(links_.addresses("eth0").empty());
  EXPECT_TRUE(links_.devs["eth0"].admin_up);
  EXPECT_TRUE(applier_.managed("eth0").empty());
}

TEST_F(InterfaceApply, MissingNetdevIsReportedAndTheOthersStillApply) {
  auto r = applier_.apply({intent("nosuch0", {addr("192.0.2.1", 24)}), intent("eth0", {addr("198.51.100.1", 24)})});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "Gi-nosuch0 (nosuch0): no such netdev: No such device");
  EXPECT_EQ(links_.addresses("eth0"), std::vector{addr("198.51.100.1", 24)});
}

TEST_F(InterfaceApply, FailedAddIsRetriedByReapply) {
  links_.fail_on = "add eth1";
  auto r = applier_.apply({intent("eth1", {addr("192.0.2.1", 24)})});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "Gi-eth1 (eth1): cannot add 192.0.2.1/24: Operation not permitted");
  links_.fail_on.clear();
  EXPECT_TRUE(applier_.reapply().ok());
  EXPECT_EQ(links_.addresses("eth1"), std::vector{addr("192.0.2.1", 24)});
}

TEST_F(InterfaceApply, AddressRemovedByHandIsRestoredByReapply) {
  (void)applier_.apply({intent("eth1", {addr("192.0.2.1", 24)})});
  links_.addresses("eth1").clear();
  auto r = applier_.reapply();
  EXPECT_EQ(r.changes, std::vector<std::string>{"Gi-eth1 (eth1): added 192.0.2.1/24"});
}

TEST_F(InterfaceApply, FailedRemovalStaysManagedAndIsRetried) {
  (void)applier_.apply({intent("eth1", {addr("192.0.2.1", 24)})});
  links_.fail_on = "remove";
  EXPECT_FALSE(applier_.apply({intent("eth1", {})}).ok());
  EXPECT_EQ(applier_.managed("eth1"), std::vector{addr("192.0.2.1", 24)});
  links_.fail_on.clear();
  EXPECT_TRUE(applier_.reapply().ok());
  EXPECT_TRUE(links_.addresses("eth1").empty());
}

TEST_F(InterfaceApply, TwoInterfacesMappedToOneNetdevApplyOnlyTheFirst) {
  auto r = applier_.apply({intent("eth1", {addr("192.0.2.1", 24)}),
                           {"Tunnel0", "eth1", {addr("10.0.0.1", 30)}, false}});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "Tunnel0 (eth1): netdev already mapped to another interface; not applied");
  EXPECT_EQ(links_.addresses("eth1"), std::vector{addr("192.0.2.1", 24)});
}

TEST_F(InterfaceApply, FailedShutdownIsReportedAndAddressesStillApply) {
  links_.fail_on = "down";
  auto r = applier_.apply({intent("eth1", {addr("192.0.2.1", 24)}, true)});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "Gi-eth1 (eth1): cannot set down: Operation not permitted");
  EXPECT_TRUE(links_.devs["eth1"].admin_up);
  EXPECT_EQ(links_.addresses("eth1"), std::vector{addr("192.0.2.1", 24)});
}

TEST_F(InterfaceApply, NewPrefixLengthForTheSameAddressRemovesTheOldOneFirst) {
  // Linux keys an IPv6 address by the address alone: the old one must go before the new one is added.
  (void)applier_.apply({intent("eth1", {addr("2001:db8::1", 64)})});
  links_.calls.clear();
  auto r = applier_.apply({intent("eth1", {addr("2001:db8::1", 48)})});
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(links_.calls, (std::vector<std::string>{"remove eth1 2001:db8::1/64", "add eth1 2001:db8::1/48"}));
}

}  // namespace
}  // namespace ravelin::test
