#include "platform/net/ip_address.hpp"

#include <gtest/gtest.h>

using ravelin::platform::IpAddress;
using ravelin::platform::Prefix;

TEST(IpAddress, ParsesDottedQuadAndRejectsJunk) {
  auto a = IpAddress::parse("192.0.2.1");
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->is_v4());
  EXPECT_EQ(a->to_string(), "192.0.2.1");
  EXPECT_EQ(a->v4_host_order(), 0xc0000201u);
  EXPECT_FALSE(IpAddress::parse("192.0.2"));
  EXPECT_FALSE(IpAddress::parse("192.0.2.256"));
  EXPECT_FALSE(IpAddress::parse("host"));
  EXPECT_FALSE(IpAddress::parse(""));
}

TEST(IpAddress, ParsesIpv6AndPrintsCanonical) {
  auto a = IpAddress::parse("2001:DB8:0::1");
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->is_v6());
  EXPECT_EQ(a->to_string(), "2001:db8::1");
}

TEST(Prefix, MaskAndWildcardConversionsWhenContiguous) {
  auto p = Prefix::from_mask(*IpAddress::parse("192.168.1.77"), *IpAddress::parse("255.255.255.0"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->to_string(), "192.168.1.0/24");
  EXPECT_EQ(p->wildcard().to_string(), "0.0.0.255");
  EXPECT_EQ(p->last().to_string(), "192.168.1.255");
  auto w = Prefix::from_wildcard(*IpAddress::parse("10.0.0.0"), *IpAddress::parse("0.0.255.255"));
  ASSERT_TRUE(w);
  EXPECT_EQ(w->length(), 16);
  EXPECT_FALSE(Prefix::from_mask(*IpAddress::parse("10.0.0.0"), *IpAddress::parse("255.0.255.0")));
}

TEST(Prefix, ContainsRespectsFamilyAndLength) {
  auto p = *Prefix::parse("2001:db8::/32");
  EXPECT_TRUE(p.contains(*IpAddress::parse("2001:db8:1::5")));
  EXPECT_FALSE(p.contains(*IpAddress::parse("192.0.2.1")));
  EXPECT_TRUE(p.contains(*Prefix::parse("2001:db8:a::/48")));
  EXPECT_FALSE(Prefix::parse("10.0.0.0/33"));
}
