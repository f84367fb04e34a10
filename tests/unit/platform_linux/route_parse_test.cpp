// rtnetlink link/address notifications parsed from canned kernel-layout messages.
#include <gtest/gtest.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <array>

#include "platform/linux/route_parse.hpp"
#include "tests/unit/platform_linux/canned_message.hpp"

namespace ravelin::platform::linux {
namespace {

using test::CannedMessage;

std::vector<uint8_t> newaddr_v4(uint16_t type) {
  ifaddrmsg ifa{};
  ifa.ifa_family = AF_INET;
  ifa.ifa_prefixlen = 24;
  ifa.ifa_index = 3;
  const std::array<uint8_t, 4> local{192, 0, 2, 1};
  return CannedMessage(type).fixed(ifa).attr(IFA_ADDRESS, local).attr(IFA_LOCAL, local).bytes();
}

TEST(RouteParse, NewAddressGivesIndexAddressAndPrefixLength) {
  auto ev = parse_link_event(newaddr_v4(RTM_NEWADDR));
  ASSERT_TRUE(ev.ok()) << ev.error().message;
  EXPECT_EQ(ev->kind, LinkEvent::Kind::AddressAdded);
  EXPECT_EQ(ev->index, 3);
  ASSERT_TRUE(ev->address.has_value());
  EXPECT_EQ(ev->address->address, *IpAddress::parse("192.0.2.1"));
  EXPECT_EQ(ev->address->prefix_length, 24);
  EXPECT_EQ(parse_link_event(newaddr_v4(RTM_DELADDR))->kind, LinkEvent::Kind::AddressRemoved);
}

TEST(RouteParse, PointToPointAddressUsesLocalNotPeer) {
  ifaddrmsg ifa{};
  ifa.ifa_family = AF_INET;
  ifa.ifa_prefixlen = 32;
  ifa.ifa_index = 4;
  const std::array<uint8_t, 4> peer{198, 51, 100, 9};
  const std::array<uint8_t, 4> local{198, 51, 100, 1};
  auto ev = parse_link_event(CannedMessage(RTM_NEWADDR).fixed(ifa).attr(IFA_ADDRESS, peer).attr(IFA_LOCAL, local).bytes());
  ASSERT_TRUE(ev.ok());
  EXPECT_EQ(ev->address->address, *IpAddress::parse("198.51.100.1"));
}

TEST(RouteParse, Ipv6AddressWithOnlyIfaAddress) {
  ifaddrmsg ifa{};
  ifa.ifa_family = AF_INET6;
  ifa.ifa_prefixlen = 64;
  ifa.ifa_index = 2;
  std::array<uint8_t, 16> a{0x20, 0x01, 0x0d, 0xb8};
  a[15] = 1;
  auto ev = parse_link_event(CannedMessage(RTM_NEWADDR).fixed(ifa).attr(IFA_ADDRESS, a).bytes());
  ASSERT_TRUE(ev.ok()) << ev.error().message;
  EXPECT_EQ(ev->address->address, *IpAddress::parse("2001:db8::1"));
  EXPECT_EQ(ev->address->prefix_length, 64);
}

TEST(RouteParse, LinkMessagesGiveNameAndFlags) {
  ifinfomsg ifi{};
  ifi.ifi_family = AF_UNSPEC;
  ifi.ifi_index = 7;
  ifi.ifi_flags = IFF_UP | IFF_BROADCAST;
  const char name[] = "eth1";
  auto ev = parse_link_event(CannedMessage(RTM_NEWLINK).fixed(ifi).attr(IFLA_IFNAME, name, sizeof name).bytes());
  ASSERT_TRUE(ev.ok());
  EXPECT_EQ(ev->kind, LinkEvent::Kind::LinkChanged);
  EXPECT_EQ(ev->index, 7);
  EXPECT_EQ(ev->name, "eth1");
  EXPECT_TRUE(ev->admin_up);
  EXPECT_FALSE(ev->oper_up);
  auto del = parse_link_event(CannedMessage(RTM_DELLINK).fixed(ifi).attr(IFLA_IFNAME, name, sizeof name).bytes());
  EXPECT_EQ(del->kind, LinkEvent::Kind::LinkRemoved);
}

TEST(RouteParse, MalformedMessagesAreRefused) {
  const auto whole = newaddr_v4(RTM_NEWADDR);
  for (size_t len = 0; len < NLMSG_HDRLEN + sizeof(ifaddrmsg); ++len) {
    EXPECT_FALSE(parse_link_event(test::truncated(whole, len)).ok()) << len;
  }
  // Length field claiming more than there is.
  std::vector<uint8_t> cut(whole.begin(), whole.end() - 4);
  EXPECT_FALSE(parse_link_event(cut).ok());
  // An address of the wrong size for its family is ignored, leaving no address: refused.
  ifaddrmsg ifa{};
  ifa.ifa_family = AF_INET6;
  const std::array<uint8_t, 4> v4{192, 0, 2, 1};
  EXPECT_FALSE(parse_link_event(CannedMessage(RTM_NEWADDR).fixed(ifa).attr(IFA_LOCAL, v4).bytes()).ok());
  // Prefix length beyond the address size.
  ifa.ifa_family = AF_INET;
  ifa.ifa_prefixlen = 40;
  EXPECT_FALSE(parse_link_event(CannedMessage(RTM_NEWADDR).fixed(ifa).attr(IFA_LOCAL, v4).bytes()).ok());
  // Not a link or address message.
  EXPECT_FALSE(parse_link_event(CannedMessage(RTM_NEWROUTE).fixed(ifa).bytes()).ok());
}

}  // namespace
}  // namespace ravelin::platform::linux
