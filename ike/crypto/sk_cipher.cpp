#include "ike/crypto/sk_cipher.hpp"

#include <algorithm>
#include <string>

#include "ike/crypto/openssl_evp.hpp"

namespace ravelin::ike::crypto {
namespace {

constexpr size_t kAeadSalt = 4;  // RFC 5282 §7.1, RFC 7634 §2
constexpr size_t kAeadIv = 8;
constexpr size_t kAeadTag = 16;

Error integrity_error(std::string what) { return make_error("integrity: " + what); }
Error decrypt_error(std::string what) { return make_error("decrypt: " + what); }

// Strips "IKE payloads | Padding | Pad Length" (§3.14); the pad length must fit in what we decrypted.
Result<SecretBytes> strip_padding(SecretBytes plain) {
  if (plain.empty()) return decrypt_error("empty plaintext");
  const size_t pad = plain.data()[plain.size() - 1];
  if (pad + 1 > plain.size()) return decrypt_error("pad length " + std::to_string(pad) + " exceeds the plaintext");
  return plain.slice(0, plain.size() - pad - 1);
}

// The padded plaintext: payloads, zero padding up to the block size, pad length byte.
SecretBytes pad_plaintext(std::span<const uint8_t> plaintext, size_t block) {
  const size_t pad = (block - (plaintext.size() + 1) % block) % block;
  SecretBytes out(plaintext.size() + pad + 1);
  std::copy(plaintext.begin(), plaintext.end(), out.data());
  out.data()[out.size() - 1] = static_cast<uint8_t>(pad);
  return out;
}

class CbcHmac final : public SkCipher {
 public:
  CbcHmac(uint16_t bits, std::unique_ptr<Integrity> integ) : bits_(bits), integ_(std::move(integ)) {}
  EncrId id() const override { return EncrId::AesCbc; }
  uint16_t key_bits() const override { return bits_; }
  bool is_aead() const override { return false; }
  size_t encr_key_size() const override { return bits_ / 8; }
  size_t integ_key_size() const override { return integ_->key_size(); }
  size_t iv_size() const override { return 16; }
  size_t block_size() const override { return 16; }
  size_t icv_size() const override { return integ_->icv_size(); }

  Result<Bytes> seal(std::span<const uint8_t> aad, std::span<const uint8_t> plaintext, std::span<const uint8_t> iv,
                     const SecretBytes& ek, const SecretBytes& ik) const override {
    if (iv.size() != 16 || ek.size() != encr_key_size() || ik.size() != integ_key_size()) {
      return make_error("SK seal: wrong IV or key length");
    }
    const SecretBytes padded = pad_plaintext(plaintext, 16);
    Bytes out(aad.begin(), aad.end());
    out.insert(out.end(), iv.begin(), iv.end());
    const size_t ct_at = out.size();
    out.resize(ct_at + padded.size());
    if (!ossl::aes_cbc(true, ek.view(), iv, padded.view(), std::span(out).subspan(ct_at))) {
      return make_error("SK seal: AES-CBC failed");
    }
    // ICV over everything from the IKE header to the end of the ciphertext (§3.14).
    const Bytes icv = integ_->compute(ik.view(), out);
    if (icv.size() != icv_size()) return make_error("SK seal: integrity failed");
    out.insert(out.end(), icv.begin(), icv.end());
    return Bytes(out.begin() + static_cast<std::ptrdiff_t>(aad.size()), out.end());
  }

  Result<SecretBytes> open(std::span<const uint8_t> aad, std::span<const uint8_t> body, const SecretBytes& ek,
                           const SecretBytes& ik) const override {
    if (ek.size() != encr_key_size() || ik.size() != integ_key_size()) return make_error("SK open: wrong key length");
    if (body.size() < 16 + 16 + icv_size()) return decrypt_error("SK body shorter than IV + one block + ICV");
    const size_t ct_len = body.size() - 16 - icv_size();
    if (ct_len % 16 != 0) return decrypt_error("ciphertext is not a whole number of AES blocks");
    Bytes signed_part(aad.begin(), aad.end());
    signed_part.insert(signed_part.end(), body.begin(), body.end() - static_cast<std::ptrdiff_t>(icv_size()));
    // Integrity first, in constant time, before a single byte is decrypted (§2.21.2 / anchors §6).
    if (!integ_->verify(ik.view(), signed_part, body.subspan(body.size() - icv_size()))) {
      return integrity_error("ICV does not verify");
    }
    SecretBytes plain(ct_len);
    if (!ossl::aes_cbc(false, ek.view(), body.first(16), body.subspan(16, ct_len), plain.mut_view())) {
      return decrypt_error("AES-CBC failed");
    }
    return strip_padding(std::move(plain));
  }

 private:
  uint16_t bits_;
  std::unique_ptr<Integrity> integ_;
};

class AeadCipher final : public SkCipher {
 public:
  AeadCipher(EncrId id, uint16_t bits) : id_(id), bits_(bits) {}
  EncrId id() const override { return id_; }
  uint16_t key_bits() const override { return bits_; }
  bool is_aead() const override { return true; }
  size_t encr_key_size() const override { return bits_ / 8 + kAeadSalt; }
  size_t integ_key_size() const override { return 0; }
  size_t iv_size() const override { return kAeadIv; }
  size_t block_size() const override { return 1; }
  size_t icv_size() const override { return kAeadTag; }

