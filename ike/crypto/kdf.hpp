#pragma once
// IKEv2 key derivation (RFC 7296 §2.13, §2.14, §2.17, §2.18).
#include <cstdint>
#include <optional>
#include <span>

#include "ike/crypto/prf.hpp"
#include "ike/crypto/secret_bytes.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {

// prf+ (K, S) = T1 | T2 | ..., T1 = prf(K, S | 0x01), Tn = prf(K, Tn-1 | S | n). §2.13 caps the
// counter at 255, so more than 255 * prf output bytes is an error.
[[nodiscard]] Result<SecretBytes> prf_plus(const Prf& prf, std::span<const uint8_t> key,
                                           std::span<const uint8_t> seed, size_t length);

// SKEYSEED = prf(Ni | Nr, g^ir) (§2.14).
[[nodiscard]] SecretBytes skeyseed(const Prf& prf, std::span<const uint8_t> ni, std::span<const uint8_t> nr,
                                   const SecretBytes& g_ir);

// SKEYSEED for a rekeyed IKE SA = prf(SK_d (old), g^ir (new) | Ni | Nr) (§2.18), with the new SA's PRF.
[[nodiscard]] SecretBytes rekey_skeyseed(const Prf& new_prf, const SecretBytes& old_sk_d, const SecretBytes& g_ir,
                                         std::span<const uint8_t> ni, std::span<const uint8_t> nr);

// Lengths of the SK_* keys: prf_size for SK_d/SK_pi/SK_pr; integ for SK_a*; encr (incl. salt) for SK_e*.
struct IkeKeySizes {
  size_t prf = 0;
  size_t integ = 0;
  size_t encr = 0;
};

struct IkeSaKeys {
  SecretBytes sk_d, sk_ai, sk_ar, sk_ei, sk_er, sk_pi, sk_pr;
};

// {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr) (§2.14).
// SPIs are in network byte order on the wire; pass them as host integers.
[[nodiscard]] Result<IkeSaKeys> derive_ike_sa_keys(const Prf& prf, const SecretBytes& skeyseed,
                                                   std::span<const uint8_t> ni, std::span<const uint8_t> nr,
                                                   uint64_t spi_i, uint64_t spi_r, const IkeKeySizes& sizes);

// Child SA keys for the kernel (§2.17): KEYMAT = prf+(SK_d, [g^ir (new)] | Ni | Nr), taken as
// encryption key then integrity key for initiator->responder, then the same for responder->initiator.
// For AEAD the encryption key is key || 4-byte salt, the layout XFRM's rfc4106(gcm(aes)) and
// rfc7539esp(chacha20,poly1305) take, and the integrity keys are empty.
struct ChildKeySizes {
  size_t encr = 0;  // including salt
  size_t integ = 0;
};
struct ChildSaKeys {
  SecretBytes encr_i, integ_i;  // initiator -> responder
  SecretBytes encr_r, integ_r;  // responder -> initiator
};
[[nodiscard]] Result<ChildSaKeys> derive_child_keys(const Prf& prf, const SecretBytes& sk_d,
                                                    const SecretBytes* g_ir_new, std::span<const uint8_t> ni,
                                                    std::span<const uint8_t> nr, const ChildKeySizes& sizes);

}  // namespace ravelin::ike::crypto
