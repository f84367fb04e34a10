// UDP encapsulation against strongSwan: forced by strongSwan (`encap = yes` fakes its NAT-D hash),
// and a real source NAT in front of ravelin (nftables snat with port translation), where ravelin
// must detect that it is behind the NAT, float to 4500 and send NAT keepalives (RFC 3948 §2.3).
#include <gtest/gtest.h>

#include <sstream>
#include <thread>

#include "tests/interop/strongswan/capture.hpp"
#include "tests/interop/strongswan/interop_fixture.hpp"

namespace ravelin::test::interop {
namespace {

using NatTraversal = InteropTest;

TEST_F(NatTraversal, ForcedEncapsulationFromStrongSwanMovesIkeTo4500) {
  CharonOptions swan = swan_options();
  swan.encap = true;
  ASSERT_TRUE(start_swan(swan));
  ASSERT_TRUE(start_ravelin(ios_config()));
  auto r = swan_->initiate();
  ASSERT_TRUE(r.ok()) << r.output;
  ASSERT_TRUE(wait_established());
  EXPECT_EQ(ravelin_sa_.local, pair_->a().outer4 + "/4500");
  EXPECT_EQ(ravelin_sa_.remote, pair_->b().outer4 + "/4500");
  EXPECT_TRUE(ravelin_sa_.nat_detected);
  ASSERT_EQ(swan_sa_.children.size(), 1u);
  EXPECT_EQ(swan_sa_.children[0].mode, "TUNNEL-in-UDP");
}

// ravelin on 10.9.9.1 behind a port-translating SNAT to 192.0.2.1:40500-40600.
TEST_F(NatTraversal, BehindARealNatRavelinFloatsTo4500AndSendsKeepalives) {
  std::string why;
  if (!Capture::available(&why)) GTEST_SKIP() << why;
  const std::string inside = "10.9.9.1";
  ASSERT_TRUE(pair_->exec(pair_->a().ns, {"ip", "addr", "add", inside + "/32", "dev", "lo"}).ok());
  const std::string rules = dir_ + "/nat.nft";
  ASSERT_TRUE(write_file(rules, "table ip rvnat {\n chain post {\n  type nat hook postrouting priority 100;\n"
                                "  ip saddr " + inside + " udp sport { 500, 4500 } snat to " +
                                    pair_->a().outer4 + ":40500-40600\n }\n}\n"));
  auto nft = pair_->exec(pair_->a().ns, {"nft", "-f", rules});
  ASSERT_TRUE(nft.ok()) << nft.output;

  CharonOptions swan = swan_options();
  swan.remote_id = inside;
  ASSERT_TRUE(start_swan(swan));
  IosConfig ios = ios_config();
  ios.local_addr = inside;
  ios.global_extra = {"crypto ikev2 nat keepalive 5"};
  ASSERT_TRUE(start_ravelin(ios));
  const std::string pcap = dir_ + "/keepalive.pcapng";
  auto cap = Capture::start(pair_->b().ns, pair_->b().ns, pcap, "udp and src host " + pair_->a().outer4, &why);
  ASSERT_TRUE(cap) << why;
  send_interesting_traffic();
  ASSERT_TRUE(wait_established());
  EXPECT_TRUE(ravelin_sa_.nat_detected);
  EXPECT_EQ(ravelin_sa_.local, inside + "/4500");
  // strongSwan sees the translated port, neither 500 nor 4500.
  EXPECT_EQ(swan_sa_.remote.rfind(pair_->a().outer4 + "[405", 0), 0u) << swan_sa_.remote;
  ASSERT_EQ(swan_sa_.children.size(), 1u);
  EXPECT_EQ(swan_sa_.children[0].mode, "TUNNEL-in-UDP");

  // Keepalives: one-octet 0xFF UDP payloads from the NAT-T port every 5 s.
  std::this_thread::sleep_for(Millis(11500));
  cap->stop();
  auto payloads = tshark_decode(pcap, {}, {"-Y", "udp.length == 9", "-T", "fields", "-e", "udp.payload"});
  int keepalives = 0;
  std::istringstream in(payloads);
  for (std::string line; std::getline(in, line);) {
    if (line == "ff") ++keepalives;
  }
  EXPECT_GE(keepalives, 2) << "tshark saw:\n" << payloads;
}

}  // namespace
}  // namespace ravelin::test::interop
