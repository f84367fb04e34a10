#pragma once
// The SK payload transform (RFC 7296 §3.14): AES-CBC + HMAC, or an AEAD (AES-GCM RFC 5282,
// ChaCha20-Poly1305 RFC 7634). Used by ike/wire/sk.hpp; also sizes child SA keys.
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "ike/crypto/prf.hpp"
#include "ike/crypto/secret_bytes.hpp"
#include "ike/wire/constants.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {

using wire::EncrId;

class SkCipher {
 public:
  virtual ~SkCipher() = default;
  [[nodiscard]] virtual EncrId id() const = 0;
  [[nodiscard]] virtual uint16_t key_bits() const = 0;  // 128/192/256 (256 for ChaCha20)
  [[nodiscard]] virtual bool is_aead() const = 0;
  // SK_e length: cipher key plus, for AEAD, the 4-byte salt (RFC 5282 §7.1, RFC 7634 §3).
  [[nodiscard]] virtual size_t encr_key_size() const = 0;
  // SK_a length; 0 for AEAD.
  [[nodiscard]] virtual size_t integ_key_size() const = 0;
  [[nodiscard]] virtual size_t iv_size() const = 0;     // 16 for CBC, 8 for GCM/ChaCha20
  [[nodiscard]] virtual size_t block_size() const = 0;  // padding alignment: 16 for CBC, 1 for AEAD
  [[nodiscard]] virtual size_t icv_size() const = 0;    // HMAC truncation or the 16-byte tag

  // Encrypts the SK plaintext. `aad` = everything of the message before the IV (IKE header and
  // SK payload header), whose lengths must already cover the result: the caller computes
  // sealed_size(). Padding (§3.14) is added here. Returns IV || ciphertext || ICV.
  [[nodiscard]] virtual Result<Bytes> seal(std::span<const uint8_t> aad, std::span<const uint8_t> plaintext,
                                           std::span<const uint8_t> iv, const SecretBytes& encr_key,
                                           const SecretBytes& integ_key) const = 0;
  // Verifies (constant-time) and decrypts IV || ciphertext || ICV; strips padding. Errors are
  // "integrity" (counter IntegrityFailed) or "decrypt" (DecryptFailed) prefixed messages.
  [[nodiscard]] virtual Result<SecretBytes> open(std::span<const uint8_t> aad, std::span<const uint8_t> body,
                                                 const SecretBytes& encr_key, const SecretBytes& integ_key) const = 0;
  // Size of IV || ciphertext || ICV for a plaintext of `plaintext_size` bytes.
  [[nodiscard]] size_t sealed_size(size_t plaintext_size) const;
};

// `key_bits` is the Key Length attribute (required for AES; ignored/256 for ChaCha20). `integ` must
// be set for CBC and absent (or IntegId::None) for AEAD.
[[nodiscard]] Result<std::unique_ptr<SkCipher>> make_sk_cipher(EncrId encr, uint16_t key_bits,
                                                               std::optional<IntegId> integ);

// Key sizes for a transform without building it (child SAs, where the kernel does the crypto).
// Encryption key size includes the AEAD salt. Error for unsupported combinations.
[[nodiscard]] Result<size_t> encr_key_size(EncrId encr, uint16_t key_bits);
[[nodiscard]] Result<size_t> integ_key_size(IntegId integ);
[[nodiscard]] bool is_aead(EncrId encr);
[[nodiscard]] std::string_view encr_name(EncrId id);  // "ENCR_AES_CBC", "ENCR_AES_GCM_16"

}  // namespace ravelin::ike::crypto