  Result<Bytes> seal(std::span<const uint8_t> aad, std::span<const uint8_t> plaintext, std::span<const uint8_t> iv,
                     const SecretBytes& ek, const SecretBytes&) const override {
    if (iv.size() != kAeadIv || ek.size() != encr_key_size()) return make_error("SK seal: wrong IV or key length");
    const SecretBytes padded = pad_plaintext(plaintext, 1);
    Bytes out(iv.begin(), iv.end());
    out.resize(kAeadIv + padded.size() + kAeadTag);
    const Bytes nonce = make_nonce(ek, iv);
    if (!ossl::aead_seal(kind(), key(ek), nonce, aad, padded.view(), std::span(out).subspan(kAeadIv, padded.size()),
                         std::span(out).subspan(kAeadIv + padded.size()))) {
      return make_error("SK seal: AEAD failed");
    }
    return out;
  }

  Result<SecretBytes> open(std::span<const uint8_t> aad, std::span<const uint8_t> body, const SecretBytes& ek,
                           const SecretBytes&) const override {
    if (ek.size() != encr_key_size()) return make_error("SK open: wrong key length");
    if (body.size() < kAeadIv + 1 + kAeadTag) return decrypt_error("SK body shorter than IV + pad length + tag");
    const size_t ct_len = body.size() - kAeadIv - kAeadTag;
    const Bytes nonce = make_nonce(ek, body.first(kAeadIv));
    SecretBytes plain(ct_len);
    if (!ossl::aead_open(kind(), key(ek), nonce, aad, body.subspan(kAeadIv, ct_len), body.last(kAeadTag),
                         plain.mut_view())) {
      return integrity_error("AEAD tag does not verify");
    }
    return strip_padding(std::move(plain));
  }

 private:
  ossl::Aead kind() const { return id_ == EncrId::ChaCha20Poly1305 ? ossl::Aead::ChaCha20Poly1305 : ossl::Aead::AesGcm; }
  std::span<const uint8_t> key(const SecretBytes& ek) const { return ek.view().first(bits_ / 8); }
  // nonce = salt (last 4 bytes of SK_e) || IV (RFC 5282 §4, RFC 7634 §2).
  Bytes make_nonce(const SecretBytes& ek, std::span<const uint8_t> iv) const {
    Bytes n(ek.view().begin() + bits_ / 8, ek.view().end());
    n.insert(n.end(), iv.begin(), iv.end());
    return n;
  }
  EncrId id_;
  uint16_t bits_;
};

bool valid_aes_bits(uint16_t bits) { return bits == 128 || bits == 192 || bits == 256; }

}  // namespace

size_t SkCipher::sealed_size(size_t plaintext_size) const {
  const size_t b = block_size();
  const size_t padded = plaintext_size + 1 + (b - (plaintext_size + 1) % b) % b;
  return iv_size() + padded + icv_size();
}

bool is_aead(EncrId encr) {
  return encr == EncrId::AesGcm16 || encr == EncrId::AesGcm12 || encr == EncrId::AesGcm8 ||
         encr == EncrId::ChaCha20Poly1305;
}

Result<size_t> encr_key_size(EncrId encr, uint16_t key_bits) {
  switch (encr) {
    case EncrId::AesCbc:
      if (!valid_aes_bits(key_bits)) return make_error("AES-CBC needs a key length of 128, 192 or 256");
      return static_cast<size_t>(key_bits / 8);
    case EncrId::AesGcm8:
    case EncrId::AesGcm12:
    case EncrId::AesGcm16:
      if (!valid_aes_bits(key_bits)) return make_error("AES-GCM needs a key length of 128, 192 or 256");
      return static_cast<size_t>(key_bits / 8) + kAeadSalt;
    case EncrId::ChaCha20Poly1305: return size_t{32 + kAeadSalt};
    case EncrId::Null: return size_t{0};
  }
  return make_error("unsupported encryption algorithm " + std::to_string(static_cast<unsigned>(encr)));
}

Result<size_t> integ_key_size(IntegId integ) {
  if (integ == IntegId::None) return size_t{0};
  auto i = make_integrity(integ);
  if (!i) return i.error();
  return (*i)->key_size();
}

Result<std::unique_ptr<SkCipher>> make_sk_cipher(EncrId encr, uint16_t key_bits, std::optional<IntegId> integ) {
  const bool has_integ = integ.has_value() && *integ != IntegId::None;
  if (encr == EncrId::AesCbc) {
    if (!valid_aes_bits(key_bits)) return make_error("AES-CBC needs a key length of 128, 192 or 256");
    if (!has_integ) return make_error("AES-CBC needs an integrity algorithm");
    auto i = make_integrity(*integ);
    if (!i) return i.error();
    return std::unique_ptr<SkCipher>(std::make_unique<CbcHmac>(key_bits, std::move(*i)));
  }
  if (encr == EncrId::AesGcm16 || encr == EncrId::ChaCha20Poly1305) {
    if (has_integ) return make_error("an AEAD cipher takes no integrity algorithm (RFC 7296 §3.3.3)");
    const uint16_t bits = encr == EncrId::ChaCha20Poly1305 ? 256 : key_bits;
    if (encr == EncrId::AesGcm16 && !valid_aes_bits(bits)) return make_error("AES-GCM needs 128, 192 or 256");
    return std::unique_ptr<SkCipher>(std::make_unique<AeadCipher>(encr, bits));
  }
  return make_error("unsupported SK encryption algorithm " + std::to_string(static_cast<unsigned>(encr)));
}

std::string_view encr_name(EncrId id) {
  switch (id) {
    case EncrId::Null: return "ENCR_NULL";
    case EncrId::AesCbc: return "ENCR_AES_CBC";
    case EncrId::AesGcm8: return "ENCR_AES_GCM_8";
    case EncrId::AesGcm12: return "ENCR_AES_GCM_12";
    case EncrId::AesGcm16: return "ENCR_AES_GCM_16";
    case EncrId::ChaCha20Poly1305: return "ENCR_CHACHA20_POLY1305";
  }
  return "ENCR_UNKNOWN";
}

}  // namespace ravelin::ike::crypto
