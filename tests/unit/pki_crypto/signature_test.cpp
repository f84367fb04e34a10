// AUTH signatures: primitives, RFC 7427 AlgorithmIdentifiers and AUTH method choice (ike/crypto/signature.hpp).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "ike/crypto/signature.hpp"
#include "tests/unit/pki_crypto/test_ca.hpp"

namespace ravelin::test {
namespace {

using namespace ike::crypto;
using ike::wire::AuthMethod;

Bytes hex(const std::string& h) {
  Bytes out;
  std::string digits;
  for (char c : h) if (std::isxdigit(static_cast<unsigned char>(c))) digits += c;
  for (size_t i = 0; i + 1 < digits.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  return out;
}

const Bytes kOctets = hex("0011223344556677 8899aabbccddeeff 0123456789abcdef");

// RFC 7427 Appendix A, the AlgorithmIdentifier octets as the RFC prints them.
TEST(PkiSignature, AlgorithmIdentifiersAreTheRfc7427AppendixBytes) {
  EXPECT_EQ(algorithm_identifier({SigScheme::RsaPkcs1, SigHash::Sha256}),
            hex("30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00"));  // A.1.2 sha256WithRSAEncryption
  EXPECT_EQ(algorithm_identifier({SigScheme::RsaPkcs1, SigHash::Sha384}),
            hex("30 0d 06 09 2a 86 48 86 f7 0d 01 01 0c 05 00"));  // A.1.3
  EXPECT_EQ(algorithm_identifier({SigScheme::RsaPkcs1, SigHash::Sha512}),
            hex("30 0d 06 09 2a 86 48 86 f7 0d 01 01 0d 05 00"));  // A.1.4
  EXPECT_EQ(algorithm_identifier({SigScheme::Ecdsa, SigHash::Sha256}),
            hex("30 0a 06 08 2a 86 48 ce 3d 04 03 02"));  // A.3.2 ecdsa-with-sha256
  EXPECT_EQ(algorithm_identifier({SigScheme::Ecdsa, SigHash::Sha384}), hex("30 0a 06 08 2a 86 48 ce 3d 04 03 03"));
  EXPECT_EQ(algorithm_identifier({SigScheme::Ecdsa, SigHash::Sha512}), hex("30 0a 06 08 2a 86 48 ce 3d 04 03 04"));
  // A.4.3 RSASSA-PSS with SHA-256, MGF1-SHA-256, salt length 32.
  EXPECT_EQ(algorithm_identifier({SigScheme::RsaPss, SigHash::Sha256}),
            hex("30 41 06 09 2a 86 48 86 f7 0d 01 01 0a 30 34 a0 0f 30 0d 06 09 60 86 48 01 65 03 04 02 01 05 00"
                " a1 1c 30 1a 06 09 2a 86 48 86 f7 0d 01 01 08 30 0d 06 09 60 86 48 01 65 03 04 02 01 05 00"
                " a2 03 02 01 20"));
  EXPECT_TRUE(algorithm_identifier({SigScheme::RsaPkcs1, SigHash::Sha1}).empty()) << "SHA-1 is never sent";
}

TEST(PkiSignature, AlgorithmIdentifiersParseBackIncludingRsaWithoutNullParameters) {
  for (auto alg : {SignatureAlgorithm{SigScheme::RsaPkcs1, SigHash::Sha256}, SignatureAlgorithm{SigScheme::RsaPss, SigHash::Sha512},
                   SignatureAlgorithm{SigScheme::Ecdsa, SigHash::Sha384}}) {
    auto back = parse_algorithm_identifier(algorithm_identifier(alg));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, alg);
  }
  auto no_null = parse_algorithm_identifier(hex("30 0b 06 09 2a 86 48 86 f7 0d 01 01 0b"));
  ASSERT_TRUE(no_null);
  EXPECT_EQ(*no_null, (SignatureAlgorithm{SigScheme::RsaPkcs1, SigHash::Sha256}));
  EXPECT_FALSE(parse_algorithm_identifier(hex("30 0a 06 08 2a 86 48 ce 3d 04 03 09")));
  EXPECT_FALSE(parse_algorithm_identifier({}));
}

TEST(PkiSignature, EverySchemeSignsAndVerifiesAndRejectsAChangedMessage) {
  auto rsa = *PrivateKey::generate_rsa(2048);
  auto ec = *PrivateKey::generate_ec(384);
  struct Case { const PrivateKey* key; SignatureAlgorithm alg; EcdsaFormat fmt; };
  const Case cases[] = {
      {&rsa, {SigScheme::RsaPkcs1, SigHash::Sha1}, EcdsaFormat::Der},
      {&rsa, {SigScheme::RsaPkcs1, SigHash::Sha256}, EcdsaFormat::Der},
      {&rsa, {SigScheme::RsaPss, SigHash::Sha384}, EcdsaFormat::Der},
      {&ec, {SigScheme::Ecdsa, SigHash::Sha384}, EcdsaFormat::Der},
      {&ec, {SigScheme::Ecdsa, SigHash::Sha384}, EcdsaFormat::Raw},
  };
  for (const auto& c : cases) {
    auto sig = sign(*c.key, c.alg, kOctets, c.fmt);
    ASSERT_TRUE(sig) << sig.error().message;
    if (c.fmt == EcdsaFormat::Raw) {
      EXPECT_EQ(sig->size(), 96u) << "r||s, 48 octets each on P-384";
    }
    EXPECT_TRUE(verify(c.key->public_key(), c.alg, kOctets, *sig, c.fmt));
    Bytes changed = kOctets;
    changed[3] ^= 1;
    auto bad = verify(c.key->public_key(), c.alg, changed, *sig, c.fmt);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, "signature does not verify");
  }
  EXPECT_FALSE(sign(ec, {SigScheme::RsaPkcs1, SigHash::Sha256}, kOctets)) << "scheme must fit the key";
  EXPECT_FALSE(sign(rsa, {SigScheme::Ecdsa, SigHash::Sha256}, kOctets));
}

TEST(PkiSignature, WithoutPeerHashListTheClassicMethodOfTheKeyIsUsed) {
  auto rsa = *PrivateKey::generate_rsa(2048);
  auto a = sign_auth(rsa, kOctets, std::nullopt);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->method, AuthMethod::RsaSig);
  EXPECT_EQ(a->data.size(), 256u);
  EXPECT_TRUE(verify_auth(rsa.public_key(), a->method, a->data, kOctets));
  const std::pair<int, AuthMethod> ec_cases[] = {{256, AuthMethod::EcdsaP256}, {384, AuthMethod::EcdsaP384},
                                                 {521, AuthMethod::EcdsaP521}};
  for (auto [bits, method] : ec_cases) {
    auto k = *PrivateKey::generate_ec(bits);
    auto e = sign_auth(k, kOctets, std::nullopt);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->method, method);
    EXPECT_EQ(e->data.size(), 2u * ((bits + 7) / 8)) << "RFC 4754: r||s";
    EXPECT_TRUE(verify_auth(k.public_key(), e->method, e->data, kOctets));
  }
}

