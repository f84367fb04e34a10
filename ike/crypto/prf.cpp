#include "ike/crypto/prf.hpp"

#include <string>

#include "ike/crypto/openssl_evp.hpp"

namespace ravelin::ike::crypto {
namespace {

class HmacPrf final : public Prf {
 public:
  HmacPrf(PrfId id, ossl::Digest d) : id_(id), digest_(d) {}
  PrfId id() const override { return id_; }
  size_t output_size() const override { return ossl::digest_size(digest_); }
  SecretBytes compute(std::span<const uint8_t> key, std::span<const uint8_t> data) const override {
    SecretBytes out(output_size());
    // HMAC with a valid digest only fails on allocation failure; an empty result then fails every
    // later comparison and key-length check instead of yielding a predictable key.
    if (!ossl::hmac(digest_, key, data, out.mut_view())) return SecretBytes();
    return out;
  }

 private:
  PrfId id_;
  ossl::Digest digest_;
};

class HmacIntegrity final : public Integrity {
 public:
  HmacIntegrity(IntegId id, ossl::Digest d, size_t icv) : id_(id), digest_(d), icv_(icv) {}
  IntegId id() const override { return id_; }
  // RFC 2404 / RFC 4868: the key is as long as the hash output.
  size_t key_size() const override { return ossl::digest_size(digest_); }
  size_t icv_size() const override { return icv_; }
  Bytes compute(std::span<const uint8_t> key, std::span<const uint8_t> data) const override {
    Bytes full(ossl::digest_size(digest_));
    if (!ossl::hmac(digest_, key, data, full)) return Bytes();
    full.resize(icv_);
    return full;
  }
  bool verify(std::span<const uint8_t> key, std::span<const uint8_t> data,
              std::span<const uint8_t> icv) const override {
    const Bytes expected = compute(key, data);
    return expected.size() == icv_ && constant_time_equal(expected, icv);
  }

 private:
  IntegId id_;
  ossl::Digest digest_;
  size_t icv_;
};

}  // namespace

Result<std::unique_ptr<Prf>> make_prf(PrfId id) {
  switch (id) {
    case PrfId::HmacSha1: return std::unique_ptr<Prf>(std::make_unique<HmacPrf>(id, ossl::Digest::Sha1));
    case PrfId::HmacSha2_256: return std::unique_ptr<Prf>(std::make_unique<HmacPrf>(id, ossl::Digest::Sha256));
    case PrfId::HmacSha2_384: return std::unique_ptr<Prf>(std::make_unique<HmacPrf>(id, ossl::Digest::Sha384));
    case PrfId::HmacSha2_512: return std::unique_ptr<Prf>(std::make_unique<HmacPrf>(id, ossl::Digest::Sha512));
    default: return make_error("unsupported PRF " + std::to_string(static_cast<unsigned>(id)));
  }
}

Result<std::unique_ptr<Integrity>> make_integrity(IntegId id) {
  auto make = [](IntegId i, ossl::Digest d, size_t icv) {
    return std::unique_ptr<Integrity>(std::make_unique<HmacIntegrity>(i, d, icv));
  };
  switch (id) {
    case IntegId::HmacSha1_96: return make(id, ossl::Digest::Sha1, 12);
    case IntegId::HmacSha2_256_128: return make(id, ossl::Digest::Sha256, 16);
    case IntegId::HmacSha2_384_192: return make(id, ossl::Digest::Sha384, 24);
    case IntegId::HmacSha2_512_256: return make(id, ossl::Digest::Sha512, 32);
    default: return make_error("unsupported integrity algorithm " + std::to_string(static_cast<unsigned>(id)));
  }
}

std::string_view prf_name(PrfId id) {
  switch (id) {
    case PrfId::HmacMd5: return "PRF_HMAC_MD5";
    case PrfId::HmacSha1: return "PRF_HMAC_SHA1";
    case PrfId::AesXcbc: return "PRF_AES128_XCBC";
    case PrfId::HmacSha2_256: return "PRF_HMAC_SHA2_256";
    case PrfId::HmacSha2_384: return "PRF_HMAC_SHA2_384";
    case PrfId::HmacSha2_512: return "PRF_HMAC_SHA2_512";
  }
  return "PRF_UNKNOWN";
}

std::string_view integ_name(IntegId id) {
  switch (id) {
    case IntegId::None: return "NONE";
    case IntegId::HmacMd5_96: return "AUTH_HMAC_MD5_96";
    case IntegId::HmacSha1_96: return "AUTH_HMAC_SHA1_96";
    case IntegId::AesXcbc96: return "AUTH_AES_XCBC_96";
    case IntegId::HmacSha2_256_128: return "AUTH_HMAC_SHA2_256_128";
    case IntegId::HmacSha2_384_192: return "AUTH_HMAC_SHA2_384_192";
    case IntegId::HmacSha2_512_256: return "AUTH_HMAC_SHA2_512_256";
  }
  return "AUTH_UNKNOWN";
}

}  // namespace ravelin::ike::crypto
