// The OpenSSL 3 EVP layer: hashes, HMAC, AES-CBC, AEAD, DRBG, cleanse. See openssl_evp.hpp.
#include "ike/crypto/openssl_evp.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <memory>

namespace ravelin::ike::crypto::ossl {
namespace {

const char* digest_name(Digest d) {
  switch (d) {
    case Digest::Sha1: return "SHA1";
    case Digest::Sha256: return "SHA256";
    case Digest::Sha384: return "SHA384";
    case Digest::Sha512: return "SHA512";
  }
  return "SHA256";
}

bool fits_int(size_t n) { return n <= static_cast<size_t>(INT_MAX); }

// Fetched once; the EVP_MAC, EVP_MD and EVP_CIPHER objects are immutable and shareable between
// threads. An implicit fetch (a digest *name* in EVP_MAC_init or EVP_Q_digest, a legacy EVP_aes_*()
// object in EVP_CipherInit_ex2) searches the provider store under a lock on every call: in the
// responder's profile (docs/BENCHMARKS.md) those lookups were a visible share of a handshake.
EVP_MAC* hmac_mac() {
  static const std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr),
                                                                      &EVP_MAC_free);
  return mac.get();
}

using MdPtr = std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)>;
using CipherPtr = std::unique_ptr<EVP_CIPHER, decltype(&EVP_CIPHER_free)>;
using MacCtx = std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)>;

const EVP_MD* fetched_md(Digest d) {
  static const std::array<MdPtr, 4> mds{
      MdPtr(EVP_MD_fetch(nullptr, "SHA1", nullptr), &EVP_MD_free),
      MdPtr(EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free),
      MdPtr(EVP_MD_fetch(nullptr, "SHA384", nullptr), &EVP_MD_free),
      MdPtr(EVP_MD_fetch(nullptr, "SHA512", nullptr), &EVP_MD_free),
  };
  switch (d) {
    case Digest::Sha1: return mds[0].get();
    case Digest::Sha256: return mds[1].get();
    case Digest::Sha384: return mds[2].get();
    case Digest::Sha512: return mds[3].get();
  }
  return nullptr;
}

// An HMAC context with its digest already resolved, keyed with the empty key (no secret in it): each
// hmac() call duplicates it and re-keys the copy, so the digest is never looked up by name again.
MacCtx make_hmac_template(Digest d) {
  MacCtx ctx(hmac_mac() ? EVP_MAC_CTX_new(hmac_mac()) : nullptr, &EVP_MAC_CTX_free);
  if (!ctx) return ctx;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest_name(d)), 0),
      OSSL_PARAM_construct_end(),
  };
  static const uint8_t kEmpty = 0;
  if (EVP_MAC_init(ctx.get(), &kEmpty, 0, params) != 1) ctx.reset();
  return ctx;
}

const EVP_MAC_CTX* hmac_template(Digest d) {
  static const std::array<MacCtx, 4> templates{make_hmac_template(Digest::Sha1), make_hmac_template(Digest::Sha256),
                                               make_hmac_template(Digest::Sha384), make_hmac_template(Digest::Sha512)};
  switch (d) {
    case Digest::Sha1: return templates[0].get();
    case Digest::Sha256: return templates[1].get();
    case Digest::Sha384: return templates[2].get();
    case Digest::Sha512: return templates[3].get();
  }
  return nullptr;
}

CipherPtr fetch_cipher(const char* name) { return CipherPtr(EVP_CIPHER_fetch(nullptr, name, nullptr), &EVP_CIPHER_free); }

const EVP_CIPHER* aes_cbc_cipher(size_t key_size) {
  static const std::array<CipherPtr, 3> cbc{fetch_cipher("AES-128-CBC"), fetch_cipher("AES-192-CBC"),
                                            fetch_cipher("AES-256-CBC")};
  switch (key_size) {
    case 16: return cbc[0].get();
    case 24: return cbc[1].get();
    case 32: return cbc[2].get();
    default: return nullptr;
  }
}

const EVP_CIPHER* aead_cipher(Aead a, size_t key_size) {
  static const std::array<CipherPtr, 4> aead{fetch_cipher("AES-128-GCM"), fetch_cipher("AES-192-GCM"),
                                             fetch_cipher("AES-256-GCM"), fetch_cipher("ChaCha20-Poly1305")};
  if (a == Aead::ChaCha20Poly1305) return key_size == 32 ? aead[3].get() : nullptr;
  switch (key_size) {
    case 16: return aead[0].get();
    case 24: return aead[1].get();
    case 32: return aead[2].get();
    default: return nullptr;
  }
}

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// Common AEAD setup: cipher, 12-byte nonce, key, AAD.
bool aead_init(EVP_CIPHER_CTX* ctx, bool encrypt, const EVP_CIPHER* cipher, std::span<const uint8_t> key,
               std::span<const uint8_t> nonce, std::span<const uint8_t> aad) {
  if (nonce.size() != 12 || !fits_int(aad.size())) return false;
  if (EVP_CipherInit_ex2(ctx, cipher, nullptr, nullptr, encrypt ? 1 : 0, nullptr) != 1) return false;
  if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, 12, nullptr) != 1) return false;
  if (EVP_CipherInit_ex2(ctx, nullptr, key.data(), nonce.data(), -1, nullptr) != 1) return false;
  int len = 0;
  if (!aad.empty() && EVP_CipherUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())) != 1) {
    return false;
  }
  return true;
}

}  // namespace