TEST(PkiSignature, PeerHashListSelectsDigitalSignatureWithACommonHash) {
  auto rsa = *PrivateKey::generate_rsa(2048);
  auto a = sign_auth(rsa, kOctets, std::vector<uint16_t>{kHashSha512, kHashSha384}, true);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->method, AuthMethod::DigitalSignature);
  const Bytes pss384 = algorithm_identifier({SigScheme::RsaPss, SigHash::Sha384});
  ASSERT_GT(a->data.size(), pss384.size() + 1);
  EXPECT_EQ(a->data[0], pss384.size());
  EXPECT_TRUE(std::equal(pss384.begin(), pss384.end(), a->data.begin() + 1));
  EXPECT_TRUE(verify_auth(rsa.public_key(), a->method, a->data, kOctets));
  // P-384 prefers SHA-384 when the peer offers it.
  auto ec = *PrivateKey::generate_ec(384);
  auto e = sign_auth(ec, kOctets, std::vector<uint16_t>{kHashSha256, kHashSha384});
  ASSERT_TRUE(e);
  const Bytes ai = algorithm_identifier({SigScheme::Ecdsa, SigHash::Sha384});
  EXPECT_TRUE(std::equal(ai.begin(), ai.end(), e->data.begin() + 1));
  EXPECT_TRUE(verify_auth(ec.public_key(), e->method, e->data, kOctets));
  // Only SHA-1 in common: fall back to the classic method.
  auto legacy = sign_auth(rsa, kOctets, std::vector<uint16_t>{kHashSha1});
  ASSERT_TRUE(legacy);
  EXPECT_EQ(legacy->method, AuthMethod::RsaSig);
}

