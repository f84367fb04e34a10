// `show crypto ipsec sa` in the IOS layout (cisco-cli.md §4.5, X1; `detail` adds N1's counters) and
// the ASA layout (§4.11) from a real handshake plus kernel statuses: the kernel's counters when the
// SA is installed, and the reason instead of counters when it is not.
#include <gtest/gtest.h>

#include "ike/commands/show_ipsec_sa.hpp"
#include "tests/unit/show_sa/established_pair.hpp"
#include "tests/unit/show_sa/fake_dataplane.hpp"

namespace ravelin::test {
namespace {

using namespace std::chrono_literals;
using ike::commands::format_asa_ipsec_sa;
using ike::commands::format_ios_ipsec_sa;

class IpsecSaFormat : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    ASSERT_TRUE(ep.establish({}, 103s, &why)) << why;
    dp = std::make_unique<FakeDataplane>(ep.pair, ep.pair.a, ep.config_a());
    dp->mirror_kernel(true, {.bytes = 2048000, .packets = 1500, .replay_errors = 1, .integrity_errors = 2},
                      {.bytes = 1024, .packets = 1400});
    v = ike::commands::view_of(*dp, {{"cmap", "GigabitEthernet0/0"}}, {{"cmap 10", "VPN-ACL"}});
    ASSERT_EQ(v.sas.size(), 1u);
    const auto& c = v.sas[0].children.at(0);
    left = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(c.expire_at - v.now).count());
  }
  EstablishedPair ep;
  std::unique_ptr<FakeDataplane> dp;
  ike::commands::OperationalView v;
  std::string left;
};

TEST_F(IpsecSaFormat, IosLayoutMatchesX1WithKernelCounters) {
  const std::string golden =
      "\n"
      "interface: GigabitEthernet0/0\n"
      "    Crypto map tag: cmap, local addr 10.0.0.1\n"
      "\n"
      "   protected vrf: (none)\n"
      "   local  ident (addr/mask/prot/port): (192.168.1.0/255.255.255.0/0/0)\n"
      "   remote ident (addr/mask/prot/port): (192.168.2.0/255.255.255.0/0/0)\n"
      "   current_peer 10.0.0.2 port 500\n"
      "     PERMIT, flags={origin_is_acl,}\n"
      "    #pkts encaps: 1400, #pkts encrypt: 1400, #pkts digest: 1400\n"
      "    #pkts decaps: 1500, #pkts decrypt: 1500, #pkts verify: 1500\n"
      "    #pkts compressed: 0, #pkts decompressed: 0\n"
      "    #pkts not compressed: 0, #pkts compr. failed: 0\n"
      "    #pkts not decompressed: 0, #pkts decompress failed: 0\n"
      "    #send errors 0, #recv errors 3\n"
      "\n"
      "     local crypto endpt.: 10.0.0.1, remote crypto endpt.: 10.0.0.2\n"
      "     plaintext mtu 1423, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"
      "     current outbound spi: 0xB0000001(2952790017)\n"
      "     PFS (Y/N): N, DH group: none\n"
      "\n"
      "     inbound esp sas:\n"
      "      spi: 0xA0000001(2684354561)\n"
      "        transform: esp-256-aes esp-sha256-hmac ,\n"
      "        in use settings ={Tunnel, }\n"
      "        conn id: 1, flow_id: 1, sibling_flags FFFFFFFF80000040, crypto map: cmap, initiator : True\n"
      "         sa timing: remaining key lifetime (k/sec): (4606000/{LEFT})\n"
      "        IV size: 16 bytes\n"
      "        replay detection support: Y\n"
      "        Status: ACTIVE(ACTIVE)\n"
      "\n"
      "     inbound ah sas:\n"
      "\n"
      "     inbound pcp sas:\n"
      "\n"
      "     outbound esp sas:\n"
      "      spi: 0xB0000001(2952790017)\n"
      "        transform: esp-256-aes esp-sha256-hmac ,\n"
      "        in use settings ={Tunnel, }\n"
      "        conn id: 2, flow_id: 2, sibling_flags FFFFFFFF80000040, crypto map: cmap, initiator : True\n"
      "         sa timing: remaining key lifetime (k/sec): (4607999/{LEFT})\n"
      "        IV size: 16 bytes\n"
      "        replay detection support: Y\n"
      "        Status: ACTIVE(ACTIVE)\n"
      "          \n"
      "     outbound ah sas:\n"
      "\n"
      "     outbound pcp sas:\n";
  EXPECT_EQ(format_ios_ipsec_sa(v, {}), fill(golden, {{"LEFT", left}}));
}

