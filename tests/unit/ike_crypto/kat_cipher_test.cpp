// Known answers for the SK ciphers at the OpenSSL layer: RFC 3602 (AES-CBC), McGrew & Viega "The
// Galois/Counter Mode of Operation" test cases 4 and 16 (AES-GCM-128/256, also NIST SP 800-38D
// examples), RFC 8439 §2.8.2 (ChaCha20-Poly1305). Then the IKE framing (salt || IV nonce, padding)
// through SkCipher.
#include <gtest/gtest.h>

#include "ike/crypto/openssl_evp.hpp"
#include "ike/crypto/sk_cipher.hpp"
#include "tests/unit/ike_crypto/hex_util.hpp"

namespace ravelin::ike::crypto {
namespace {

using test::ascii;
using test::hex;
using test::to_hex;

// RFC 3602 §4 Case #1 and Case #2.
TEST(CipherKat, Rfc3602AesCbcCasesMatch) {
  Bytes out(16);
  ASSERT_TRUE(ossl::aes_cbc(true, hex("06a9214036b8a15b512e03d534120006"), hex("3dafba429d9eb430b422da802c9fac41"),
                            ascii("Single block msg"), out));
  EXPECT_EQ(to_hex(out), "e353779c1079aeb82708942dbe77181a");

  const auto p2 = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  Bytes c2(32);
  ASSERT_TRUE(ossl::aes_cbc(true, hex("c286696d887c9aa0611bbb3e2025a45a"), hex("562e17996d093d28ddb3ba695a2e6f58"),
                            p2, c2));
  EXPECT_EQ(to_hex(c2), "d296cd94c2cccf8a3a863028b5e1dc0a7586602d253cfff91b8266bea6d61ab1");
  Bytes back(32);
  ASSERT_TRUE(ossl::aes_cbc(false, hex("c286696d887c9aa0611bbb3e2025a45a"), hex("562e17996d093d28ddb3ba695a2e6f58"),
                            c2, back));
  EXPECT_EQ(back, p2);
}

constexpr const char* kGcmPlain =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525"
    "b16aedf5aa0de657ba637b39";
constexpr const char* kGcmAad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

// McGrew-Viega GCM spec, Test Case 4 (AES-128, 60-byte plaintext, 20-byte AAD).
TEST(CipherKat, GcmTestCase4Aes128Matches) {
  const auto p = hex(kGcmPlain);
  Bytes c(p.size()), tag(16);
  ASSERT_TRUE(ossl::aead_seal(ossl::Aead::AesGcm, hex("feffe9928665731c6d6a8f9467308308"),
                              hex("cafebabefacedbaddecaf888"), hex(kGcmAad), p, c, tag));
  EXPECT_EQ(to_hex(c),
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa05"
            "1ba30b396a0aac973d58e091");
  EXPECT_EQ(to_hex(tag), "5bc94fbc3221a5db94fae95ae7121a47");
}

// McGrew-Viega GCM spec, Test Case 16 (AES-256), opened, then with one tag bit flipped.
TEST(CipherKat, GcmTestCase16Aes256OpensAndRejectsBadTag) {
  const auto key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  const auto c = hex(
      "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838"
      "c5f61e6393ba7a0abcc9f662");
  auto tag = hex("76fc6ece0f4e1768cddf8853bb2d551b");
  Bytes p(c.size());
  ASSERT_TRUE(ossl::aead_open(ossl::Aead::AesGcm, key, hex("cafebabefacedbaddecaf888"), hex(kGcmAad), c, tag, p));
  EXPECT_EQ(to_hex(p), kGcmPlain);
  tag[0] ^= 0x80;
  EXPECT_FALSE(ossl::aead_open(ossl::Aead::AesGcm, key, hex("cafebabefacedbaddecaf888"), hex(kGcmAad), c, tag, p));
  EXPECT_EQ(p, Bytes(c.size(), 0)) << "output is wiped when the tag fails";
}

// RFC 8439 §2.8.2 AEAD_CHACHA20_POLY1305 example. Its nonce 07000000 || 4041424344454647 is exactly
// the IKE construction of RFC 7634 (4-byte salt from SK_e, 8-byte IV from the payload).
TEST(CipherKat, Rfc8439ChaCha20Poly1305ThroughSkCipherFraming) {
  const std::string plain =
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen "
      "would be it.";
  const auto key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  const auto aad = hex("50515253c0c1c2c3c4c5c6c7");
  Bytes c(plain.size()), tag(16);
  ASSERT_TRUE(ossl::aead_seal(ossl::Aead::ChaCha20Poly1305, key, hex("070000004041424344454647"), aad, ascii(plain),
                              c, tag));
  EXPECT_EQ(to_hex(c),
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
            "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            "3ff4def08e4b7a9de576d26586cec64b6116");
  EXPECT_EQ(to_hex(tag), "1ae10b594f09e26a7e902ecbd0600691");

  // The same bytes through SkCipher::open: SK_e = key || salt, body = IV || ciphertext || tag. The
  // plaintext's last byte ('.', 0x2e = 46) is read as the pad length, so 46 + 1 bytes are stripped.
  auto sk = make_sk_cipher(EncrId::ChaCha20Poly1305, 256, std::nullopt);
  ASSERT_TRUE(sk.ok());
  SecretBytes ek(key);
  ek.append(hex("07000000"));
  Bytes body = hex("4041424344454647");
  body.insert(body.end(), c.begin(), c.end());
  body.insert(body.end(), tag.begin(), tag.end());
  auto opened = (*sk)->open(aad, body, ek, SecretBytes());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(std::string(opened->view().begin(), opened->view().end()), plain.substr(0, plain.size() - 47));
}

}  // namespace
}  // namespace ravelin::ike::crypto
