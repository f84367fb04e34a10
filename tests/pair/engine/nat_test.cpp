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

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;

// `crypto ikev2 nat keepalive N` on both ends, a NAT in front of A (the initiator).
struct NatPair {
  explicit NatPair(uint32_t keepalive_seconds, bool nat = true) {
    auto ca = site_config(p.a.address, p.b.address, 1, 2);
    auto cb = site_config(p.b.address, p.a.address, 2, 1);
    cb.keyrings[0].peers[0].address = platform::Prefix::parse("0.0.0.0/0");
    cb.crypto_map[0].peers.clear();
    ca.nat_keepalive_seconds = keepalive_seconds;
    cb.nat_keepalive_seconds = keepalive_seconds;
    p.configure(ca, cb);
    if (nat) p.net.set_nat(p.a.address, outside);
    p.initiate_from_a();
    up = p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1 && p.b.kernel.sas.size() == 1; }, 10s);
  }
  Pair p;
  platform::IpAddress outside = *platform::IpAddress::parse("203.0.113.7");
  bool up = false;
};

TEST(NatKeepalive, TheSideBehindTheNatSendsOneFfOctetToPort4500EveryInterval) {
  NatPair n(20);
  ASSERT_TRUE(n.up);
  n.p.run_for(101s);
  // RFC 3948 §2.3: UDP to 4500 with the single octet 0xFF, through the NAT (source port translated).
  ASSERT_EQ(n.p.b.keepalives_in.size(), 5u);
  for (const auto& d : n.p.b.keepalives_in) {
    EXPECT_EQ(d.bytes, std::vector<uint8_t>{0xFF});
    EXPECT_TRUE(d.keepalive);
    EXPECT_EQ(d.remote, (platform::Endpoint{n.p.b.address, 4500}));
    EXPECT_EQ(d.local, (platform::Endpoint{n.outside, 14500}));
  }
  EXPECT_TRUE(n.p.a.keepalives_in.empty());  // B is not behind a NAT: it keeps nothing alive
  EXPECT_EQ(n.p.a.engine->counters().nat_keepalives_sent, 5u);
  EXPECT_EQ(n.p.b.engine->counters().dropped_invalid, 0u);
  EXPECT_TRUE(n.p.both_ready());
}

TEST(NatKeepalive, KeepalivesContinueOnTheRekeyedIkeSa) {
  NatPair n(20);
  ASSERT_TRUE(n.up);
  n.p.absorb(n.p.a, n.p.a.engine->rekey_ike_sa(n.p.clock.now(), n.p.a.engine->snapshot()[0].tunnel_id));
  n.p.run_for(10s);
  ASSERT_EQ(n.p.a.engine->ike_sa_count(), 1u);
  const size_t before = n.p.b.keepalives_in.size();
  n.p.run_for(60s);
  EXPECT_EQ(n.p.b.keepalives_in.size() - before, 3u);
}

TEST(NatKeepalive, NoKeepalivesWithoutANatOrWhenSwitchedOff) {
  NatPair no_nat(20, false);
  ASSERT_TRUE(no_nat.up);
  no_nat.p.run_for(100s);
  EXPECT_TRUE(no_nat.p.b.keepalives_in.empty());
  NatPair off(0);
  ASSERT_TRUE(off.up);
  off.p.run_for(100s);
  EXPECT_TRUE(off.p.b.keepalives_in.empty());
  EXPECT_EQ(off.p.a.engine->counters().nat_keepalives_sent, 0u);
}

}  // namespace
}  // namespace ravelin::test
