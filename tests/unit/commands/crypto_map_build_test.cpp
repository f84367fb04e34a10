// Crypto-map entries in the typed IkeConfig: dynamic maps answer any peer with the dynamic map's
// settings, and a crypto ACL with several permits becomes one entry (one child SA, one reqid) per
// proxy pair, as IOS negotiates it (cisco-cli.md §2.9).
#include <gtest/gtest.h>

#include <set>

#include "ike/config_build/build.hpp"
#include "ike/config_build/common.hpp"
#include "tests/unit/commands/harness.hpp"

namespace ravelin::testing {
namespace {

namespace cb = ike::config_build;
using ipsec::ts::TrafficSelector;
using ipsec::ts::TrafficSelectors;

platform::IpAddress ip(const char* s) { return *platform::IpAddress::parse(s); }
TrafficSelector net(const char* s) { return TrafficSelector::from_prefix(*platform::Prefix::parse(s)); }

cb::Built load_and_build(Device& d, const std::string& text) {
  auto r = d.load(text);
  EXPECT_TRUE(r.errors.empty()) << errors_text(r);
  return cb::build(d.store.running().root(), d.set.dialect());
}

constexpr const char* kIosBase =
    "crypto ikev2 profile P\n match identity remote any\n authentication local pre-share key k\n"
    " authentication remote pre-share key k\n"
    "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n mode tunnel\n"
    "interface GigabitEthernet0/0\n ip address 198.51.100.1 255.255.255.0\n crypto map CMAP\n";

TEST(CryptoMapBuild, IosDynamicMapWithoutAclAnswersAnyPeerWithItsOwnSettings) {
  Device ios(grammar::Dialect::Ios);
  auto b = load_and_build(ios, std::string(kIosBase) +
                                   "crypto dynamic-map DYN 10\n set transform-set TS\n set ikev2-profile P\n"
                                   " set pfs group14\n"
                                   "crypto map CMAP 65535 ipsec-isakmp dynamic DYN\n");
  ASSERT_EQ(b.config->crypto_map.size(), 1u) << (b.warnings.empty() ? "" : b.warnings.front());
  const auto& e = b.config->crypto_map[0];
  EXPECT_TRUE(e.dynamic);
  EXPECT_TRUE(e.peers.empty());
  EXPECT_EQ(e.map_name, "CMAP");
  EXPECT_EQ(e.local_address, ip("198.51.100.1"));
  EXPECT_EQ(e.transform_sets, std::vector<std::string>{"TS"});
  EXPECT_EQ(e.profile, "P");
  EXPECT_EQ(e.pfs_group, 14);
  // No ACL: the initiator's selectors are taken as they are, in either family.
  EXPECT_EQ(e.local_ts, (TrafficSelectors{TrafficSelector::any(platform::Family::V4),
                                          TrafficSelector::any(platform::Family::V6)}));
  EXPECT_EQ(e.remote_ts, e.local_ts);
  // Any peer the static entries do not name reaches it.
  EXPECT_EQ(b.config->map_entry_for_peer(ip("203.0.113.77")), &e);
}

TEST(CryptoMapBuild, IosDynamicMapAclNarrowsWhatItAccepts) {
  Device ios(grammar::Dialect::Ios);
  auto b = load_and_build(ios, std::string(kIosBase) +
                                   "ip access-list extended DYNACL\n permit ip 10.1.0.0 0.0.255.255 any\n"
                                   "crypto dynamic-map DYN 10\n set transform-set TS\n match address DYNACL\n"
                                   "crypto dynamic-map DYN 20\n set transform-set TS\n"
                                   "crypto map CMAP 10 ipsec-isakmp\n set peer 203.0.113.1\n set transform-set TS\n"
                                   " match address DYNACL\n"
                                   "crypto map CMAP 65535 ipsec-isakmp dynamic DYN\n");
  ASSERT_EQ(b.config->crypto_map.size(), 3u);
  const auto* stat = b.config->map_entry_for_peer(ip("203.0.113.1"));
  ASSERT_NE(stat, nullptr);
  EXPECT_FALSE(stat->dynamic);
  const auto* dyn = b.config->map_entry_for_peer(ip("203.0.113.2"));
  ASSERT_NE(dyn, nullptr);
  EXPECT_TRUE(dyn->dynamic);
  EXPECT_EQ(dyn->local_ts, TrafficSelectors{net("10.1.0.0/16")});
  EXPECT_EQ(dyn->remote_ts, TrafficSelectors{TrafficSelector::any(platform::Family::V4)});
  // The two dynamic-map sequences are two entries with their own reqids, tried in order.
  std::set<uint32_t> ids;
  for (const auto& e : b.config->crypto_map) ids.insert(e.id());
  EXPECT_EQ(ids.size(), 3u);
}

TEST(CryptoMapBuild, AsaDynamicMapTakesProposalsAndPfsFromTheDynamicMap) {
  Device asa(grammar::Dialect::Asa);
  auto b = load_and_build(asa,
                          "interface GigabitEthernet0/0\n nameif outside\n ip address 203.0.113.1 255.255.255.0\n"
                          "crypto ipsec ikev2 ipsec-proposal AES\n protocol esp encryption aes-256\n"
                          " protocol esp integrity sha-256\n"
                          "crypto dynamic-map DYN 5 set ikev2 ipsec-proposal AES\n"
                          "crypto dynamic-map DYN 5 set pfs group14\n"
                          "crypto map CMAP 65535 ipsec-isakmp dynamic DYN\ncrypto map CMAP interface outside\n");
  ASSERT_EQ(b.config->crypto_map.size(), 1u);
  const auto& e = b.config->crypto_map[0];
  EXPECT_TRUE(e.dynamic);
  EXPECT_TRUE(e.peers.empty());
  EXPECT_EQ(e.local_address, ip("203.0.113.1"));
  EXPECT_EQ(e.transform_sets, std::vector<std::string>{"AES"});
  EXPECT_EQ(e.pfs_group, 14);
  EXPECT_EQ(b.config->map_entry_for_peer(ip("198.51.100.200")), &e);
}

TEST(CryptoMapBuild, IosAclWithTwoPermitsBecomesTwoEntriesWithTheirOwnReqids) {
  Device ios(grammar::Dialect::Ios);
  auto b = load_and_build(ios, std::string(kIosBase) +
                                   "ip access-list extended VPN\n permit ip 10.1.1.0 0.0.0.255 10.2.1.0 0.0.0.255\n"
                                   " deny ip any any\n permit ip 10.1.2.0 0.0.0.255 10.2.2.0 0.0.0.255\n"
                                   "crypto map CMAP 10 ipsec-isakmp\n set peer 203.0.113.1\n set transform-set TS\n"
                                   " set ikev2-profile P\n match address VPN\n");
  ASSERT_EQ(b.config->crypto_map.size(), 2u);
  const auto& a = b.config->crypto_map[0];
  const auto& c = b.config->crypto_map[1];
  // Not the union 10.1.1/24+10.1.2/24 ⇄ 10.2.1/24+10.2.2/24, which would also carry 10.1.1 ⇄ 10.2.2.
  EXPECT_EQ(a.local_ts, TrafficSelectors{net("10.1.1.0/24")});
  EXPECT_EQ(a.remote_ts, TrafficSelectors{net("10.2.1.0/24")});
  EXPECT_EQ(c.local_ts, TrafficSelectors{net("10.1.2.0/24")});
  EXPECT_EQ(c.remote_ts, TrafficSelectors{net("10.2.2.0/24")});
  EXPECT_EQ(a.seq, 10u);  // the first pair keeps the typed sequence (and its reqid)
  EXPECT_EQ(c.seq & 0xFFFFu, 10u);
  EXPECT_NE(a.id(), c.id());
  EXPECT_EQ(c.peers, a.peers);
  EXPECT_EQ(c.transform_sets, a.transform_sets);
  EXPECT_EQ(c.profile, "P");
  // Initiating toward the peer starts with the first pair, as the lowest sequence.
  EXPECT_EQ(b.config->map_entry_for_peer(ip("203.0.113.1")), &a);
  EXPECT_EQ(b.config->find_map_entry(c.id()), &c);
}

TEST(CryptoMapBuild, NumberedAclPermitsAreSplitToo) {
  Device ios(grammar::Dialect::Ios);
  auto b = load_and_build(ios, std::string(kIosBase) +
                                   "access-list 101 permit ip host 10.1.1.1 host 10.2.1.1\n"
                                   "access-list 101 permit udp host 10.1.1.1 host 10.2.1.1 eq 53\n"
                                   "access-list 101 permit ip host 10.1.1.1 host 10.2.1.1\n"
                                   "crypto map CMAP 10 ipsec-isakmp\n set peer 203.0.113.1\n set transform-set TS\n"
                                   " match address 101\n");
  // The repeated permit is the same proxy pair: two entries, not three.
  ASSERT_EQ(b.config->crypto_map.size(), 2u);
  EXPECT_EQ(b.config->crypto_map[1].local_ts.at(0).ip_protocol, 17);
}

TEST(CryptoMapBuild, AsaObjectGroupAceIsOneEntryPerPrefixPairAndNeqPortsStayTogether) {
  Device asa(grammar::Dialect::Asa);
  auto b = load_and_build(asa,
                          "interface GigabitEthernet0/0\n nameif outside\n ip address 203.0.113.1 255.255.255.0\n"
                          "object network SITE-A\n subnet 192.168.1.0 255.255.255.0\n"
                          "object-group network LOCALS\n network-object host 192.168.2.100\n"
                          " network-object 192.168.20.0 255.255.255.0\n"
                          "access-list VPN extended permit ip object-group LOCALS object SITE-A\n"
                          "access-list VPN extended permit tcp host 192.168.2.5 host 192.168.1.5 neq 80\n"
                          "crypto map CMAP 10 match address VPN\ncrypto map CMAP 10 set peer 198.51.100.1\n"
                          "crypto map CMAP interface outside\n");
  const auto& m = b.config->crypto_map;
  ASSERT_EQ(m.size(), 3u);
  auto pfx = [](const char* s) { return *platform::Prefix::parse(s); };
  EXPECT_EQ(m[0].local_ts, TrafficSelectors{net("192.168.2.100/32")});
  EXPECT_EQ(m[1].local_ts, TrafficSelectors{net("192.168.20.0/24")});
  EXPECT_EQ(m[1].remote_ts, TrafficSelectors{net("192.168.1.0/24")});
  EXPECT_EQ(m[2].local_ts, TrafficSelectors{TrafficSelector::from_prefix(pfx("192.168.2.5/32"), 6)});
  EXPECT_EQ(m[2].remote_ts, (TrafficSelectors{TrafficSelector::from_prefix(pfx("192.168.1.5/32"), 6, 0, 79),
                                               TrafficSelector::from_prefix(pfx("192.168.1.5/32"), 6, 81, 65535)}));
}

TEST(CryptoMapBuild, IosObjectGroupInACryptoAclExpandsToOneEntryPerMember) {
  Device ios(grammar::Dialect::Ios);
  auto b = load_and_build(ios, std::string(kIosBase) +
                                   "object-group network LOCALS\n description branch LANs\n host 10.1.1.1\n"
                                   " 10.1.2.0 255.255.255.0\n range 10.1.3.0 10.1.3.127\n group-object MORE\n"
                                   "object-group network MORE\n 2001:db8::/64\n host 10.1.4.4\n group-object LOCALS\n"
                                   "ip access-list extended VPN\n permit ip object-group LOCALS host 10.2.0.1\n"
                                   "crypto map CMAP 10 ipsec-isakmp\n set peer 203.0.113.1\n set transform-set TS\n"
                                   " match address VPN\n");
  const auto& m = b.config->crypto_map;
  // The IPv6 member has no IPv4 destination to pair with; the group loop back to LOCALS ends.
  ASSERT_EQ(m.size(), 4u) << (b.warnings.empty() ? "" : b.warnings.front());
  EXPECT_EQ(m[0].local_ts, TrafficSelectors{net("10.1.1.1/32")});
  EXPECT_EQ(m[1].local_ts, TrafficSelectors{net("10.1.2.0/24")});
  EXPECT_EQ(m[2].local_ts, TrafficSelectors{net("10.1.3.0/25")});
  EXPECT_EQ(m[3].local_ts, TrafficSelectors{net("10.1.4.4/32")});
  for (const auto& e : m) EXPECT_EQ(e.remote_ts, TrafficSelectors{net("10.2.0.1/32")});
}

TEST(CryptoMapBuild, AddressRangesBecomeTheFewestCoveringPrefixes) {
  auto r = cb::detail::range_prefixes(ip("10.0.0.1"), ip("10.0.0.6"));
  std::vector<std::string> got;
  for (const auto& p : r) got.push_back(p.to_string());
  EXPECT_EQ(got, (std::vector<std::string>{"10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"}));
  EXPECT_EQ(cb::detail::range_prefixes(ip("0.0.0.0"), ip("255.255.255.255")).at(0).to_string(), "0.0.0.0/0");
  EXPECT_TRUE(cb::detail::range_prefixes(ip("10.0.0.9"), ip("10.0.0.1")).empty());
}

TEST(CryptoMapBuild, AsaRangeObjectIsCoveredByPrefixes) {
  Device asa(grammar::Dialect::Asa);
  auto b = load_and_build(asa,
                          "interface GigabitEthernet0/0\n nameif outside\n ip address 203.0.113.1 255.255.255.0\n"
                          "object network POOL\n range 192.168.5.0 192.168.5.191\n"
                          "access-list VPN extended permit ip object POOL host 192.168.1.1\n"
                          "crypto map CMAP 10 match address VPN\ncrypto map CMAP 10 set peer 198.51.100.1\n"
                          "crypto map CMAP interface outside\n");
  ASSERT_EQ(b.config->crypto_map.size(), 2u);
  EXPECT_EQ(b.config->crypto_map[0].local_ts, TrafficSelectors{net("192.168.5.0/25")});
  EXPECT_EQ(b.config->crypto_map[1].local_ts, TrafficSelectors{net("192.168.5.128/26")});
}

TEST(CryptoMapBuild, AclPermittingNothingLeavesTheEntryOutWithAWarning) {
  Device ios(grammar::Dialect::Ios);
  auto b = load_and_build(ios, std::string(kIosBase) +
                                   "ip access-list extended NONE\n deny ip any any\n"
                                   "crypto map CMAP 10 ipsec-isakmp\n set peer 203.0.113.1\n set transform-set TS\n"
                                   " match address NONE\n");
  EXPECT_TRUE(b.config->crypto_map.empty());
  ASSERT_FALSE(b.warnings.empty());
  EXPECT_EQ(b.warnings.front(), "crypto map CMAP 10: access list NONE permits nothing");
}

}  // namespace
}  // namespace ravelin::testing