size_t digest_size(Digest d) {
  switch (d) {
    case Digest::Sha1: return 20;
    case Digest::Sha256: return 32;
    case Digest::Sha384: return 48;
    case Digest::Sha512: return 64;
  }
  return 0;
}

bool hmac(Digest d, std::span<const uint8_t> key, std::span<const uint8_t> data, std::span<uint8_t> out) {
  const EVP_MAC_CTX* tmpl = hmac_template(d);
  if (out.size() != digest_size(d) || tmpl == nullptr) return false;
  MacCtx ctx(EVP_MAC_CTX_dup(tmpl), &EVP_MAC_CTX_free);
  if (!ctx) return false;
  // An empty HMAC key is legal (RFC 2104); OpenSSL wants a non-null pointer for it.
  static const uint8_t kEmpty = 0;
  const uint8_t* k = key.empty() ? &kEmpty : key.data();
  if (EVP_MAC_init(ctx.get(), k, key.size(), nullptr) != 1) return false;
  if (EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1) return false;
  size_t out_len = 0;
  return EVP_MAC_final(ctx.get(), out.data(), &out_len, out.size()) == 1 && out_len == out.size();
}

bool digest(Digest d, std::span<const uint8_t> data, std::span<uint8_t> out) {
  const EVP_MD* md = fetched_md(d);
  if (out.size() != digest_size(d) || md == nullptr) return false;
  unsigned int len = 0;
  return EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) == 1 && len == out.size();
}

bool random_bytes(std::span<uint8_t> out) {
  if (out.empty()) return true;
  if (!fits_int(out.size())) return false;
  return RAND_bytes(out.data(), static_cast<int>(out.size())) == 1;
}

bool aes_cbc(bool encrypt, std::span<const uint8_t> key, std::span<const uint8_t> iv, std::span<const uint8_t> in,
             std::span<uint8_t> out) {
  const EVP_CIPHER* cipher = aes_cbc_cipher(key.size());
  if (cipher == nullptr || iv.size() != 16 || in.size() % 16 != 0 || out.size() != in.size() || !fits_int(in.size())) {
    return false;
  }
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx) return false;
  if (EVP_CipherInit_ex2(ctx.get(), cipher, key.data(), iv.data(), encrypt ? 1 : 0, nullptr) != 1) return false;
  if (EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1) return false;
  int len = 0;
  if (!in.empty() && EVP_CipherUpdate(ctx.get(), out.data(), &len, in.data(), static_cast<int>(in.size())) != 1) {
    return false;
  }
  int final_len = 0;
  return EVP_CipherFinal_ex(ctx.get(), out.data() + len, &final_len) == 1 &&
         static_cast<size_t>(len + final_len) == in.size();
}

bool aead_seal(Aead a, std::span<const uint8_t> key, std::span<const uint8_t> nonce, std::span<const uint8_t> aad,
               std::span<const uint8_t> in, std::span<uint8_t> out, std::span<uint8_t> tag) {
  const EVP_CIPHER* cipher = aead_cipher(a, key.size());
  if (cipher == nullptr || out.size() != in.size() || tag.size() != 16 || !fits_int(in.size())) return false;
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx || !aead_init(ctx.get(), true, cipher, key, nonce, aad)) return false;
  int len = 0;
  if (!in.empty() && EVP_CipherUpdate(ctx.get(), out.data(), &len, in.data(), static_cast<int>(in.size())) != 1) {
    return false;
  }
  int final_len = 0;
  if (EVP_CipherFinal_ex(ctx.get(), out.data() + len, &final_len) != 1) return false;
  if (static_cast<size_t>(len + final_len) != in.size()) return false;
  return EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, 16, tag.data()) == 1;
}

bool aead_open(Aead a, std::span<const uint8_t> key, std::span<const uint8_t> nonce, std::span<const uint8_t> aad,
               std::span<const uint8_t> in, std::span<const uint8_t> tag, std::span<uint8_t> out) {
  const EVP_CIPHER* cipher = aead_cipher(a, key.size());
  if (cipher == nullptr || out.size() != in.size() || tag.size() != 16 || !fits_int(in.size())) return false;
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  if (!ctx || !aead_init(ctx.get(), false, cipher, key, nonce, aad)) return false;
  int len = 0;
  if (!in.empty() && EVP_CipherUpdate(ctx.get(), out.data(), &len, in.data(), static_cast<int>(in.size())) != 1) {
    cleanse(out);
    return false;
  }
  if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, 16, const_cast<uint8_t*>(tag.data())) != 1) {
    cleanse(out);
    return false;
  }
  int final_len = 0;
  // The tag is checked here, in constant time, by OpenSSL.
  if (EVP_CipherFinal_ex(ctx.get(), out.data() + len, &final_len) != 1) {
    cleanse(out);
    return false;
  }
  return true;
}

void cleanse(std::span<uint8_t> bytes) {
  if (!bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
}

bool memeq(std::span<const uint8_t> a, std::span<const uint8_t> b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ravelin::ike::crypto::ossl