TEST_F(IpsecSaFormat, IosDetailSplitsReplayAndIntegrityFailures) {
  const auto text = format_ios_ipsec_sa(v, {.detail = true});
  EXPECT_NE(text.find("    #pkts invalid prot (recv) 0, #pkts verify failed: 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    ##pkts replay failed (rcv): 1\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("#send errors"), std::string::npos) << "detail replaces the summary error line";
}

TEST_F(IpsecSaFormat, WithoutEspTheCountersAreReplacedByTheReason) {
  dp->has_esp = false;
  dp->mirror_kernel(false);
  v = ike::commands::view_of(*dp, {{"cmap", "GigabitEthernet0/0"}});
  for (bool detail : {false, true}) {
    const auto text = format_ios_ipsec_sa(v, {.detail = detail});
    EXPECT_EQ(text.find("#pkts"), std::string::npos) << text;
    EXPECT_NE(text.find("     PERMIT, flags={origin_is_acl,}\n"
                        "    % No packet counters: not installed: no ESP in this kernel: esp4 is not available\n"),
              std::string::npos)
        << text;
    EXPECT_EQ(text.find("ACTIVE"), std::string::npos) << text;
    EXPECT_NE(text.find("        Status: NOT-INSTALLED\n"), std::string::npos) << text;
  }
}

TEST_F(IpsecSaFormat, AChildTheKernelNeverHeardOfIsNotShownAsActive) {
  dp->kernel.clear();
  v = ike::commands::view_of(*dp, {});
  const auto text = format_ios_ipsec_sa(v, {});
  EXPECT_NE(text.find("    % No packet counters: no kernel record of this SA\n"), std::string::npos) << text;
  EXPECT_NE(text.find("interface: (none)\n"), std::string::npos) << "no interface known for the map";
  EXPECT_EQ(text.find("current outbound spi: 0x0(0)"), std::string::npos) << "no idle flow without an interface";
}

TEST_F(IpsecSaFormat, PeerAndMapFiltersSelectFlows) {
  const auto peer = *platform::IpAddress::parse("10.0.0.2");
  const auto other = *platform::IpAddress::parse("10.0.0.9");
  EXPECT_EQ(format_ios_ipsec_sa(v, {.peer = peer}), format_ios_ipsec_sa(v, {}));
  EXPECT_EQ(format_ios_ipsec_sa(v, {.peer = other}), "");
  EXPECT_EQ(format_ios_ipsec_sa(v, {.map = "cmap"}), format_ios_ipsec_sa(v, {}));
  EXPECT_EQ(format_ios_ipsec_sa(v, {.map = "other"}), "");
  EXPECT_EQ(format_asa_ipsec_sa(v, {.peer = other}), "\nThere are no ipsec sas\n");
}

TEST_F(IpsecSaFormat, AnAppliedMapWithoutSaListsItsFlowWithNoSas) {
  v.sas.clear();
  const std::string golden =
      "\n"
      "interface: GigabitEthernet0/0\n"
      "    Crypto map tag: cmap, local addr 10.0.0.1\n"
      "\n"
      "   protected vrf: (none)\n"
      "   local  ident (addr/mask/prot/port): (192.168.1.0/255.255.255.0/0/0)\n"
      "   remote ident (addr/mask/prot/port): (192.168.2.0/255.255.255.0/0/0)\n"
      "   current_peer 10.0.0.2 port 500\n"
      "     PERMIT, flags={origin_is_acl,}\n"
      "    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0\n"
      "    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0\n"
      "    #pkts compressed: 0, #pkts decompressed: 0\n"
      "    #pkts not compressed: 0, #pkts compr. failed: 0\n"
      "    #pkts not decompressed: 0, #pkts decompress failed: 0\n"
      "    #send errors 0, #recv errors 0\n"
      "\n"
      "     local crypto endpt.: 10.0.0.1, remote crypto endpt.: 10.0.0.2\n"
      "     plaintext mtu 1500, path mtu 1500, ip mtu 1500, ip mtu idb GigabitEthernet0/0\n"
      "     current outbound spi: 0x0(0)\n"
      "     PFS (Y/N): N, DH group: none\n"
      "\n"
      "     inbound esp sas:\n"
      "\n"
      "     inbound ah sas:\n"
      "\n"
      "     inbound pcp sas:\n"
      "\n"
      "     outbound esp sas:\n"
      "\n"
      "     outbound ah sas:\n"
      "\n"
      "     outbound pcp sas:\n";
  EXPECT_EQ(format_ios_ipsec_sa(v, {}), golden);
  EXPECT_EQ(format_ios_ipsec_sa(v, {.map = "other"}), "");
  v.interfaces.clear();
  EXPECT_EQ(format_ios_ipsec_sa(v, {}), "") << "a map applied to no interface protects nothing";
  EXPECT_EQ(format_asa_ipsec_sa(v, {}), "\nThere are no ipsec sas\n");
}

TEST_F(IpsecSaFormat, ResponderSeesTheInitiatorsSpisCrossed) {
  FakeDataplane b(ep.pair, ep.pair.b, ep.config_b());
  b.mirror_kernel(true);
  const auto vb = ike::commands::view_of(b, {{"cmap", "eth1"}});
  const auto text = format_ios_ipsec_sa(vb, {});
  EXPECT_NE(text.find("     current outbound spi: 0xA0000001(2684354561)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("     inbound esp sas:\n      spi: 0xB0000001(2952790017)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("initiator : False"), std::string::npos);
}

TEST_F(IpsecSaFormat, AsaLayoutFollowsN3WithTheAclLineAndIkev2Settings) {
  const std::string head =
      "interface: GigabitEthernet0/0\n"
      "    Crypto map tag: cmap, seq num: 10, local addr: 10.0.0.1\n"
      "\n"
      "      access-list VPN-ACL extended permit ip 192.168.1.0 255.255.255.0 192.168.2.0 255.255.255.0\n"
      "      local ident (addr/mask/prot/port): (192.168.1.0/255.255.255.0/0/0)\n"
      "      remote ident (addr/mask/prot/port): (192.168.2.0/255.255.255.0/0/0)\n"
      "      current_peer: 10.0.0.2\n"
      "\n"
      "\n"
      "      #pkts encaps: 1400, #pkts encrypt: 1400, #pkts digest: 1400\n"
      "      #pkts decaps: 1500, #pkts decrypt: 1500, #pkts verify: 1500\n";
  const std::string inbound =
      "    inbound esp sas:\n"
      "      spi: 0xA0000001 (2684354561)\n"
      "         SA State: active\n"
      "         transform: esp-aes-256 esp-sha-256-hmac no compression\n"
      "         in use settings ={L2L, Tunnel, IKEv2, }\n"
      "         slot: 0, conn_id: 1, crypto-map: cmap\n"
      "         sa timing: remaining key lifetime (kB/sec): (4606000/{LEFT})\n"
      "         IV size: 16 bytes\n"
      "         replay detection support: Y\n"
      "    outbound esp sas:\n"
      "      spi: 0xB0000001 (2952790017)\n";
  const auto text = format_asa_ipsec_sa(v, {});
  EXPECT_EQ(text.rfind(head, 0), 0u) << text;
  EXPECT_NE(text.find(fill(inbound, {{"LEFT", left}})), std::string::npos) << text;
  EXPECT_NE(text.find("      #send errors: 0, #recv errors: 3\n"), std::string::npos);
  EXPECT_NE(text.find("      current outbound spi: B0000001\n      current inbound spi : A0000001\n"), std::string::npos);
}

TEST(IpsecSaNames, TransformsOverheadAndIvFollowTheAlgorithms) {
  using namespace ike::commands::detail;
  ipsec::sa::EspAlgorithms cbc{12, 128, 2, 0}, gcm{20, 256, 0, 0}, cbc256{12, 256, 14, 14};
  EXPECT_EQ(ios_transform(cbc), "esp-aes esp-sha-hmac");
  EXPECT_EQ(ios_transform(gcm), "esp-gcm 256");
  EXPECT_EQ(ios_transform(cbc256), "esp-256-aes esp-sha512-hmac");
  EXPECT_EQ(asa_transform(gcm), "esp-aes-gcm-256 esp-null-hmac");
  EXPECT_EQ(asa_transform(cbc), "esp-aes esp-sha-hmac");
  EXPECT_EQ(iv_bytes(cbc), 16u);
  EXPECT_EQ(iv_bytes(gcm), 8u);
  // GCM tunnel over IPv4: 20 outer + 8 ESP + 8 IV + 3 padding + 2 trailer + 16 ICV.
  EXPECT_EQ(esp_overhead(gcm, ipsec::sa::Mode::Tunnel, false, false), 57u);
  EXPECT_EQ(esp_overhead(gcm, ipsec::sa::Mode::Tunnel, false, true), 65u) << "UDP encapsulation adds 8";
  EXPECT_EQ(esp_overhead(gcm, ipsec::sa::Mode::Transport, true, false), 37u);
}

}  // namespace
}  // namespace ravelin::test
