// Key exchange on OpenSSL 3: MODP (BIGNUM, constant-time exponentiation), ECP (EC_POINT), X25519/X448
// (EVP_PKEY). Peer values are validated per RFC 6989 before any secret is computed.
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include <string>

#include "ike/crypto/openssl_evp.hpp"

namespace ravelin::ike::crypto::ossl {
namespace {

using wire::KeGroup;
using BnPtr = std::unique_ptr<BIGNUM, decltype(&BN_clear_free)>;
using BnCtxPtr = std::unique_ptr<BN_CTX, decltype(&BN_CTX_free)>;
using PointPtr = std::unique_ptr<EC_POINT, decltype(&EC_POINT_clear_free)>;
using GroupPtr = std::unique_ptr<EC_GROUP, decltype(&EC_GROUP_free)>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;

constexpr int kMaxScalarTries = 64;

BnPtr new_bn() { return BnPtr(BN_new(), &BN_clear_free); }

// Big-endian, left-padded to `size` bytes.
bool bn_to_fixed(const BIGNUM* bn, size_t size, std::span<uint8_t> out) {
  return out.size() == size && BN_bn2binpad(bn, out.data(), static_cast<int>(size)) == static_cast<int>(size);
}

// ---- MODP (RFC 2409 groups 1, 2; RFC 3526 groups 5, 14, 15, 16), generator 2 ----
BIGNUM* modp_prime(KeGroup g, BIGNUM* bn) {
  switch (g) {
    case KeGroup::Modp768: return BN_get_rfc2409_prime_768(bn);
    case KeGroup::Modp1024: return BN_get_rfc2409_prime_1024(bn);
    case KeGroup::Modp1536: return BN_get_rfc3526_prime_1536(bn);
    case KeGroup::Modp2048: return BN_get_rfc3526_prime_2048(bn);
    case KeGroup::Modp3072: return BN_get_rfc3526_prime_3072(bn);
    case KeGroup::Modp4096: return BN_get_rfc3526_prime_4096(bn);
    default: return nullptr;
  }
}

class ModpKey final : public KexKey {
 public:
  ModpKey(BnPtr p, BnPtr x, size_t size) : p_(std::move(p)), x_(std::move(x)), size_(size) {}
  Status init() {
    BnCtxPtr ctx(BN_CTX_new(), &BN_CTX_free);
    BnPtr g = new_bn(), y = new_bn();
    if (!ctx || !g || !y || BN_set_word(g.get(), 2) != 1) return make_error("MODP: allocation failed");
    if (BN_mod_exp_mont_consttime(y.get(), g.get(), x_.get(), p_.get(), ctx.get(), nullptr) != 1) {
      return make_error("MODP: exponentiation failed");
    }
    public_.resize(size_);
    if (!bn_to_fixed(y.get(), size_, public_)) return make_error("MODP: encoding failed");
    return {};
  }
  const Bytes& public_value() const override { return public_; }
  Result<SecretBytes> derive(std::span<const uint8_t> peer) const override {
    if (peer.size() != size_) {
      return make_error("KE data is " + std::to_string(peer.size()) + " bytes, group needs " + std::to_string(size_));
    }
    BnCtxPtr ctx(BN_CTX_new(), &BN_CTX_free);
    BnPtr y = new_bn(), pm1 = new_bn(), z = new_bn();
    if (!ctx || !y || !pm1 || !z) return make_error("MODP: allocation failed");
    if (BN_bin2bn(peer.data(), static_cast<int>(peer.size()), y.get()) == nullptr || !BN_copy(pm1.get(), p_.get()) ||
        BN_sub_word(pm1.get(), 1) != 1) {
      return make_error("MODP: decoding failed");
    }
    // RFC 6989 §2.1: 1 < y < p-1 (for these safe primes that excludes the order-1 and order-2 elements).
    if (BN_cmp(y.get(), BN_value_one()) <= 0 || BN_cmp(y.get(), pm1.get()) >= 0) {
      return make_error("KE public value out of range (RFC 6989: need 1 < y < p-1)");
    }
    if (BN_mod_exp_mont_consttime(z.get(), y.get(), x_.get(), p_.get(), ctx.get(), nullptr) != 1) {
      return make_error("MODP: exponentiation failed");
    }
    SecretBytes out(size_);
    if (!bn_to_fixed(z.get(), size_, out.mut_view())) return make_error("MODP: encoding failed");
    return out;
  }

