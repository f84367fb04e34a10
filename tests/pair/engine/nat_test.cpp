// NAT detection (RFC 7296 §2.23): NAT_DETECTION_*_IP in IKE_SA_INIT, the move to port 4500, and
// UDP-encapsulated child SAs with the translated ports.
#include <gtest/gtest.h>

#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

TEST(Nat, InitiatorBehindANatMovesTo4500AndChildrenAreUdpEncapsulated) {
  Pair p;
  // Behind a NAT the initiator's address is not 10.0.0.1 any more: B uses a wildcard key and a
  // dynamic map entry (no peer), as an IOS hub for NAT'd branches does.
  auto cb = site_config(p.b.address, p.a.address, 2, 1);
  cb.keyrings[0].peers[0].address = platform::Prefix::parse("0.0.0.0/0");
  cb.crypto_map[0].peers.clear();
  p.configure(site_config(p.a.address, p.b.address, 1, 2), cb);
  const auto outside = *platform::IpAddress::parse("203.0.113.7");
  p.net.set_nat(p.a.address, outside);
  // IKE_SA_INIT { SAi1, KEi, Ni, N(NAT_DETECTION_SOURCE_IP), N(NAT_DETECTION_DESTINATION_IP) } -->
  // <-- IKE_SA_INIT { SAr1, KEr, Nr, N(NAT_DETECTION_SOURCE_IP), N(NAT_DETECTION_DESTINATION_IP) }
  // IKE_AUTH (UDP 4500) { IDi, AUTH, SAi2, TSi, TSr } -->
  // <-- IKE_AUTH (UDP 4500) { IDr, AUTH, SAr2, TSi, TSr }
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s))
      << p.a.events_text() << p.b.events_text();
  auto a = p.a.engine->snapshot()[0];
  auto b = p.b.engine->snapshot()[0];
  EXPECT_TRUE(a.nat_local);
  EXPECT_FALSE(a.nat_remote);
  EXPECT_TRUE(b.nat_remote);
  EXPECT_FALSE(b.nat_local);
  EXPECT_EQ(a.remote.port, 4500);
  EXPECT_EQ(b.remote, (platform::Endpoint{outside, 14500}));
  const auto& ka = p.a.kernel.sas.begin()->second;
  const auto& kb = p.b.kernel.sas.begin()->second;
  ASSERT_TRUE(ka.encap);
  ASSERT_TRUE(kb.encap);
  EXPECT_EQ(ka.encap->local_port, 4500);
  EXPECT_EQ(ka.encap->remote_port, 4500);
  EXPECT_EQ(kb.encap->remote_port, 14500);
  // Later exchanges keep working through the NAT.
  p.absorb(p.a, p.a.engine->rekey_child_sa(p.clock.now(), ka.inbound_spi));
  ASSERT_TRUE(p.run_until([&] { return p.a.kernel.installs == 2 && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s));
  EXPECT_TRUE(p.b.kernel.sas.begin()->second.encap.has_value());
}

TEST(Nat, WithoutANatEverythingStaysOnPort500WithoutEncapsulation) {
  Pair p;
  p.configure();
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s));
  auto a = p.a.engine->snapshot()[0];
  EXPECT_FALSE(a.nat_local);
  EXPECT_FALSE(a.nat_remote);
  EXPECT_EQ(a.remote.port, 500);
  EXPECT_FALSE(p.a.kernel.sas.begin()->second.encap.has_value());
}

}  // namespace
}  // namespace ravelin::test
