#include <gtest/gtest.h>

#include "grammar/interface_name.hpp"

namespace ravelin::grammar {
namespace {

TEST(GrammarInterfaceName, AbbreviationsExpandWithoutInventory) {
  EXPECT_EQ(match_interface("f0/0", "", nullptr).name, "FastEthernet0/0");
  EXPECT_EQ(match_interface("gi0/1", "", nullptr).name, "GigabitEthernet0/1");
  EXPECT_EQ(match_interface("Gi0/0/1.100", "", nullptr).name, "GigabitEthernet0/0/1.100");
  EXPECT_EQ(match_interface("te0/0/0", "", nullptr).name, "TenGigabitEthernet0/0/0");
  EXPECT_EQ(match_interface("lo0", "", nullptr).name, "Loopback0");
  EXPECT_EQ(match_interface("tu1", "", nullptr).name, "Tunnel1");
  EXPECT_EQ(match_interface("TUNNEL", "46", nullptr).name, "Tunnel46");
  EXPECT_EQ(match_interface("virtual-template1", "", nullptr).name, "Virtual-Template1");
}

TEST(GrammarInterfaceName, LoneTypeNeedsItsNumber) {
  EXPECT_EQ(match_interface("tunnel", "", nullptr).status, IfMatch::NeedNumber);
  EXPECT_EQ(match_interface("int", "", nullptr).status, IfMatch::Invalid);
}

TEST(GrammarInterfaceName, AmbiguousAndMalformedNamesAreRefused) {
  EXPECT_EQ(match_interface("t1", "", nullptr).status, IfMatch::Ambiguous);  // Tunnel, TenGig, TwentyFive
  EXPECT_EQ(match_interface("virtual-1", "", nullptr).status, IfMatch::Ambiguous);
  EXPECT_EQ(match_interface("gi0/", "", nullptr).status, IfMatch::Invalid);
  EXPECT_EQ(match_interface("gi0//1", "", nullptr).status, IfMatch::Invalid);
  EXPECT_EQ(match_interface("bogus0", "", nullptr).status, IfMatch::Invalid);
  EXPECT_EQ(match_interface("0/0", "", nullptr).status, IfMatch::Invalid);
}

TEST(GrammarInterfaceName, InventoryLimitsNamesAndResolvesTypes) {
  InterfaceInventory inv{{"GigabitEthernet0/0", "Tunnel1", "eth0"}};
  EXPECT_EQ(match_interface("gi0/0", "", &inv).name, "GigabitEthernet0/0");
  EXPECT_EQ(match_interface("gi0/1", "", &inv).status, IfMatch::Invalid);
  EXPECT_EQ(match_interface("t1", "", &inv).name, "Tunnel1");  // only one T type exists here
  EXPECT_EQ(match_interface("int", "", &inv).status, IfMatch::Invalid);
  EXPECT_EQ(match_interface("eth0", "", &inv).name, "eth0");   // Linux names stay as they are
  EXPECT_EQ(match_interface("ETH0", "", &inv).name, "eth0");
}

}  // namespace
}  // namespace ravelin::grammar