 private:
  BnPtr p_, x_;
  size_t size_;
  Bytes public_;
};

Result<std::unique_ptr<KexKey>> make_modp(KeGroup g, const PrivateSource& source) {
  BnPtr p = new_bn();
  if (!p || modp_prime(g, p.get()) == nullptr) return make_error("MODP: unknown group");
  const size_t size = static_cast<size_t>(BN_num_bytes(p.get()));
  // A 512-bit exponent is more than twice the strength of the largest group offered (RFC 3526 §8).
  SecretBytes raw(64);
  BnPtr x = new_bn();
  for (int i = 0; i < kMaxScalarTries; ++i) {
    source(raw.mut_view());
    if (BN_bin2bn(raw.data(), static_cast<int>(raw.size()), x.get()) == nullptr) return make_error("MODP: bad key");
    if (BN_cmp(x.get(), BN_value_one()) > 0) break;
    if (i + 1 == kMaxScalarTries) return make_error("MODP: random source gave no usable exponent");
  }
  auto key = std::make_unique<ModpKey>(std::move(p), std::move(x), size);
  if (auto s = key->init(); !s) return s.error();
  return std::unique_ptr<KexKey>(std::move(key));
}

// ---- ECP (RFC 5903): KE data and shared secret are fixed-length big-endian x || y and x ----
int ecp_nid(KeGroup g) {
  switch (g) {
    case KeGroup::Ecp256: return NID_X9_62_prime256v1;
    case KeGroup::Ecp384: return NID_secp384r1;
    case KeGroup::Ecp521: return NID_secp521r1;
    default: return NID_undef;
  }
}
size_t ecp_field_size(KeGroup g) {
  switch (g) {
    case KeGroup::Ecp256: return 32;
    case KeGroup::Ecp384: return 48;
    case KeGroup::Ecp521: return 66;
    default: return 0;
  }
}

class EcpKey final : public KexKey {
 public:
  EcpKey(GroupPtr group, BnPtr d, size_t field) : group_(std::move(group)), d_(std::move(d)), field_(field) {}
  Status init() {
    BnCtxPtr ctx(BN_CTX_new(), &BN_CTX_free);
    PointPtr q(EC_POINT_new(group_.get()), &EC_POINT_clear_free);
    if (!ctx || !q || EC_POINT_mul(group_.get(), q.get(), d_.get(), nullptr, nullptr, ctx.get()) != 1) {
      return make_error("ECP: scalar multiplication failed");
    }
    return encode_xy(q.get(), ctx.get());
  }
  const Bytes& public_value() const override { return public_; }
  Result<SecretBytes> derive(std::span<const uint8_t> peer) const override;

