// Key exchange: RFC 5903 §8 (ECP 256/384), RFC 7748 §6 (X25519/X448) known answers, agreement for
// every group, and the RFC 6989 / RFC 7748 public-value checks.
#include <gtest/gtest.h>

#include "ike/crypto/key_exchange.hpp"
#include "tests/unit/ike_crypto/hex_util.hpp"

namespace ravelin::ike::crypto {
namespace {

using test::hex;
using test::to_hex;

std::unique_ptr<KeyExchange> fixed_key(KeGroup g, const char* priv_hex) {
  FixedRandom r(hex(priv_hex));
  auto k = make_key_exchange(g, r);
  EXPECT_TRUE(k.ok()) << (k.ok() ? "" : k.error().message);
  return k.ok() ? std::move(*k) : nullptr;
}

struct Vector {
  const char* source;
  KeGroup group;
  const char *i, *gi, *r, *gr, *gir;
};

const Vector kVectors[] = {
    {"RFC 5903 §8.1", KeGroup::Ecp256,
     "C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433",
     "DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180"
     "5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3",
     "C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53",
     "D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63"
     "56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB",
     "D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE"},
    {"RFC 5903 §8.2", KeGroup::Ecp384,
     "099F3C70 34D4A2C6 99884D73 A375A67F 7624EF7C 6B3C0F16 0647B674 14DCE655 E35B5380 41E649EE 3FAEF896 783AB194",
     "667842D7 D180AC2C DE6F74F3 7551F557 55C7645C 20EF73E3 1634FE72 B4C55EE6 DE3AC808 ACB4BDB4 C88732AE E95F41AA"
     "9482ED1F C0EEB9CA FC498462 5CCFC23F 65032149 E0E144AD A0241815 35A0F38E EB9FCFF3 C2C947DA E69B4C63 4573A81C",
     "41CB0779 B4BDB85D 47846725 FBEC3C94 30FAB46C C8DC5060 855CC9BD A0AA2942 E0308312 916B8ED2 960E4BD5 5A7448FC",
     "E558DBEF 53EECDE3 D3FCCFC1 AEA08A89 A987475D 12FD950D 83CFA417 32BC509D 0D1AC43A 0336DEF9 6FDA41D0 774A3571"
     "DCFBEC7A ACF31964 72169E83 8430367F 66EEBE3C 6E70C416 DD5F0C68 759DD1FF F83FA401 42209DFF 5EAAD96D B9E6386C",
     "11187331 C279962D 93D60424 3FD592CB 9D0A926F 422E4718 7521287E 7156C5C4 D6031355 69B9E9D0 9CF5D4A2 70F59746"},
    {"RFC 7748 §6.1", KeGroup::Curve25519, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
     "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
     "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
     "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
     "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"},
    {"RFC 7748 §6.2", KeGroup::Curve448,
     "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
     "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0",
     "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d",
     "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
     "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d"},
};

TEST(KexKat, PublishedVectorsGiveThePublishedPublicValuesAndSharedSecret) {
  for (const auto& v : kVectors) {
    SCOPED_TRACE(v.source);
    auto i = fixed_key(v.group, v.i);
    auto r = fixed_key(v.group, v.r);
    ASSERT_TRUE(i && r);
    EXPECT_EQ(to_hex(i->public_value()), to_hex(hex(v.gi)));
    EXPECT_EQ(to_hex(r->public_value()), to_hex(hex(v.gr)));
    auto s1 = i->compute_shared(r->public_value());
    auto s2 = r->compute_shared(i->public_value());
    ASSERT_TRUE(s1.ok() && s2.ok());
    EXPECT_EQ(to_hex(s1->view()), to_hex(hex(v.gir)));
    EXPECT_EQ(to_hex(s2->view()), to_hex(hex(v.gir)));
  }
}

TEST(KexKat, EveryGroupAgreesWithItselfAndHasTheRfcPublicLength) {
  const KeGroup groups[] = {KeGroup::Modp768, KeGroup::Modp1024, KeGroup::Modp1536, KeGroup::Modp2048,
                            KeGroup::Modp3072, KeGroup::Modp4096, KeGroup::Ecp256, KeGroup::Ecp384,
                            KeGroup::Ecp521,  KeGroup::Curve25519, KeGroup::Curve448};
  const size_t sizes[] = {96, 128, 192, 256, 384, 512, 64, 96, 132, 32, 56};
  DeterministicRandom rnd(7);
  for (size_t n = 0; n < std::size(groups); ++n) {
    SCOPED_TRACE(std::string(group_name(groups[n])));
    auto a = make_key_exchange(groups[n], rnd);
    auto b = make_key_exchange(groups[n], rnd);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ((*a)->public_value().size(), sizes[n]);
    EXPECT_EQ(ke_public_size(groups[n]), sizes[n]);
    auto s1 = (*a)->compute_shared((*b)->public_value());
    auto s2 = (*b)->compute_shared((*a)->public_value());
    ASSERT_TRUE(s1.ok() && s2.ok());
    EXPECT_TRUE(s1->equals(s2->view()));
    EXPECT_NE(to_hex((*a)->public_value()), to_hex((*b)->public_value()));
  }
}

TEST(KexValidation, ModpRejectsOutOfRangeValuesPerRfc6989) {
  DeterministicRandom rnd(1);
  auto k = make_key_exchange(KeGroup::Modp2048, rnd);
  ASSERT_TRUE(k.ok());
  Bytes zero(256, 0), one(256, 0);
  one[255] = 1;
  const Bytes above_p(256, 0xff);  // 2^2048 - 1 exceeds the group 14 prime
  auto other = make_key_exchange(KeGroup::Modp2048, rnd);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE((*k)->compute_shared(zero).ok());
  EXPECT_FALSE((*k)->compute_shared(one).ok());
  EXPECT_FALSE((*k)->compute_shared(above_p).ok());
  EXPECT_FALSE((*k)->compute_shared(Bytes(255, 0x11)).ok()) << "wrong length";
  EXPECT_FALSE((*k)->compute_shared(Bytes(257, 0x11)).ok()) << "wrong length";
  EXPECT_TRUE((*k)->compute_shared((*other)->public_value()).ok());
}

TEST(KexValidation, ModpRejectsPMinusOne) {
  // RFC 3526 §3, the 2048-bit prime; p-1 generates the order-2 subgroup.
  auto p = hex(
      "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
      "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
      "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
      "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
      "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
      "15728E5A8AACAA68FFFFFFFFFFFFFFFF");
  ASSERT_EQ(p.size(), 256u);
  auto pm1 = p;
  pm1[255] = 0xfe;
  DeterministicRandom rnd(2);
  auto k = make_key_exchange(KeGroup::Modp2048, rnd);
  ASSERT_TRUE(k.ok());
  auto r = (*k)->compute_shared(pm1);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("RFC 6989"), std::string::npos);
  EXPECT_FALSE((*k)->compute_shared(p).ok());
}

TEST(KexValidation, EcpRejectsPointsOffTheCurveAndBadCoordinates) {
  DeterministicRandom rnd(3);
  auto k = make_key_exchange(KeGroup::Ecp256, rnd);
  auto peer = make_key_exchange(KeGroup::Ecp256, rnd);
  ASSERT_TRUE(k.ok() && peer.ok());
  Bytes off = (*peer)->public_value();
  off[63] ^= 1;  // y changed: (x, y') is not on the curve (invalid-curve attack input)
  auto r = (*k)->compute_shared(off);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("curve"), std::string::npos);
  EXPECT_FALSE((*k)->compute_shared(Bytes(64, 0)).ok()) << "(0,0) is not on P-256";
  EXPECT_FALSE((*k)->compute_shared(Bytes(64, 0xff)).ok()) << "coordinates >= p";
  EXPECT_FALSE((*k)->compute_shared(Bytes(65, 4)).ok()) << "uncompressed 0x04 prefix is not the IKE format";
}

