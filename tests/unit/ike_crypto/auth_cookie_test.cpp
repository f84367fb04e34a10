// PSK AUTH (RFC 7296 §2.15), COOKIEs (§2.6), SecretBytes and keylog rows.
#include <gtest/gtest.h>

#include <numeric>

#include "ike/crypto/auth.hpp"
#include "ike/crypto/cookie.hpp"
#include "ike/crypto/keylog.hpp"
#include "tests/unit/ike_crypto/hex_util.hpp"

namespace ravelin::ike::crypto {
namespace {

using test::ascii;
using test::hex;
using test::to_hex;

Bytes counting(size_t n) {
  Bytes b(n);
  std::iota(b.begin(), b.end(), 0);
  return b;
}

// Expected values computed independently with Python's hmac module:
//   hmac(hmac(psk, b"Key Pad for IKEv2"), octets)
TEST(PskAuth, MatchesAnIndependentComputationForSha256AndSha1) {
  auto p256 = make_prf(PrfId::HmacSha2_256);
  auto p1 = make_prf(PrfId::HmacSha1);
  ASSERT_TRUE(p256.ok() && p1.ok());
  EXPECT_EQ(to_hex(psk_auth(**p256, ascii("ravelin-test-psk"), counting(100)).view()),
            "113b5cba70a4f2bd5b113e190e0b1fbca2ead20bd6f72373300609c04c42bd5f");
  EXPECT_EQ(to_hex(psk_auth(**p1, ascii("cisco123"), counting(50)).view()), "a935f4b460ee224897b6368e1b7e6ee4c2e52d6f");
}

TEST(PskAuth, VerifyAcceptsTheRightValueOnly) {
  auto prf = make_prf(PrfId::HmacSha2_256);
  ASSERT_TRUE(prf.ok());
  const Bytes octets = counting(64);
  const SecretBytes good = psk_auth(**prf, ascii("secret"), octets);
  EXPECT_TRUE(verify_psk_auth(**prf, ascii("secret"), octets, good.view()));
  EXPECT_FALSE(verify_psk_auth(**prf, ascii("Secret"), octets, good.view()));
  Bytes bad(good.view().begin(), good.view().end());
  bad.back() ^= 1;
  EXPECT_FALSE(verify_psk_auth(**prf, ascii("secret"), octets, bad));
  EXPECT_FALSE(verify_psk_auth(**prf, ascii("secret"), octets, good.view().first(31)));
  EXPECT_FALSE(verify_psk_auth(**prf, ascii("secret"), octets, {}));
}

TEST(PskAuth, SignedOctetsAreMessageThenNonceThenMacedId) {
  auto prf = make_prf(PrfId::HmacSha2_256);
  ASSERT_TRUE(prf.ok());
  const SecretBytes sk_pi(Bytes(32, 0x42));
  const Bytes id_body = {1, 0, 0, 0, 192, 0, 2, 1};
  const SecretBytes mac = maced_id(**prf, sk_pi, id_body);
  EXPECT_TRUE(mac.equals((*prf)->compute(sk_pi.view(), id_body).view()));
  const Bytes octets = signed_octets(Bytes{1, 2, 3}, Bytes{4, 5}, mac);
  ASSERT_EQ(octets.size(), 5 + 32u);
  EXPECT_EQ(to_hex(std::span(octets).first(5)), "0102030405");
  EXPECT_EQ(to_hex(std::span(octets).subspan(5)), to_hex(mac.view()));
}

TEST(Cookie, VerifiesForTheSameInputsOnly) {
  DeterministicRandom rnd(11);
  CookieJar jar(rnd);
  const Bytes ni = counting(32);
  const auto ip = *platform::IpAddress::parse("192.0.2.1");
  const Bytes c = jar.make(ni, ip, 0x1122334455667788);
  ASSERT_EQ(c.size(), CookieJar::kCookieSize);
  EXPECT_TRUE(jar.verify(c, ni, ip, 0x1122334455667788));
  EXPECT_FALSE(jar.verify(c, ni, *platform::IpAddress::parse("192.0.2.2"), 0x1122334455667788));
  EXPECT_FALSE(jar.verify(c, ni, ip, 0x1122334455667789));
  EXPECT_FALSE(jar.verify(c, counting(31), ip, 0x1122334455667788));
  Bytes tampered = c;
  tampered[5] ^= 1;
  EXPECT_FALSE(jar.verify(tampered, ni, ip, 0x1122334455667788));
  EXPECT_FALSE(jar.verify(std::span(c).first(16), ni, ip, 0x1122334455667788));
}

TEST(Cookie, PreviousSecretStillWorksAfterOneRotationButNotTwo) {
  DeterministicRandom rnd(12);
  CookieJar jar(rnd);
  const Bytes ni = counting(16);
  const auto ip = *platform::IpAddress::parse("2001:db8::1");
  const Bytes c = jar.make(ni, ip, 7);
  jar.rotate();
  EXPECT_TRUE(jar.verify(c, ni, ip, 7));
  EXPECT_NE(to_hex(jar.make(ni, ip, 7)), to_hex(c)) << "a new secret gives a new cookie";
  jar.rotate();
  EXPECT_FALSE(jar.verify(c, ni, ip, 7));
}

TEST(SecretBytes, EqualityIsByContentAndLength) {
  const SecretBytes a(Bytes{1, 2, 3});
  EXPECT_TRUE(a.equals(Bytes{1, 2, 3}));
  EXPECT_FALSE(a.equals(Bytes{1, 2, 4}));
  EXPECT_FALSE(a.equals(Bytes{1, 2}));
  SecretBytes b = a;
  b.append(Bytes{4});
  EXPECT_EQ(to_hex(b.view()), "01020304");
  EXPECT_EQ(to_hex(b.slice(1, 2).view()), "0203");
  EXPECT_TRUE(b.slice(9, 2).empty());
  SecretBytes moved = std::move(b);
  EXPECT_EQ(moved.size(), 4u);
  moved.clear();
  EXPECT_TRUE(moved.empty());
}

TEST(Keylog, IkeRowHasBareHexSpisAndQuotedWiresharkNames) {
  const SecretBytes ei(Bytes(16, 0xa1)), er(Bytes(16, 0xb2)), ai(Bytes(32, 0xc3)), ar(Bytes(32, 0xd4));
  IkeKeylogInput in{0x37bad29e087dd0a2, 0x380b89f775209692, wire::EncrId::AesCbc, 128,
                    wire::IntegId::HmacSha2_256_128, &ei, &er, &ai, &ar};
  auto row = ikev2_decryption_table_row(in);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(*row, "37bad29e087dd0a2,380b89f775209692," + to_hex(ei.view()) +
                      "," + to_hex(er.view()) + ",\"AES-CBC-128 [RFC3602]\"," + to_hex(ai.view()) + "," +
                      to_hex(ar.view()) + ",\"HMAC_SHA2_256_128 [RFC4868]\"");
}

TEST(Keylog, AeadRowsUseNoneIntegrityAndWiresharkGcmNames) {
  const SecretBytes ei(Bytes(36, 1)), er(Bytes(36, 2));
  IkeKeylogInput in{1, 2, wire::EncrId::AesGcm16, 256, wire::IntegId::None, &ei, &er, nullptr, nullptr};
  auto row = ikev2_decryption_table_row(in);
  ASSERT_TRUE(row.ok());
  EXPECT_NE(row->find(",\"AES-GCM-256 with 16 octet ICV [RFC5282]\",,,\"NONE [RFC4306]\""), std::string::npos);
  EspKeylogInput esp{*platform::IpAddress::parse("192.0.2.1"), *platform::IpAddress::parse("192.0.2.2"), 0xfc5011e5,
                     wire::EncrId::AesGcm16, 128, wire::IntegId::None, &ei, nullptr};
  auto e = esp_sa_row(esp);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(*e, "\"IPv4\",\"192.0.2.1\",\"192.0.2.2\",\"0xfc5011e5\",\"AES-GCM [RFC4106]\",\"0x" +
                    to_hex(ei.view()) + "\",\"NULL\",\"\"");
  in.encr = wire::EncrId::ChaCha20Poly1305;
  EXPECT_FALSE(ikev2_decryption_table_row(in).ok()) << "Wireshark 4.0 has no ChaCha20 entry";
}

TEST(Keylog, EspCbcRowMatchesTheWiresharkUatFormat) {
  const SecretBytes ek(hex("be24fd52c8c19aac26081b63fbc36ccf")), ik(hex("7fe8f04b66d1d7ae525d2f51f56867a664030ca4"));
  EspKeylogInput esp{*platform::IpAddress::parse("192.0.2.1"), *platform::IpAddress::parse("192.0.2.2"), 0xfc5011e5,
                     wire::EncrId::AesCbc, 128, wire::IntegId::HmacSha1_96, &ek, &ik};
  auto e = esp_sa_row(esp);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(*e,
            "\"IPv4\",\"192.0.2.1\",\"192.0.2.2\",\"0xfc5011e5\",\"AES-CBC [RFC3602]\","
            "\"0xbe24fd52c8c19aac26081b63fbc36ccf\",\"HMAC-SHA-1-96 [RFC2404]\","
            "\"0x7fe8f04b66d1d7ae525d2f51f56867a664030ca4\"");
}

}  // namespace
}  // namespace ravelin::ike::crypto
