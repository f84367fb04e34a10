// LinkTable over libnl-route, in a namespace of its own: inventory, addresses, up/down and events.
#include <gtest/gtest.h>
#include <poll.h>

#include <algorithm>

#include <chrono>
#include <regex>

#include "platform/linux/route_link_table.hpp"
#include "tests/netns/xfrm/netns_scope.hpp"

namespace ravelin::test {
namespace {

using platform::InterfaceAddress;
using platform::LinkEvent;

InterfaceAddress ifaddr(const char* ip, uint8_t len) { return {*platform::IpAddress::parse(ip), len}; }

class LinksNetns : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string why = NetnsScope::unavailable_reason(); !why.empty()) GTEST_SKIP() << why;
    ns_ = NetnsScope::enter();
    ASSERT_NE(ns_, nullptr);
    ASSERT_EQ(ns_->run("ip link add va type veth peer name vb"), 0);
    auto t = platform::linux::make_route_link_table();
    ASSERT_TRUE(t.ok()) << t.error().message;
    table_ = std::move(*t);
  }

  // Collects events for up to 2 s until `pred` holds for one of them.
  template <typename Pred>
  bool wait_for(Pred pred) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{table_->event_fd(), POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      for (const LinkEvent& e : table_->drain()) {
        if (pred(e)) return true;
      }
    }
    return false;
  }

  std::unique_ptr<NetnsScope> ns_;
  std::unique_ptr<platform::LinkTable> table_;
};

TEST_F(LinksNetns, InventoryListsLoopbackAndVethWithState) {
  auto links = table_->links();
  ASSERT_TRUE(links.ok()) << links.error().message;
  ASSERT_EQ(links->size(), 3u);  // lo, va, vb: a fresh namespace has nothing else
  auto lo = table_->link("lo");
  ASSERT_TRUE(lo.ok());
  EXPECT_EQ(lo->index, 1);
  EXPECT_TRUE(lo->admin_up);
  EXPECT_NE(std::find(lo->addresses.begin(), lo->addresses.end(), ifaddr("127.0.0.1", 8)), lo->addresses.end());
  auto va = table_->link("va");
  ASSERT_TRUE(va.ok());
  EXPECT_FALSE(va->admin_up);
  EXPECT_EQ(va->mtu, 1500u);
  EXPECT_FALSE(table_->link("nosuch0").ok());
}

TEST_F(LinksNetns, SetAdminUpAndDownIsSeenByIpAndByEvents) {
  ASSERT_TRUE(table_->set_admin_up("va", true).ok());
  const std::regex up_flag("[<,]UP[,>]");
  EXPECT_TRUE(std::regex_search(ns_->output("ip -o link show va"), up_flag));
  EXPECT_TRUE(table_->link("va")->admin_up);
  EXPECT_TRUE(wait_for([](const LinkEvent& e) {
    return e.kind == LinkEvent::Kind::LinkChanged && e.name == "va" && e.admin_up;
  }));
  ASSERT_TRUE(table_->set_admin_up("va", false).ok());
  EXPECT_FALSE(table_->link("va")->admin_up);
  EXPECT_FALSE(std::regex_search(ns_->output("ip -o link show va"), up_flag));
  EXPECT_TRUE(wait_for([](const LinkEvent& e) {
    return e.kind == LinkEvent::Kind::LinkChanged && e.name == "va" && !e.admin_up;
  }));
  Status missing = table_->set_admin_up("nosuch0", true);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("nosuch0"), std::string::npos);
}

TEST_F(LinksNetns, AddressesAreAddedAndRemovedForBothFamilies) {
  ASSERT_TRUE(table_->set_admin_up("va", true).ok());
  for (auto a : {ifaddr("192.0.2.1", 24), ifaddr("2001:db8:1::1", 64)}) {
    Status s = table_->add_address("va", a);
    ASSERT_TRUE(s.ok()) << s.error().message;
    const int index = table_->link("va")->index;
    EXPECT_TRUE(wait_for([&](const LinkEvent& e) {
      return e.kind == LinkEvent::Kind::AddressAdded && e.index == index && e.address == a;
    })) << a.address.to_string();
  }
  auto va = table_->link("va");
  EXPECT_NE(std::find(va->addresses.begin(), va->addresses.end(), ifaddr("192.0.2.1", 24)), va->addresses.end());
  EXPECT_NE(std::find(va->addresses.begin(), va->addresses.end(), ifaddr("2001:db8:1::1", 64)), va->addresses.end());
  const std::string ip = ns_->output("ip addr show dev va");
  EXPECT_NE(ip.find("inet 192.0.2.1/24"), std::string::npos) << ip;
  EXPECT_NE(ip.find("inet6 2001:db8:1::1/64"), std::string::npos) << ip;

  ASSERT_TRUE(table_->remove_address("va", ifaddr("192.0.2.1", 24)).ok());
  EXPECT_TRUE(wait_for([](const LinkEvent& e) {
    return e.kind == LinkEvent::Kind::AddressRemoved && e.address == ifaddr("192.0.2.1", 24);
  }));
  EXPECT_EQ(ns_->output("ip addr show dev va").find("192.0.2.1"), std::string::npos);
  // Removing it twice is an error the caller sees, and adding to a missing interface too.
  EXPECT_FALSE(table_->remove_address("va", ifaddr("192.0.2.1", 24)).ok());
  EXPECT_FALSE(table_->add_address("nosuch0", ifaddr("192.0.2.9", 24)).ok());
}

TEST_F(LinksNetns, DeletedLinkIsReportedAsRemoved) {
  ASSERT_EQ(ns_->run("ip link del va"), 0);
  EXPECT_TRUE(wait_for([](const LinkEvent& e) { return e.kind == LinkEvent::Kind::LinkRemoved && e.name == "va"; }));
  EXPECT_FALSE(table_->link("va").ok());
}

}  // namespace
}  // namespace ravelin::test
