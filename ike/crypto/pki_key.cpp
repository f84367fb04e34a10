// RSA/EC keys over OpenSSL 3 EVP_PKEY (see pki_key.hpp).
#include "ike/crypto/pki_key.hpp"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "ike/crypto/pki_ossl.hpp"

namespace ravelin::ike::crypto {

namespace pki_detail {

BioPtr mem_bio(const void* data, size_t size) {
  return BioPtr(BIO_new_mem_buf(data, static_cast<int>(size)), &BIO_free);
}

std::string bio_text(BIO* bio) {
  char* p = nullptr;
  const long n = BIO_get_mem_data(bio, &p);
  return n > 0 && p ? std::string(p, static_cast<size_t>(n)) : std::string();
}

std::string last_error(const std::string& fallback) {
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return fallback;
  const char* reason = ERR_reason_error_string(e);
  return reason ? fallback + " (" + reason + ")" : fallback;
}

}  // namespace pki_detail

namespace {

using pki_detail::last_error;

std::shared_ptr<const PkeyHandle> wrap(EVP_PKEY* raw) {
  auto h = std::make_shared<PkeyHandle>();
  h->pkey.reset(raw);
  return h;
}

KeyType key_type(const EVP_PKEY* k) { return EVP_PKEY_is_a(k, "EC") ? KeyType::Ec : KeyType::Rsa; }

std::string curve_of(const EVP_PKEY* k) {
  if (!EVP_PKEY_is_a(k, "EC")) return {};
  char name[64] = {};
  size_t len = 0;
  if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &len) != 1) return {};
  const std::string n(name, len);
  if (n == "prime256v1" || n == "P-256") return "P-256";
  if (n == "secp384r1" || n == "P-384") return "P-384";
  if (n == "secp521r1" || n == "P-521") return "P-521";
  return n;
}

// Only the key types IKE AUTH methods 1, 9-11 and 14 can use.
Status usable(const EVP_PKEY* k) {
  if (EVP_PKEY_is_a(k, "RSA") || EVP_PKEY_is_a(k, "RSA-PSS")) return {};
  if (EVP_PKEY_is_a(k, "EC")) {
    const std::string c = curve_of(k);
    if (c == "P-256" || c == "P-384" || c == "P-521") return {};
    return make_error("unsupported EC curve " + c);
  }
  return make_error("unsupported key type (RSA and EC P-256/P-384/P-521 only)");
}

Result<std::shared_ptr<const PkeyHandle>> checked(EVP_PKEY* raw, const char* what) {
  if (raw == nullptr) return make_error(last_error(what));
  auto h = wrap(raw);
  if (auto s = usable(h->pkey.get()); !s) return s.error();
  return h;
}

}  // namespace

Result<PublicKey> PublicKey::from_spki_der(std::span<const uint8_t> der) {
  const unsigned char* p = der.data();
  auto h = checked(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())), "not a DER public key");
  if (!h) return h.error();
  return PublicKey(*h);
}

KeyType PublicKey::type() const { return key_type(h_->pkey.get()); }
int PublicKey::bits() const { return EVP_PKEY_get_bits(h_->pkey.get()); }
std::string PublicKey::curve() const { return curve_of(h_->pkey.get()); }

Bytes PublicKey::spki_der() const {
  unsigned char* out = nullptr;
  const int n = i2d_PUBKEY(h_->pkey.get(), &out);
  if (n <= 0) return {};
  std::unique_ptr<unsigned char, void (*)(unsigned char*)> own(out, [](unsigned char* x) { OPENSSL_free(x); });
  return Bytes(out, out + n);
}

std::string PublicKey::pem() const {
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), h_->pkey.get()) != 1) return {};
  return pki_detail::bio_text(bio.get());
}

bool PublicKey::same_key(const PublicKey& other) const {
  return EVP_PKEY_eq(h_->pkey.get(), other.h_->pkey.get()) == 1;
}

Result<PrivateKey> PrivateKey::generate_rsa(int bits) {
  if (bits < 1024 || bits > 8192) return make_error("RSA modulus must be 1024..8192 bits");
  auto h = checked(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)), "RSA key generation failed");
  if (!h) return h.error();
  return PrivateKey(*h);
}

Result<PrivateKey> PrivateKey::generate_ec(int bits) {
  const char* curve = bits == 256 ? "P-256" : bits == 384 ? "P-384" : bits == 521 ? "P-521" : nullptr;
  if (curve == nullptr) return make_error("EC key size must be 256, 384 or 521");
  auto h = checked(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve), "EC key generation failed");
  if (!h) return h.error();
  return PrivateKey(*h);
}

Result<PrivateKey> PrivateKey::from_pem(std::string_view pem) {
  auto bio = pki_detail::mem_bio(pem.data(), pem.size());
  if (!bio) return make_error("out of memory");
  // A null password callback that refuses: an encrypted key fails instead of prompting on stdin.
  auto no_pass = [](char*, int, int, void*) -> int { return -1; };
  auto h = checked(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_pass, nullptr), "not a PEM private key");
  if (!h) return h.error();
  return PrivateKey(*h);
}

Result<PrivateKey> PrivateKey::from_der(std::span<const uint8_t> der) {
  const unsigned char* p = der.data();
  auto h = checked(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size())), "not a DER private key");
  if (!h) return h.error();
  return PrivateKey(*h);
}

KeyType PrivateKey::type() const { return key_type(h_->pkey.get()); }
int PrivateKey::bits() const { return EVP_PKEY_get_bits(h_->pkey.get()); }
std::string PrivateKey::curve() const { return curve_of(h_->pkey.get()); }

PublicKey PrivateKey::public_key() const {
  // The EVP_PKEY holds both halves; verification only ever uses the public part.
  return PublicKey(h_);
}

SecretBytes PrivateKey::pem() const {
  BioPtr bio(BIO_new(BIO_s_secmem()), &BIO_free);
  if (!bio) bio.reset(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PKCS8PrivateKey(bio.get(), h_->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return {};
  }
  char* p = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &p);
  if (n <= 0 || !p) return {};
  SecretBytes out(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(p), static_cast<size_t>(n)));
  return out;
}

}  // namespace ravelin::ike::crypto
