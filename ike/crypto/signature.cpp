// Signature primitives over OpenSSL 3 EVP_DigestSign/Verify (see signature.hpp).
#include "ike/crypto/signature.hpp"

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "ike/crypto/pki_ossl.hpp"

namespace ravelin::ike::crypto {

namespace {

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)>;
using BnPtr = std::unique_ptr<BIGNUM, decltype(&BN_free)>;

const char* md_name(SigHash h) {
  switch (h) {
    case SigHash::Sha1: return "SHA1";
    case SigHash::Sha256: return "SHA256";
    case SigHash::Sha384: return "SHA384";
    case SigHash::Sha512: return "SHA512";
  }
  return "SHA256";
}

Status key_fits(const EVP_PKEY* k, SigScheme s) {
  const bool ec = EVP_PKEY_is_a(k, "EC");
  if (s == SigScheme::Ecdsa && !ec) return make_error("ECDSA needs an EC key");
  if (s != SigScheme::Ecdsa && ec) return make_error("RSA signature needs an RSA key");
  return {};
}

// Sets up `ctx` for signing or verifying with `alg`.
Status init_ctx(EVP_MD_CTX* ctx, EVP_PKEY* k, SignatureAlgorithm alg, bool signing) {
  if (auto s = key_fits(k, alg.scheme); !s) return s;
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  const int rc = signing ? EVP_DigestSignInit_ex(ctx, &pctx, md_name(alg.hash), nullptr, nullptr, k, nullptr)
                         : EVP_DigestVerifyInit_ex(ctx, &pctx, md_name(alg.hash), nullptr, nullptr, k, nullptr);
  if (rc != 1) return make_error(pki_detail::last_error("signature setup failed"));
  if (alg.scheme == SigScheme::RsaPss) {
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, md_name(alg.hash), nullptr) != 1) {
      return make_error(pki_detail::last_error("RSASSA-PSS setup failed"));
    }
  } else if (alg.scheme == SigScheme::RsaPkcs1) {
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1) {
      return make_error(pki_detail::last_error("PKCS#1 setup failed"));
    }
  }
  return {};
}

size_t field_bytes(const EVP_PKEY* k) { return static_cast<size_t>((EVP_PKEY_get_bits(k) + 7) / 8); }

// DER Ecdsa-Sig-Value -> r||s, each left-padded to the field size (RFC 4754 §7).
Result<Bytes> der_to_raw(std::span<const uint8_t> der, size_t n) {
  const unsigned char* p = der.data();
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())), &ECDSA_SIG_free);
  if (!sig) return make_error("bad ECDSA signature encoding");
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(sig.get(), &r, &s);
  Bytes out(2 * n);
  if (BN_bn2binpad(r, out.data(), static_cast<int>(n)) < 0 || BN_bn2binpad(s, out.data() + n, static_cast<int>(n)) < 0) {
    return make_error("ECDSA value larger than the field");
  }
  return out;
}

Result<Bytes> raw_to_der(std::span<const uint8_t> raw, size_t n) {
  if (raw.size() != 2 * n) return make_error("ECDSA signature has " + std::to_string(raw.size()) +
                                             " octets, expected " + std::to_string(2 * n));
  EcdsaSigPtr sig(ECDSA_SIG_new(), &ECDSA_SIG_free);
  BnPtr r(BN_bin2bn(raw.data(), static_cast<int>(n), nullptr), &BN_free);
  BnPtr s(BN_bin2bn(raw.data() + n, static_cast<int>(n), nullptr), &BN_free);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) return make_error("out of memory");
  (void)r.release();  // now owned by sig
  (void)s.release();
  unsigned char* out = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &out);
  if (len <= 0) return make_error("cannot encode ECDSA signature");
  Bytes der(out, out + len);
  OPENSSL_free(out);
  return der;
}

}  // namespace

Result<Bytes> sign(const PrivateKey& key, SignatureAlgorithm alg, std::span<const uint8_t> data, EcdsaFormat ecdsa) {
  EVP_PKEY* k = key.handle().pkey.get();
  MdCtxPtr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx) return make_error("out of memory");
  if (auto s = init_ctx(ctx.get(), k, alg, true); !s) return s.error();
  size_t len = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, data.data(), data.size()) != 1) {
    return make_error(pki_detail::last_error("signing failed"));
  }
  Bytes sig(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, data.data(), data.size()) != 1) {
    return make_error(pki_detail::last_error("signing failed"));
  }
  sig.resize(len);
  if (alg.scheme == SigScheme::Ecdsa && ecdsa == EcdsaFormat::Raw) return der_to_raw(sig, field_bytes(k));
  return sig;
}

Status verify(const PublicKey& key, SignatureAlgorithm alg, std::span<const uint8_t> data,
              std::span<const uint8_t> signature, EcdsaFormat ecdsa) {
  EVP_PKEY* k = key.handle().pkey.get();
  Bytes der;
  if (alg.scheme == SigScheme::Ecdsa && ecdsa == EcdsaFormat::Raw && EVP_PKEY_is_a(k, "EC")) {
    auto d = raw_to_der(signature, field_bytes(k));
    if (!d) return d.error();
    der = std::move(*d);
    signature = der;
  }
  MdCtxPtr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx) return make_error("out of memory");
  if (auto s = init_ctx(ctx.get(), k, alg, false); !s) return s;
  const int rc = EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), data.data(), data.size());
  ERR_clear_error();
  if (rc != 1) return make_error("signature does not verify");
  return {};
}

}  // namespace ravelin::ike::crypto