TEST(PkiSignature, VerifyAuthRefusesMismatchedKeysAndMalformedData) {
  auto p256 = *PrivateKey::generate_ec(256);
  auto p384 = *PrivateKey::generate_ec(384);
  auto rsa = *PrivateKey::generate_rsa(2048);
  auto e = *sign_auth(p256, kOctets, std::nullopt);
  auto wrong_curve = verify_auth(p384.public_key(), e.method, e.data, kOctets);
  ASSERT_FALSE(wrong_curve);
  EXPECT_EQ(wrong_curve.error().message, "AUTH method 9 does not fit the certificate key (P-384)");
  EXPECT_FALSE(verify_auth(rsa.public_key(), e.method, e.data, kOctets));
  EXPECT_FALSE(verify_auth(p256.public_key(), AuthMethod::RsaSig, e.data, kOctets));
  EXPECT_FALSE(verify_auth(p256.public_key(), AuthMethod::SharedKeyMic, e.data, kOctets));
  for (const Bytes& junk : {Bytes{}, Bytes{0}, Bytes{12, 1, 2}, Bytes{200, 1, 2, 3}}) {
    EXPECT_FALSE(verify_auth(p256.public_key(), AuthMethod::DigitalSignature, junk, kOctets));
  }
  // RFC 8247: a SHA-1 digital signature is refused even when it verifies.
  auto s1 = *sign(rsa, {SigScheme::RsaPkcs1, SigHash::Sha1}, kOctets);
  Bytes ai = hex("30 0d 06 09 2a 86 48 86 f7 0d 01 01 05 05 00");
  Bytes data{static_cast<uint8_t>(ai.size())};
  data.insert(data.end(), ai.begin(), ai.end());
  data.insert(data.end(), s1.begin(), s1.end());
  EXPECT_FALSE(verify_auth(rsa.public_key(), AuthMethod::DigitalSignature, data, kOctets));
}

// An independent tool agrees: `openssl dgst -verify` accepts our method-14 RSA-PSS signature.
TEST(PkiSignature, OpensslCliVerifiesOurPssSignature) {
  if (std::system("command -v openssl >/dev/null 2>&1") != 0) GTEST_SKIP() << "openssl CLI not installed";
  auto rsa = *PrivateKey::generate_rsa(2048);
  auto sig = *sign(rsa, {SigScheme::RsaPss, SigHash::Sha256}, kOctets);
  const std::string dir = ::testing::TempDir() + "rv_pss_" + std::to_string(::getpid());
  ASSERT_EQ(std::system(("mkdir -p " + dir).c_str()), 0);
  std::ofstream(dir + "/pub.pem") << rsa.public_key().pem();
  std::ofstream(dir + "/data", std::ios::binary).write(reinterpret_cast<const char*>(kOctets.data()), kOctets.size());
  std::ofstream(dir + "/sig", std::ios::binary).write(reinterpret_cast<const char*>(sig.data()), sig.size());
  const std::string cmd = "openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -verify " +
                          dir + "/pub.pem -signature " + dir + "/sig " + dir + "/data >/dev/null 2>&1";
  const int rc = std::system(cmd.c_str());
  std::system(("rm -rf " + dir).c_str());
  EXPECT_EQ(rc, 0);
}

}  // namespace
}  // namespace ravelin::test
