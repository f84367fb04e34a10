// SkCipher (RFC 7296 §3.14 framing): round trips for every suite and size, tamper detection before
// decryption, padding and length checks.
#include <gtest/gtest.h>

#include "ike/crypto/openssl_evp.hpp"
#include "ike/crypto/random.hpp"
#include "ike/crypto/sk_cipher.hpp"
#include "tests/unit/ike_crypto/hex_util.hpp"

namespace ravelin::ike::crypto {
namespace {

struct Suite {
  const char* name;
  EncrId encr;
  uint16_t bits;
  std::optional<IntegId> integ;
};

const Suite kSuites[] = {
    {"aes-cbc-128/sha1", EncrId::AesCbc, 128, IntegId::HmacSha1_96},
    {"aes-cbc-192/sha256", EncrId::AesCbc, 192, IntegId::HmacSha2_256_128},
    {"aes-cbc-256/sha384", EncrId::AesCbc, 256, IntegId::HmacSha2_384_192},
    {"aes-cbc-256/sha512", EncrId::AesCbc, 256, IntegId::HmacSha2_512_256},
    {"aes-gcm-128", EncrId::AesGcm16, 128, std::nullopt},
    {"aes-gcm-256", EncrId::AesGcm16, 256, std::nullopt},
    {"chacha20-poly1305", EncrId::ChaCha20Poly1305, 256, std::nullopt},
};

struct Keys {
  SecretBytes e, a;
};
Keys keys_for(const SkCipher& c, Random& r) {
  Keys k{SecretBytes(c.encr_key_size()), SecretBytes(c.integ_key_size())};
  r.fill(k.e.mut_view());
  r.fill(k.a.mut_view());
  return k;
}

TEST(SkCipher, EverySuiteRoundTripsEveryPlaintextLength) {
  DeterministicRandom rnd(21);
  const Bytes aad(32, 0x5a);
  for (const auto& s : kSuites) {
    SCOPED_TRACE(s.name);
    auto c = make_sk_cipher(s.encr, s.bits, s.integ);
    ASSERT_TRUE(c.ok()) << c.error().message;
    const Keys k = keys_for(**c, rnd);
    for (size_t len = 0; len < 70; ++len) {
      const Bytes plain = rnd.bytes(len);
      auto body = (*c)->seal(aad, plain, rnd.bytes((*c)->iv_size()), k.e, k.a);
      ASSERT_TRUE(body.ok());
      EXPECT_EQ(body->size(), (*c)->sealed_size(len));
      auto back = (*c)->open(aad, *body, k.e, k.a);
      ASSERT_TRUE(back.ok()) << back.error().message;
      EXPECT_TRUE(back->equals(plain));
    }
  }
}

TEST(SkCipher, AnyFlippedBitInAadIvCiphertextOrIcvFailsIntegrity) {
  DeterministicRandom rnd(22);
  Bytes aad(32, 0x11);
  for (const auto& s : kSuites) {
    SCOPED_TRACE(s.name);
    auto c = make_sk_cipher(s.encr, s.bits, s.integ);
    ASSERT_TRUE(c.ok());
    const Keys k = keys_for(**c, rnd);
    auto body = (*c)->seal(aad, rnd.bytes(40), rnd.bytes((*c)->iv_size()), k.e, k.a);
    ASSERT_TRUE(body.ok());
    for (size_t i = 0; i < body->size(); i += 7) {
      Bytes bad = *body;
      bad[i] ^= 0x01;
      auto r = (*c)->open(aad, bad, k.e, k.a);
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().message.rfind("integrity", 0), 0u) << r.error().message;
    }
    Bytes bad_aad = aad;
    bad_aad[3] ^= 0x80;
    EXPECT_FALSE((*c)->open(bad_aad, *body, k.e, k.a).ok());
  }
}

TEST(SkCipher, ShortOrMisalignedBodiesAreDecryptErrors) {
  DeterministicRandom rnd(23);
  auto c = make_sk_cipher(EncrId::AesCbc, 128, IntegId::HmacSha2_256_128);
  ASSERT_TRUE(c.ok());
  const Keys k = keys_for(**c, rnd);
  for (size_t len : {0, 1, 16, 31, 47}) {
    auto r = (*c)->open({}, Bytes(len, 0), k.e, k.a);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message.rfind("decrypt", 0), 0u) << len;
  }
  EXPECT_FALSE((*c)->open({}, Bytes(16 + 17 + 16, 0), k.e, k.a).ok()) << "not a whole block";
}

TEST(SkCipher, PadLengthBeyondThePlaintextIsADecryptError) {
  // Encrypt, below the SK framing, a plaintext whose last byte claims 200 bytes of padding: the tag
  // verifies (we hold the key) but §3.14 padding cannot be longer than what was decrypted.
  auto c = make_sk_cipher(EncrId::AesGcm16, 128, std::nullopt);
  ASSERT_TRUE(c.ok());
  const SecretBytes ek(Bytes(20, 0x33));
  const Bytes iv(8, 0x44), raw = {1, 2, 200};
  Bytes nonce(ek.view().begin() + 16, ek.view().end());
  nonce.insert(nonce.end(), iv.begin(), iv.end());
  Bytes ct(raw.size()), tag(16);
  ASSERT_TRUE(ossl::aead_seal(ossl::Aead::AesGcm, ek.view().first(16), nonce, {}, raw, ct, tag));
  Bytes body = iv;
  body.insert(body.end(), ct.begin(), ct.end());
  body.insert(body.end(), tag.begin(), tag.end());
  auto r = (*c)->open({}, body, ek, SecretBytes());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.rfind("decrypt: pad length", 0), 0u) << r.error().message;
}

TEST(SkCipher, WrongKeyLengthsAndIvLengthsAreErrors) {
  DeterministicRandom rnd(25);
  auto c = make_sk_cipher(EncrId::AesGcm16, 256, std::nullopt);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)->encr_key_size(), 36u);
  EXPECT_FALSE((*c)->seal({}, Bytes(4), rnd.bytes(8), SecretBytes(32), SecretBytes()).ok());
  EXPECT_FALSE((*c)->seal({}, Bytes(4), rnd.bytes(12), SecretBytes(36), SecretBytes()).ok());
  EXPECT_FALSE((*c)->open({}, Bytes(40), SecretBytes(35), SecretBytes()).ok());
}

TEST(SkCipher, FactoryRejectsInconsistentCombinations) {
  EXPECT_FALSE(make_sk_cipher(EncrId::AesCbc, 128, std::nullopt).ok());
  EXPECT_FALSE(make_sk_cipher(EncrId::AesCbc, 100, IntegId::HmacSha1_96).ok());
  EXPECT_FALSE(make_sk_cipher(EncrId::AesGcm16, 128, IntegId::HmacSha1_96).ok());
  EXPECT_FALSE(make_sk_cipher(EncrId::AesGcm16, 64, std::nullopt).ok());
  EXPECT_FALSE(make_sk_cipher(EncrId::Null, 0, IntegId::HmacSha1_96).ok());
  EXPECT_TRUE(make_sk_cipher(EncrId::AesGcm16, 128, IntegId::None).ok());
  EXPECT_EQ(*encr_key_size(EncrId::AesGcm16, 128), 20u);
  EXPECT_EQ(*encr_key_size(EncrId::ChaCha20Poly1305, 0), 36u);
  EXPECT_EQ(*integ_key_size(IntegId::HmacSha2_512_256), 64u);
  EXPECT_FALSE(encr_key_size(EncrId::AesCbc, 7).ok());
}

}  // namespace
}  // namespace ravelin::ike::crypto
