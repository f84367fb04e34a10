// Known answers for the PRF and integrity transforms: RFC 4231 (HMAC-SHA-256/384/512) and
// RFC 2202 (HMAC-SHA-1).
#include <gtest/gtest.h>

#include "ike/crypto/prf.hpp"
#include "tests/unit/ike_crypto/hex_util.hpp"

namespace ravelin::ike::crypto {
namespace {

using test::ascii;
using test::hex;
using test::to_hex;

std::string prf_hex(PrfId id, std::span<const uint8_t> key, std::span<const uint8_t> data) {
  auto prf = make_prf(id);
  EXPECT_TRUE(prf.ok());
  return to_hex((*prf)->compute(key, data).view());
}

// RFC 4231 §4.2 Test Case 1.
TEST(HmacKat, Rfc4231Case1MatchesForSha256Sha384Sha512) {
  const auto key = std::vector<uint8_t>(20, 0x0b);
  const auto data = ascii("Hi There");
  EXPECT_EQ(prf_hex(PrfId::HmacSha2_256, key, data),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(prf_hex(PrfId::HmacSha2_384, key, data),
            "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
            "faea9ea9076ede7f4af152e8b2fa9cb6");
  EXPECT_EQ(prf_hex(PrfId::HmacSha2_512, key, data),
            "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
            "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
}

// RFC 4231 §4.3 Test Case 2 (a key shorter than the block).
TEST(HmacKat, Rfc4231Case2ShortKeyMatches) {
  EXPECT_EQ(prf_hex(PrfId::HmacSha2_256, ascii("Jefe"), ascii("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// RFC 4231 §4.7 Test Case 6 (a key longer than the block is hashed first).
TEST(HmacKat, Rfc4231Case6LongKeyMatches) {
  const auto key = std::vector<uint8_t>(131, 0xaa);
  EXPECT_EQ(prf_hex(PrfId::HmacSha2_256, key, ascii("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

// RFC 4231 §4.6 Test Case 5: truncation to 128 bits, which is AUTH_HMAC_SHA2_256_128's ICV.
TEST(HmacKat, Rfc4231Case5TruncatedIsTheSha256_128Icv) {
  auto integ = make_integrity(IntegId::HmacSha2_256_128);
  ASSERT_TRUE(integ.ok());
  const auto key = std::vector<uint8_t>(20, 0x0c);
  const auto data = ascii("Test With Truncation");
  const auto icv = (*integ)->compute(key, data);
  EXPECT_EQ(to_hex(icv), "a3b6167473100ee06e0c796c2955552b");
  EXPECT_TRUE((*integ)->verify(key, data, icv));
  auto bad = icv;
  bad[15] ^= 1;
  EXPECT_FALSE((*integ)->verify(key, data, bad));
  EXPECT_FALSE((*integ)->verify(key, data, std::span(icv).first(15)));
}

// RFC 2202 §3 Test Cases 1 and 2 (HMAC-SHA-1), and the 96-bit truncation of AUTH_HMAC_SHA1_96.
TEST(HmacKat, Rfc2202Sha1CasesMatch) {
  EXPECT_EQ(prf_hex(PrfId::HmacSha1, std::vector<uint8_t>(20, 0x0b), ascii("Hi There")),
            "b617318655057264e28bc0b6fb378c8ef146be00");
  EXPECT_EQ(prf_hex(PrfId::HmacSha1, ascii("Jefe"), ascii("what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  auto integ = make_integrity(IntegId::HmacSha1_96);
  ASSERT_TRUE(integ.ok());
  EXPECT_EQ(to_hex((*integ)->compute(ascii("Jefe"), ascii("what do ya want for nothing?"))),
            "effcdf6ae5eb2fa2d27416d5");
}

TEST(HmacKat, IntegrityKeyAndIcvSizesFollowRfc4868) {
  struct Row {
    IntegId id;
    size_t key, icv;
  } rows[] = {{IntegId::HmacSha1_96, 20, 12},
              {IntegId::HmacSha2_256_128, 32, 16},
              {IntegId::HmacSha2_384_192, 48, 24},
              {IntegId::HmacSha2_512_256, 64, 32}};
  for (const auto& r : rows) {
    auto i = make_integrity(r.id);
    ASSERT_TRUE(i.ok());
    EXPECT_EQ((*i)->key_size(), r.key);
    EXPECT_EQ((*i)->icv_size(), r.icv);
  }
}

TEST(HmacKat, UnsupportedAlgorithmsAreErrorsNotCrashes) {
  EXPECT_FALSE(make_prf(PrfId::HmacMd5).ok());
  EXPECT_FALSE(make_prf(static_cast<PrfId>(999)).ok());
  EXPECT_FALSE(make_integrity(IntegId::HmacMd5_96).ok());
  EXPECT_FALSE(make_integrity(IntegId::None).ok());
}

}  // namespace
}  // namespace ravelin::ike::crypto
