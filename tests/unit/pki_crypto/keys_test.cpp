// RSA/EC key generation, PEM round trips and refusals (ike/crypto/pki_key.hpp).
#include <gtest/gtest.h>

#include <string>

#include "ike/crypto/pki_key.hpp"

namespace ravelin::test {
namespace {

using ike::crypto::KeyType;
using ike::crypto::PrivateKey;
using ike::crypto::PublicKey;

std::string text(const ike::crypto::SecretBytes& s) { return std::string(s.view().begin(), s.view().end()); }

TEST(PkiKeys, GeneratedRsaKeyHasTheRequestedModulusAndRoundTripsThroughPem) {
  auto k = PrivateKey::generate_rsa(2048);
  ASSERT_TRUE(k) << k.error().message;
  EXPECT_EQ(k->type(), KeyType::Rsa);
  EXPECT_EQ(k->bits(), 2048);
  EXPECT_TRUE(k->curve().empty());
  const std::string pem = text(k->pem());
  EXPECT_NE(pem.find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  auto back = PrivateKey::from_pem(pem);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_TRUE(back->public_key().same_key(k->public_key()));
}

TEST(PkiKeys, GeneratedEcKeysUseTheNistCurveOfTheirSize) {
  for (auto [bits, curve] : {std::pair{256, "P-256"}, std::pair{384, "P-384"}, std::pair{521, "P-521"}}) {
    auto k = PrivateKey::generate_ec(bits);
    ASSERT_TRUE(k) << k.error().message;
    EXPECT_EQ(k->type(), KeyType::Ec);
    EXPECT_EQ(k->curve(), curve);
    EXPECT_EQ(k->bits(), bits);
  }
}

TEST(PkiKeys, KeySizesOutsideWhatIkeUsesAreRefused) {
  EXPECT_FALSE(PrivateKey::generate_rsa(512));
  EXPECT_FALSE(PrivateKey::generate_ec(224));
}

TEST(PkiKeys, PublicKeyRoundTripsThroughSubjectPublicKeyInfo) {
  auto k = PrivateKey::generate_ec(256);
  ASSERT_TRUE(k);
  const auto spki = k->public_key().spki_der();
  ASSERT_FALSE(spki.empty());
  auto pub = PublicKey::from_spki_der(spki);
  ASSERT_TRUE(pub) << pub.error().message;
  EXPECT_TRUE(pub->same_key(k->public_key()));
  auto other = PrivateKey::generate_ec(256);
  ASSERT_TRUE(other);
  EXPECT_FALSE(pub->same_key(other->public_key()));
  EXPECT_NE(k->public_key().pem().find("BEGIN PUBLIC KEY"), std::string::npos);
}

TEST(PkiKeys, GarbageAndEncryptedPemAreErrorsNotCrashes) {
  EXPECT_FALSE(PrivateKey::from_pem("not a key"));
  EXPECT_FALSE(PrivateKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"));
  const std::vector<uint8_t> junk{0x30, 0x03, 0x02, 0x01, 0x00};
  EXPECT_FALSE(PrivateKey::from_der(junk));
  EXPECT_FALSE(PublicKey::from_spki_der(junk));
  const std::string encrypted =
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAg\n"
      "-----END ENCRYPTED PRIVATE KEY-----\n";
  EXPECT_FALSE(PrivateKey::from_pem(encrypted));
}

}  // namespace
}  // namespace ravelin::test
