// Selector ports with masks ↔ struct xfrm_selector: an aligned block of ports goes to the kernel
// as port + mask (network order), and comes back in the same Selector form, so a policy listed
// from the kernel compares equal to the one installed.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/xfrm.h>

#include "platform/linux/xfrm_convert.hpp"

namespace ravelin::platform::linux {
namespace {

Selector tcp(uint16_t sport, uint16_t smask, uint16_t dport, uint16_t dmask) {
  return {*Prefix::parse("10.1.0.0/16"), *Prefix::parse("10.2.0.0/16"), 6, sport, dport, smask, dmask};
}

TEST(XfrmPortMask, BlockGoesToTheKernelAsPortAndMaskInNetworkOrder) {
  xfrm_selector x = to_xfrm(tcp(0, 0, 1024, 0xfc00));
  EXPECT_EQ(ntohs(x.dport), 1024);
  EXPECT_EQ(ntohs(x.dport_mask), 0xfc00);
  EXPECT_EQ(x.sport, 0);
  EXPECT_EQ(x.sport_mask, 0);
}

TEST(XfrmPortMask, ExactPortWithoutMaskGetsTheFullMask) {
  xfrm_selector x = to_xfrm(tcp(5060, 0, 0, 0));
  EXPECT_EQ(ntohs(x.sport), 5060);
  EXPECT_EQ(ntohs(x.sport_mask), 0xffff);
  EXPECT_EQ(x.dport_mask, 0);
}

TEST(XfrmPortMask, PortZeroItselfKeepsItsExplicitMask) {
  xfrm_selector x = to_xfrm(tcp(0, 0xffff, 0, 0));
  EXPECT_EQ(ntohs(x.sport_mask), 0xffff);
  auto back = from_xfrm(x);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->src_port_mask, 0xffff);
  EXPECT_EQ(back->src_port, 0);
}

TEST(XfrmPortMask, PortBitsOutsideTheMaskAreNotSent) {
  xfrm_selector x = to_xfrm(tcp(0, 0, 1030, 0xfc00));  // 1030 is inside 1024-2047
  EXPECT_EQ(ntohs(x.dport), 1024);
}

TEST(XfrmPortMask, RoundTripGivesTheSameSelector) {
  for (const Selector& s : {tcp(0, 0, 0, 0), tcp(443, 0, 0, 0), tcp(0, 0, 8080, 0xfffe), tcp(32768, 0x8000, 53, 0),
                            tcp(0, 0xffff, 1000, 0xfff8)}) {
    auto back = from_xfrm(to_xfrm(s));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, s) << s.src_port << "/" << s.src_port_mask << " " << s.dst_port << "/" << s.dst_port_mask;
  }
}

TEST(XfrmPortMask, KernelsFullMaskIsReadAsTheExactPortForm) {
  xfrm_selector x{};
  x.family = AF_INET;
  x.prefixlen_d = 32;
  x.prefixlen_s = 32;
  x.proto = 17;
  x.dport = htons(4500);
  x.dport_mask = htons(0xffff);
  auto s = from_xfrm(x);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->dst_port, 4500);
  EXPECT_EQ(s->dst_port_mask, 0);
}

}  // namespace
}  // namespace ravelin::platform::linux
