// IKEv2 key derivation (RFC 7296 §2.13, §2.14, §2.17, §2.18) against the NIST CAVP SP 800-135 IKEv2
// KDF sample vector (SHA-1, 1056-bit DKM) as run by libreswan's CAVP harness, plus layout checks.
#include <gtest/gtest.h>

#include "ike/crypto/kdf.hpp"
#include "tests/unit/ike_crypto/hex_util.hpp"

namespace ravelin::ike::crypto {
namespace {

using test::hex;
using test::to_hex;

struct CavpSample {
  Bytes gir = hex("4b2c1f971981a8ad8d0abeafabf38cf75fc8349c148142465ed9c8b516b8be52");
  Bytes gir_new = hex("863f3c9d06efd39d2b907b97f8699e5dd5251ef64a2a176f36ee40c87d4f9330");
  Bytes ni = hex("32b50d5f4a3763f3");
  Bytes nr = hex("9206a04b26564cb1");
  uint64_t spi_i = 0x34c9e7c188868785;
  uint64_t spi_r = 0x3ff77d760d2b2199;
  size_t dkm_len = 132;
  const char* skeyseed = "a9a7b222b59f8f48645f28a1db5b5f5d7479cba7";
  const char* dkm =
      "a14293677cc80ff8f9cc0eee30d895da9d8f405666e30ef0dfcb63c634a46002a2a63080e514a062768b76606f9fa5e9"
      "92204fc5a670bde3f10d6b027113936a5c55b648a194ae587b0088d52204b702c979fa280870d2ed41efa9c549fd1119"
      "8af1670b143d384bd275c5f594cf266b05ebadca855e4249520a441a81157435a7a56cc4";
  const char* dkm_child =
      "8059e3ee8810e6c3a91bc8bcd2a7a41151b8d0e6ae239c7b38093ad85ef4c5811a8e7b5d1cdabd9560b2d5e092d1f24e"
      "2d4b85eccdf0ad0dc9abd94b51ee71814ca6dbc8bb51b6309f5b9545c7eb35cf5580b1e521a8fe20754a2d883ba0c2cf"
      "285f524aea6545b33106bc03e614296d319d41d4b50b3f510b1c0a22f3e664994d234cb4";
  const char* dkm_child_dh =
      "bb43244c1860ad65ee1e211ffe8bb3661750c8f89cb9f547df7f4fa61d37301628190e38c66232eab4b3ab14c400a519"
      "7dd3730ed4820a8a10394d51e1c0400052f63ebd36b0e7ef53aaed31eba4a5080d7d4b5666023a8bbb5ffb7857240f9a"
      "05884d1b7d2f933708450b7b3288f1fc863ab49fa901227cffc06e27899c7054d56fd74c";
  const char* skeyseed_rekey = "63e81194946ebd05df7df5ebf5d8750056bf1f1d";
};

std::unique_ptr<Prf> sha1() {
  auto p = make_prf(PrfId::HmacSha1);
  EXPECT_TRUE(p.ok());
  return std::move(*p);
}

TEST(KdfCavp, SkeyseedAndDkmMatchTheSample) {
  CavpSample v;
  auto prf = sha1();
  const SecretBytes seed = skeyseed(*prf, v.ni, v.nr, SecretBytes(v.gir));
  EXPECT_EQ(to_hex(seed.view()), v.skeyseed);
  // DKM = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr): derive_ike_sa_keys must cut exactly this stream.
  IkeKeySizes sizes{20, 20, 16};  // 3*20 + 2*20 + 2*16 = 132 bytes
  auto keys = derive_ike_sa_keys(*prf, seed, v.ni, v.nr, v.spi_i, v.spi_r, sizes);
  ASSERT_TRUE(keys.ok());
  const std::string all = to_hex(keys->sk_d.view()) + to_hex(keys->sk_ai.view()) + to_hex(keys->sk_ar.view()) +
                          to_hex(keys->sk_ei.view()) + to_hex(keys->sk_er.view()) + to_hex(keys->sk_pi.view()) +
                          to_hex(keys->sk_pr.view());
  EXPECT_EQ(all, v.dkm);
}

TEST(KdfCavp, ChildKeymatWithAndWithoutNewDhMatchTheSample) {
  CavpSample v;
  auto prf = sha1();
  const SecretBytes sk_d(std::span<const uint8_t>(hex(v.dkm)).first(20));
  // 132 bytes = 2 * (encr 36 + integ 30) in the order encr_i, integ_i, encr_r, integ_r.
  ChildKeySizes sizes{36, 30};
  auto k = derive_child_keys(*prf, sk_d, nullptr, v.ni, v.nr, sizes);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(to_hex(k->encr_i.view()) + to_hex(k->integ_i.view()) + to_hex(k->encr_r.view()) + to_hex(k->integ_r.view()),
            v.dkm_child);
  const SecretBytes gnew(v.gir_new);
  auto kdh = derive_child_keys(*prf, sk_d, &gnew, v.ni, v.nr, sizes);
  ASSERT_TRUE(kdh.ok());
  EXPECT_EQ(to_hex(kdh->encr_i.view()) + to_hex(kdh->integ_i.view()) + to_hex(kdh->encr_r.view()) +
                to_hex(kdh->integ_r.view()),
            v.dkm_child_dh);
}

TEST(KdfCavp, RekeySkeyseedMatchesTheSample) {
  CavpSample v;
  auto prf = sha1();
  const SecretBytes sk_d(std::span<const uint8_t>(hex(v.dkm)).first(20));
  EXPECT_EQ(to_hex(rekey_skeyseed(*prf, sk_d, SecretBytes(v.gir_new), v.ni, v.nr).view()), v.skeyseed_rekey);
}

TEST(Kdf, PrfPlusRefusesMoreThan255Blocks) {
  auto prf = make_prf(PrfId::HmacSha2_256);
  ASSERT_TRUE(prf.ok());
  const Bytes key(32, 1), seed(8, 2);
  EXPECT_TRUE(prf_plus(**prf, key, seed, 255 * 32).ok());
  auto r = prf_plus(**prf, key, seed, 255 * 32 + 1);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("255"), std::string::npos);
}

TEST(Kdf, PrfPlusPrefixIsStableAcrossLengths) {
  auto prf = make_prf(PrfId::HmacSha2_512);
  ASSERT_TRUE(prf.ok());
  const Bytes key(10, 7), seed(5, 9);
  auto a = prf_plus(**prf, key, seed, 70);
  auto b = prf_plus(**prf, key, seed, 200);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(to_hex(a->view()), to_hex(b->view().first(70)));
}

TEST(Kdf, GcmChildKeysCarryTheSaltAndNoIntegrityKey) {
  auto prf = make_prf(PrfId::HmacSha2_256);
  ASSERT_TRUE(prf.ok());
  const SecretBytes sk_d(Bytes(32, 3));
  auto k = derive_child_keys(**prf, sk_d, nullptr, Bytes(32, 1), Bytes(32, 2), ChildKeySizes{36, 0});
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->encr_i.size(), 36u);
  EXPECT_EQ(k->encr_r.size(), 36u);
  EXPECT_TRUE(k->integ_i.empty() && k->integ_r.empty());
  EXPECT_FALSE(k->encr_i.equals(k->encr_r.view()));
}

TEST(Kdf, EmptyInputKeysAreErrors) {
  auto prf = make_prf(PrfId::HmacSha2_256);
  ASSERT_TRUE(prf.ok());
  EXPECT_FALSE(derive_ike_sa_keys(**prf, SecretBytes(), Bytes(16), Bytes(16), 1, 2, IkeKeySizes{32, 32, 16}).ok());
  EXPECT_FALSE(derive_child_keys(**prf, SecretBytes(), nullptr, Bytes(16), Bytes(16), ChildKeySizes{16, 20}).ok());
}

}  // namespace
}  // namespace ravelin::ike::crypto
