#pragma once
// Pre-shared key authentication (RFC 7296 §2.15).
#include <span>

#include "ike/crypto/prf.hpp"
#include "ike/crypto/secret_bytes.hpp"

namespace ravelin::ike::crypto {

// MACedIDForI = prf(SK_pi, RestOfInitIDPayload) (RestOfIDPayload = IdPayload::body()); same for R with SK_pr.
[[nodiscard]] SecretBytes maced_id(const Prf& prf, const SecretBytes& sk_p, std::span<const uint8_t> id_body);

// InitiatorSignedOctets = RealMessage1 | NonceRData | MACedIDForI (and the mirror for R):
// the complete first message we sent, the peer's nonce data, our MACedID.
[[nodiscard]] Bytes signed_octets(std::span<const uint8_t> real_message, std::span<const uint8_t> peer_nonce,
                                  const SecretBytes& maced_id);

// AUTH = prf( prf(Shared Secret, "Key Pad for IKEv2"), <SignedOctets>).
[[nodiscard]] SecretBytes psk_auth(const Prf& prf, std::span<const uint8_t> psk, std::span<const uint8_t> signed_octets);

// Constant-time check of a received AUTH value against the expected one.
[[nodiscard]] bool verify_psk_auth(const Prf& prf, std::span<const uint8_t> psk, std::span<const uint8_t> signed_octets,
                                   std::span<const uint8_t> received_auth);

}  // namespace ravelin::ike::crypto