 private:
  Status encode_xy(const EC_POINT* q, BN_CTX* ctx) {
    BnPtr x = new_bn(), y = new_bn();
    if (!x || !y || EC_POINT_get_affine_coordinates(group_.get(), q, x.get(), y.get(), ctx) != 1) {
      return make_error("ECP: bad point");
    }
    public_.resize(2 * field_);
    if (!bn_to_fixed(x.get(), field_, std::span(public_).first(field_)) ||
        !bn_to_fixed(y.get(), field_, std::span(public_).subspan(field_))) {
      return make_error("ECP: encoding failed");
    }
    return {};
  }
  GroupPtr group_;
  BnPtr d_;
  size_t field_;
  Bytes public_;
};

Result<SecretBytes> EcpKey::derive(std::span<const uint8_t> peer) const {
  if (peer.size() != 2 * field_) {
    return make_error("KE data is " + std::to_string(peer.size()) + " bytes, group needs " + std::to_string(2 * field_));
  }
  BnCtxPtr ctx(BN_CTX_new(), &BN_CTX_free);
  BnPtr x = new_bn(), y = new_bn(), p = new_bn(), zx = new_bn();
  PointPtr q(EC_POINT_new(group_.get()), &EC_POINT_clear_free);
  PointPtr z(EC_POINT_new(group_.get()), &EC_POINT_clear_free);
  if (!ctx || !x || !y || !p || !zx || !q || !z) return make_error("ECP: allocation failed");
  if (EC_GROUP_get_curve(group_.get(), p.get(), nullptr, nullptr, ctx.get()) != 1 ||
      BN_bin2bn(peer.data(), static_cast<int>(field_), x.get()) == nullptr ||
      BN_bin2bn(peer.data() + field_, static_cast<int>(field_), y.get()) == nullptr) {
    return make_error("ECP: decoding failed");
  }
  // RFC 6989 §2.3 / RFC 5903: coordinates in [0, p) and the point on the curve (never infinity).
  if (BN_cmp(x.get(), p.get()) >= 0 || BN_cmp(y.get(), p.get()) >= 0) {
    return make_error("KE public value has a coordinate >= p");
  }
  if (EC_POINT_set_affine_coordinates(group_.get(), q.get(), x.get(), y.get(), ctx.get()) != 1 ||
      EC_POINT_is_on_curve(group_.get(), q.get(), ctx.get()) != 1 || EC_POINT_is_at_infinity(group_.get(), q.get())) {
    return make_error("KE public value is not a point on the curve (RFC 6989)");
  }
  if (EC_POINT_mul(group_.get(), z.get(), nullptr, q.get(), d_.get(), ctx.get()) != 1 ||
      EC_POINT_is_at_infinity(group_.get(), z.get()) ||
      EC_POINT_get_affine_coordinates(group_.get(), z.get(), zx.get(), nullptr, ctx.get()) != 1) {
    return make_error("ECP: shared point is invalid");
  }
  SecretBytes out(field_);
  if (!bn_to_fixed(zx.get(), field_, out.mut_view())) return make_error("ECP: encoding failed");
  return out;
}

Result<std::unique_ptr<KexKey>> make_ecp(KeGroup g, const PrivateSource& source) {
  GroupPtr group(EC_GROUP_new_by_curve_name(ecp_nid(g)), &EC_GROUP_free);
  if (!group) return make_error("ECP: unknown curve");
  const BIGNUM* order = EC_GROUP_get0_order(group.get());
  const int order_bits = BN_num_bits(order);
  SecretBytes raw(static_cast<size_t>((order_bits + 7) / 8));
  BnPtr d = new_bn();
  // Rejection sampling: take order_bits random bits until 0 < d < n.
  for (int i = 0;; ++i) {
    if (i == kMaxScalarTries) return make_error("ECP: random source gave no usable scalar");
    source(raw.mut_view());
    if (order_bits % 8 != 0) raw.data()[0] &= static_cast<uint8_t>(0xff >> (8 - order_bits % 8));
    if (BN_bin2bn(raw.data(), static_cast<int>(raw.size()), d.get()) == nullptr) return make_error("ECP: bad key");
    if (!BN_is_zero(d.get()) && BN_cmp(d.get(), order) < 0) break;
  }
  auto key = std::make_unique<EcpKey>(std::move(group), std::move(d), ecp_field_size(g));
  if (auto s = key->init(); !s) return s.error();
  return std::unique_ptr<KexKey>(std::move(key));
}

// ---- X25519 / X448 (RFC 7748, RFC 8031) ----
class XdhKey final : public KexKey {
 public:
  XdhKey(PkeyPtr key, int type, size_t size) : key_(std::move(key)), type_(type), size_(size) {}
  Status init() {
    public_.resize(size_);
    size_t len = size_;
    if (EVP_PKEY_get_raw_public_key(key_.get(), public_.data(), &len) != 1 || len != size_) {
      return make_error("XDH: public key failed");
    }
    return {};
  }
  const Bytes& public_value() const override { return public_; }
  Result<SecretBytes> derive(std::span<const uint8_t> peer) const override {
    if (peer.size() != size_) {
      return make_error("KE data is " + std::to_string(peer.size()) + " bytes, group needs " + std::to_string(size_));
    }
    PkeyPtr pk(EVP_PKEY_new_raw_public_key(type_, nullptr, peer.data(), peer.size()), &EVP_PKEY_free);
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key_.get(), nullptr), &EVP_PKEY_CTX_free);
    if (!pk || !ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer(ctx.get(), pk.get()) != 1) {
      return make_error("XDH: bad peer public value");
    }
    SecretBytes out(size_);
    size_t len = size_;
    // OpenSSL refuses an all-zero result (a low-order peer point); check again ourselves (RFC 7748 §6).
    if (EVP_PKEY_derive(ctx.get(), out.data(), &len) != 1 || len != size_) {
      return make_error("KE public value is a low-order point (all-zero shared secret, RFC 7748 §6)");
    }
    const Bytes zero(size_, 0);
    if (out.equals(zero)) return make_error("KE public value is a low-order point (all-zero shared secret)");
    return out;
  }

