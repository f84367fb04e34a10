// Traffic selector math: intersection, narrowing (RFC 7296 §2.9) and prefix rendering.
#include "ipsec/ts/traffic_selector.hpp"

#include <gtest/gtest.h>

namespace ravelin::ipsec::ts {
namespace {

using platform::IpAddress;
using platform::Prefix;

TrafficSelector pfx(const char* text, uint8_t proto = 0, uint16_t lo = 0, uint16_t hi = 65535) {
  return TrafficSelector::from_prefix(*Prefix::parse(text), proto, lo, hi);
}

TEST(TrafficSelector, IntersectionOfNestedPrefixesIsTheInnerOne) {
  auto r = intersect(pfx("10.0.0.0/8"), pfx("10.1.2.0/24"));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, pfx("10.1.2.0/24"));
}

TEST(TrafficSelector, IntersectionIsEmptyForDisjointRanges) {
  EXPECT_FALSE(intersect(pfx("10.0.0.0/24"), pfx("10.0.1.0/24")));
}

TEST(TrafficSelector, IntersectionIsEmptyAcrossFamilies) {
  EXPECT_FALSE(intersect(pfx("10.0.0.0/8"), pfx("2001:db8::/32")));
}

TEST(TrafficSelector, AnyProtocolIntersectsWithASpecificOneAndPortsNarrow) {
  auto r = intersect(pfx("10.0.0.0/24"), pfx("10.0.0.0/16", 6, 80, 443));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->ip_protocol, 6);
  EXPECT_EQ(r->start_port, 80);
  EXPECT_EQ(r->end_port, 443);
  EXPECT_FALSE(intersect(pfx("10.0.0.0/24", 17), pfx("10.0.0.0/24", 6)));
  EXPECT_FALSE(intersect(pfx("10.0.0.0/24", 6, 1, 79), pfx("10.0.0.0/24", 6, 80, 90)));
}

TEST(TrafficSelector, NarrowKeepsProposalOrderAndDropsWhatPolicyRefuses) {
  TrafficSelectors proposed{pfx("192.168.1.7/32"), pfx("192.168.1.0/24"), pfx("172.16.0.0/12")};
  TrafficSelectors allowed{pfx("192.168.0.0/16")};
  auto n = narrow(proposed, allowed);
  ASSERT_EQ(n.size(), 2u);
  EXPECT_EQ(n[0], pfx("192.168.1.7/32"));
  EXPECT_EQ(n[1], pfx("192.168.1.0/24"));
}

TEST(TrafficSelector, NarrowIsEmptyWhenNothingOverlapsMeaningTsUnacceptable) {
  EXPECT_TRUE(narrow({pfx("10.0.0.0/8")}, {pfx("192.168.0.0/16")}).empty());
}

TEST(TrafficSelector, ResponderMayNarrowButNeverWiden) {
  TrafficSelectors proposed{pfx("10.0.0.0/16")};
  EXPECT_TRUE(is_narrowing_of({pfx("10.0.1.0/24")}, proposed));
  EXPECT_FALSE(is_narrowing_of({pfx("10.0.0.0/8")}, proposed));
  EXPECT_FALSE(is_narrowing_of({}, proposed));
}

TEST(TrafficSelector, AsPrefixOnlyForExactPrefixRanges) {
  EXPECT_EQ(pfx("10.1.0.0/16").as_prefix(), Prefix::parse("10.1.0.0/16"));
  TrafficSelector odd{*IpAddress::parse("10.0.0.1"), *IpAddress::parse("10.0.0.6")};
  EXPECT_FALSE(odd.as_prefix());
  EXPECT_EQ(odd.to_string(), "10.0.0.1-10.0.0.6");
  EXPECT_EQ(TrafficSelector::any(platform::Family::V4).as_prefix(), Prefix::parse("0.0.0.0/0"));
  EXPECT_EQ(TrafficSelector::any(platform::Family::V6).as_prefix(), Prefix::parse("::/0"));
}

TEST(TrafficSelector, InvalidRangesNeverIntersect) {
  TrafficSelector backwards{*IpAddress::parse("10.0.0.9"), *IpAddress::parse("10.0.0.1")};
  EXPECT_FALSE(backwards.valid());
  EXPECT_FALSE(intersect(backwards, pfx("0.0.0.0/0")));
}

TEST(TrafficSelector, RenderingShowsProtocolAndPorts) {
  EXPECT_EQ(pfx("10.0.0.0/24", 6, 80, 80).to_string(), "10.0.0.0/24 proto 6 port 80-80");
}

}  // namespace
}  // namespace ravelin::ipsec::ts