// RFC 7748 §6: low-order inputs give an all-zero secret and must be refused.
TEST(KexValidation, XdhRejectsLowOrderPoints) {
  DeterministicRandom rnd(4);
  auto k = make_key_exchange(KeGroup::Curve25519, rnd);
  ASSERT_TRUE(k.ok());
  EXPECT_FALSE((*k)->compute_shared(Bytes(32, 0)).ok());
  Bytes one(32, 0);
  one[0] = 1;
  EXPECT_FALSE((*k)->compute_shared(one).ok());
  // A point of order 8 (from the list of small-order Curve25519 points).
  EXPECT_FALSE((*k)->compute_shared(hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")).ok());
  auto k448 = make_key_exchange(KeGroup::Curve448, rnd);
  ASSERT_TRUE(k448.ok());
  EXPECT_FALSE((*k448)->compute_shared(Bytes(56, 0)).ok());
  EXPECT_FALSE((*k)->compute_shared(Bytes(31, 9)).ok()) << "wrong length";
}

TEST(KexValidation, UnsupportedGroupIsAnError) {
  DeterministicRandom rnd(5);
  EXPECT_FALSE(make_key_exchange(static_cast<KeGroup>(22), rnd).ok());
  EXPECT_FALSE(make_key_exchange(KeGroup::None, rnd).ok());
  EXPECT_FALSE(is_supported_group(static_cast<KeGroup>(24)));
}

}  // namespace
}  // namespace ravelin::ike::crypto
