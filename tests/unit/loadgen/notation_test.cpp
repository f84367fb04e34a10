// strongSwan proposal notation -> IkeConfig proposals and transform sets (ike/loadgen/notation).
#include <gtest/gtest.h>

#include "ike/loadgen/notation.hpp"

namespace ravelin::ike::loadgen {
namespace {

using config::Encryption;

TEST(Notation, AeadIkeProposalWithPrfAndCurve25519) {
  auto p = parse_ike_proposals("aes256gcm16-prfsha256-x25519");
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->size(), 1u);
  const auto& x = p->front();
  EXPECT_EQ(x.name, "bench-1");
  ASSERT_EQ(x.encryption.size(), 1u);
  EXPECT_EQ(x.encryption[0], (Encryption{config::encr::kAesGcm16, 256}));
  EXPECT_TRUE(x.integrity.empty());
  EXPECT_EQ(x.prf, std::vector<uint16_t>{config::prf::kHmacSha256});
  EXPECT_EQ(x.groups, std::vector<uint16_t>{31});
}

TEST(Notation, CbcIkeProposalLeavesThePrfToBeDerivedFromIntegrity) {
  auto p = parse_ike_proposals("aes256-sha256-modp2048");
  ASSERT_TRUE(p.ok()) << p.error().message;
  const auto& x = p->front();
  EXPECT_EQ(x.encryption[0], (Encryption{config::encr::kAesCbc, 256}));
  EXPECT_EQ(x.integrity, std::vector<uint16_t>{config::integ::kHmacSha256_128});
  EXPECT_TRUE(x.prf.empty());
  EXPECT_EQ(x.groups, std::vector<uint16_t>{14});
}

TEST(Notation, RepeatedKeywordsKeepTheirOrderAndDuplicatesCollapse) {
  auto p = parse_ike_proposals("aes256-aes128-aes256-sha1-sha512-ecp256-curve25519-x25519");
  ASSERT_TRUE(p.ok()) << p.error().message;
  const auto& x = p->front();
  ASSERT_EQ(x.encryption.size(), 2u);
  EXPECT_EQ(x.encryption[0].key_bits, 256);
  EXPECT_EQ(x.encryption[1].key_bits, 128);
  EXPECT_EQ(x.integrity, (std::vector<uint16_t>{config::integ::kHmacSha1_96, config::integ::kHmacSha512_256}));
  EXPECT_EQ(x.groups, (std::vector<uint16_t>{19, 31}));
}

TEST(Notation, CommaSeparatesProposalsInPreferenceOrder) {
  auto p = parse_ike_proposals("aes128gcm16-prfsha384-ecp384,aes192-sha384-modp3072", "x");
  ASSERT_TRUE(p.ok()) << p.error().message;
  ASSERT_EQ(p->size(), 2u);
  EXPECT_EQ((*p)[0].name, "x-1");
  EXPECT_EQ((*p)[1].name, "x-2");
  EXPECT_EQ((*p)[0].groups, std::vector<uint16_t>{20});
  EXPECT_EQ((*p)[1].encryption[0], (Encryption{config::encr::kAesCbc, 192}));
}

TEST(Notation, AeadIkeProposalWithoutPrfIsRefused) {
  auto p = parse_ike_proposals("aes256gcm16-x25519");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("PRF"), std::string::npos) << p.error().message;
}

TEST(Notation, IkeProposalWithoutGroupIsRefused) {
  EXPECT_FALSE(parse_ike_proposals("aes256-sha256").ok());
}

TEST(Notation, UnknownKeywordIsNamedInTheError) {
  auto p = parse_ike_proposals("aes256-sha256-modp2048-blowfish");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().message.find("'blowfish'"), std::string::npos) << p.error().message;
}

TEST(Notation, MixingAeadAndCbcInOneProposalIsRefused) {
  EXPECT_FALSE(parse_ike_proposals("aes256gcm16-aes256-sha256-prfsha256-x25519").ok());
}

TEST(Notation, AeadWithIntegrityIsRefused) {
  EXPECT_FALSE(parse_ike_proposals("aes256gcm16-sha256-prfsha256-x25519").ok());
  EXPECT_FALSE(parse_esp_proposals("aes256gcm16-sha256").ok());
}

TEST(Notation, EmptyProposalsAndEmptyKeywordsAreRefused) {
  EXPECT_FALSE(parse_ike_proposals("").ok());
  EXPECT_FALSE(parse_ike_proposals("aes256--sha256-x25519").ok());
  EXPECT_FALSE(parse_ike_proposals("aes256-sha256-x25519,").ok());
}

TEST(Notation, EspAeadTransformSetHasNoIntegrity) {
  auto e = parse_esp_proposals("aes256gcm16");
  ASSERT_TRUE(e.ok()) << e.error().message;
  ASSERT_EQ(e->sets.size(), 1u);
  EXPECT_EQ(e->sets[0].encryption[0], (Encryption{config::encr::kAesGcm16, 256}));
  EXPECT_EQ(e->sets[0].integrity, std::vector<uint16_t>{config::integ::kNone});
  EXPECT_EQ(e->sets[0].mode, ipsec::sa::Mode::Tunnel);
  EXPECT_EQ(e->pfs_group, 0);
}

TEST(Notation, EspCbcWithGroupMeansPfs) {
  auto e = parse_esp_proposals("aes128-sha1-modp2048-noesn,aes256-sha256");
  ASSERT_TRUE(e.ok()) << e.error().message;
  ASSERT_EQ(e->sets.size(), 2u);
  EXPECT_EQ(e->sets[0].integrity, std::vector<uint16_t>{config::integ::kHmacSha1_96});
  EXPECT_EQ(e->sets[1].integrity, std::vector<uint16_t>{config::integ::kHmacSha256_128});
  EXPECT_EQ(e->pfs_group, 14);
}

TEST(Notation, EspRefusesPrfEsnAndMissingIntegrity) {
  EXPECT_FALSE(parse_esp_proposals("aes256gcm16-prfsha256").ok());
  EXPECT_FALSE(parse_esp_proposals("aes256gcm16-esn").ok());
  EXPECT_FALSE(parse_esp_proposals("aes256").ok());
}

TEST(Notation, GroupKeywordsRoundTrip) {
  EXPECT_EQ(group_keyword(31), "x25519");
  EXPECT_EQ(group_keyword(14), "modp2048");
  EXPECT_EQ(group_keyword(19), "ecp256");
  EXPECT_EQ(group_keyword(999), "");
}

}  // namespace
}  // namespace ravelin::ike::loadgen