 private:
  PkeyPtr key_;
  int type_;
  size_t size_;
  Bytes public_;
};

Result<std::unique_ptr<KexKey>> make_xdh(KeGroup g, const PrivateSource& source) {
  const bool x25519 = g == KeGroup::Curve25519;
  const int type = x25519 ? EVP_PKEY_X25519 : EVP_PKEY_X448;
  const size_t size = x25519 ? 32 : 56;
  SecretBytes raw(size);
  source(raw.mut_view());  // clamping is done by OpenSSL (RFC 7748 §5)
  PkeyPtr key(EVP_PKEY_new_raw_private_key(type, nullptr, raw.data(), raw.size()), &EVP_PKEY_free);
  if (!key) return make_error("XDH: private key rejected");
  auto k = std::make_unique<XdhKey>(std::move(key), type, size);
  if (auto s = k->init(); !s) return s.error();
  return std::unique_ptr<KexKey>(std::move(k));
}

}  // namespace

size_t kex_public_size(KeGroup g) {
  switch (g) {
    case KeGroup::Modp768: return 96;
    case KeGroup::Modp1024: return 128;
    case KeGroup::Modp1536: return 192;
    case KeGroup::Modp2048: return 256;
    case KeGroup::Modp3072: return 384;
    case KeGroup::Modp4096: return 512;
    case KeGroup::Ecp256: return 64;
    case KeGroup::Ecp384: return 96;
    case KeGroup::Ecp521: return 132;
    case KeGroup::Curve25519: return 32;
    case KeGroup::Curve448: return 56;
    default: return 0;
  }
}

Result<std::unique_ptr<KexKey>> make_kex_key(KeGroup g, const PrivateSource& source) {
  switch (g) {
    case KeGroup::Modp768:
    case KeGroup::Modp1024:
    case KeGroup::Modp1536:
    case KeGroup::Modp2048:
    case KeGroup::Modp3072:
    case KeGroup::Modp4096: return make_modp(g, source);
    case KeGroup::Ecp256:
    case KeGroup::Ecp384:
    case KeGroup::Ecp521: return make_ecp(g, source);
    case KeGroup::Curve25519:
    case KeGroup::Curve448: return make_xdh(g, source);
    default: return make_error("unsupported key exchange group " + std::to_string(static_cast<unsigned>(g)));
  }
}

}  // namespace ravelin::ike::crypto::ossl
