// Real ESP between ravelin and strongSwan (kernel-netlink) inside the QEMU kernel of the kernel
// tier, which has ESP: traffic raises ACQUIRE, ravelin negotiates, both sides install their SAs
// in their kernels, and pings cross the tunnel. Runs only in the VM (RAVELIN_VM_GUEST=1).
#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/interop/strongswan/interop_fixture.hpp"

namespace ravelin::test::interop {
namespace {

class GuestEsp : public InteropTest {
 protected:
  void SetUp() override {
    if (std::getenv("RAVELIN_VM_GUEST") == nullptr) GTEST_SKIP() << "runs only inside the QEMU VM (kernel tier)";
    InteropTest::SetUp();
  }
  [[nodiscard]] bool uses_libipsec() const override { return false; }
};

TEST_F(GuestEsp, PingsCrossRealEspBetweenRavelinAndStrongSwan) {
  CharonOptions swan = swan_options();
  swan.libipsec = false;
  ASSERT_TRUE(start_swan(swan));
  ASSERT_TRUE(start_ravelin(ios_config()));
  send_interesting_traffic();  // the first packets are dropped while IKE runs (ACQUIRE)
  ASSERT_TRUE(wait_established());
  ASSERT_EQ(swan_sa_.children.size(), 1u);
  EXPECT_EQ(swan_sa_.children[0].mode, "TUNNEL") << "no NAT: plain ESP, not ESP-in-UDP";
  auto ping = pair_->exec(pair_->a().ns, {"ping", "-c", "3", "-i", "0.2", "-W", "2", "-I", pair_->a().inner4,
                                          pair_->b().inner4},
                          Millis(10000));
  EXPECT_TRUE(ping.ok()) << ping.output << diagnostics();
  // Our kernel holds the two ESP SAs with the SPIs strongSwan lists, and counted the pings.
  auto states = pair_->exec(pair_->a().ns, {"ip", "-s", "xfrm", "state"});
  EXPECT_NE(states.output.find("spi 0x" + swan_sa_.children[0].spi_in), std::string::npos) << states.output;
  EXPECT_NE(states.output.find("spi 0x" + swan_sa_.children[0].spi_out), std::string::npos) << states.output;
  auto list = swan_->swanctl({"--list-sas"}).output;
  EXPECT_EQ(list.find(" 0 packets"), std::string::npos) << "strongSwan's kernel counted traffic both ways:\n" << list;
}

}  // namespace
}  // namespace ravelin::test::interop
