// Transform-set legality and display forms; ACL entries as typed values and selector pairs.
#include <gtest/gtest.h>

#include "ipsec/commands/acl.hpp"
#include "ipsec/commands/transforms.hpp"

namespace ravelin::ipsec::commands {
namespace {

TEST(TransformSets, AcceptsCipherWithAuthAndAuthAlone) {
  EXPECT_TRUE(check_transform_set({{"esp-aes", 256}, {"esp-sha-hmac", 0}}).ok());
  EXPECT_TRUE(check_transform_set({{"esp-sha-hmac", 0}}).ok());  // the seed's forgotten-name set
  EXPECT_TRUE(check_transform_set({{"esp-gcm", 256}}).ok());
}

TEST(TransformSets, RefusesTwoCiphersGcmWithAuthAndCompressionAlone) {
  auto two = check_transform_set({{"esp-aes", 0}, {"esp-3des", 0}});
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().message, "% Invalid transform set: more than one ESP encryption transform (esp-aes, esp-3des)");
  EXPECT_FALSE(check_transform_set({{"esp-gcm", 128}, {"esp-sha256-hmac", 0}}).ok());
  EXPECT_FALSE(check_transform_set({{"comp-lzs", 0}}).ok());
  EXPECT_FALSE(check_transform_set({{"esp-md5-hmac", 0}, {"esp-sha-hmac", 0}}).ok());
}

TEST(TransformSets, RunningConfigPutsTheCipherFirstAndShowSpellsKeySizesTheIosWay) {
  std::vector<TypedTransform> set = {{"esp-sha-hmac", 0}, {"esp-aes", 256}};
  EXPECT_EQ(canonical_transform_words(set), "esp-aes 256 esp-sha-hmac");
  EXPECT_EQ(display_transform_words(set), "esp-256-aes esp-sha-hmac");
  EXPECT_EQ(display_transform_words({{"esp-aes", 128}, {"esp-sha-hmac", 0}}), "esp-aes esp-sha-hmac");
  EXPECT_EQ(display_transform_words({{"esp-gcm", 256}}), "esp-gcm 256");
}

TEST(AsaProposals, AlgorithmsAreOrderedStrongestFirstWhateverTheTypedOrder) {
  EXPECT_EQ(asa_canonical_order({"aes", "3des", "aes-gcm-256", "aes"}, asa_esp_encryptions()),
            (std::vector<std::string>{"aes-gcm-256", "aes", "3des"}));
  EXPECT_EQ(asa_canonical_order({"sha-1", "sha-512"}, asa_esp_integrities()),
            (std::vector<std::string>{"sha-512", "sha-1"}));
}

grammar::Args args(std::initializer_list<std::pair<const char*, grammar::Value>> kv) {
  grammar::Args a;
  for (const auto& [k, v] : kv) a.set(k, v);
  return a;
}

platform::IpAddress ip(const char* s) { return *platform::IpAddress::parse(s); }

TEST(Acl, WildcardEntryBecomesPrefixesAndPortOperatorsBecomeRanges) {
  auto a = args({{"action", "permit"}, {"proto", "tcp"}, {"src_net", ip("192.168.1.0")},
                 {"src_wild", ip("0.0.0.255")}, {"dst_host", ip("192.168.2.100")}, {"dst_op", "neq"},
                 {"dst_port", "www"}});
  auto ace = ace_from_args(a);
  ASSERT_TRUE(ace.ok()) << ace.error().message;
  EXPECT_EQ(ace->protocol, 6);
  EXPECT_EQ(ace->src.prefix, *platform::Prefix::parse("192.168.1.0/24"));
  EXPECT_EQ(ace->dst_port.ranges(), (std::vector<std::pair<uint16_t, uint16_t>>{{0, 79}, {81, 65535}}));
  auto pairs = selector_pairs(*ace, {ace->src.prefix}, {ace->dst.prefix});
  ASSERT_EQ(pairs.size(), 2u);
  EXPECT_EQ(pairs[1].remote.start_port, 81);
  EXPECT_EQ(pairs[0].local.ip_protocol, 6);
}

TEST(Acl, RejectsPortsOnIpAndRangesBackwards) {
  EXPECT_FALSE(ace_from_args(args({{"action", "permit"}, {"proto", "icmp"}, {"src_any", "any"}, {"dst_any", "any"},
                                   {"dst_op", "eq"}, {"dst_port", "80"}})).ok());
  EXPECT_FALSE(ace_from_args(args({{"action", "permit"}, {"proto", "udp"}, {"src_any", "any"}, {"dst_any", "any"},
                                   {"dst_op", "range"}, {"dst_port", "2000"}, {"dst_port_hi", "1000"}})).ok());
}

TEST(Acl, DenyProtectsNothingAndFamiliesDoNotMix) {
  auto deny = ace_from_args(args({{"action", "deny"}, {"proto", "ip"}, {"src_any", "any"}, {"dst_any", "any"}}));
  ASSERT_TRUE(deny.ok());
  auto any4 = platform::Prefix(platform::IpAddress(), 0);
  EXPECT_TRUE(selector_pairs(*deny, {any4}, {any4}).empty());
  auto permit = ace_from_args(args({{"action", "permit"}, {"proto", "ip"}, {"src_any", "any"}, {"dst_any", "any"}}));
  EXPECT_TRUE(selector_pairs(*permit, {any4}, {*platform::Prefix::parse("2001:db8::/32")}).empty());
}

TEST(Acl, NamedPortsAndProtocolsMapToNumbers) {
  EXPECT_EQ(port_number("isakmp"), 500);
  EXPECT_EQ(port_number("non500-isakmp"), 4500);
  EXPECT_EQ(port_number("65536"), std::nullopt);
  EXPECT_EQ(protocol_number("esp"), 50);
  EXPECT_EQ(protocol_number("ahp"), 51);
  EXPECT_EQ(protocol_number("256"), std::nullopt);
}

}  // namespace
}  // namespace ravelin::ipsec::commands
