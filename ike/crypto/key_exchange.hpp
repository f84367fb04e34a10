#pragma once
// Diffie-Hellman key exchange per group (RFC 7296 §3.4): MODP 1/2/5/14/15/16 (RFC 2409, RFC 3526),
// ECP 19/20/21 (RFC 5903, x || y without the 0x04 prefix), 31 X25519 and 32 X448 (RFC 8031).
// Peer public values are validated before use (RFC 6989): MODP 1 < y < p-1, ECP on the curve,
// X25519/X448 all-zero shared secret (low-order points) rejected.
#include <memory>
#include <span>

#include "ike/crypto/random.hpp"
#include "ike/crypto/secret_bytes.hpp"
#include "ike/wire/constants.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {

using wire::KeGroup;

class KeyExchange {
 public:
  virtual ~KeyExchange() = default;
  [[nodiscard]] virtual KeGroup group() const = 0;
  // Our public value as carried in the KE payload (fixed length per group).
  [[nodiscard]] virtual const Bytes& public_value() const = 0;
  // g^ir from the peer's KE data. Error (with a reason) when the value is malformed or invalid.
  [[nodiscard]] virtual Result<SecretBytes> compute_shared(std::span<const uint8_t> peer_public) const = 0;
};

// A fresh key pair for `group`, private key drawn from `random`.
[[nodiscard]] Result<std::unique_ptr<KeyExchange>> make_key_exchange(KeGroup group, Random& random);

// Length of the KE data for `group` (0 when unsupported).
[[nodiscard]] size_t ke_public_size(KeGroup group);
[[nodiscard]] bool is_supported_group(KeGroup group);
[[nodiscard]] std::string_view group_name(KeGroup group);  // "MODP_2048", "ECP_256", "Curve25519"

}  // namespace ravelin::ike::crypto
