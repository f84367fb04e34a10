#pragma once
// Internal to ike/crypto: the thin layer over OpenSSL 3. Every OpenSSL call of ravelin lives in
// openssl_evp.cpp (hashes, HMAC, ciphers, AEAD, DRBG, cleanse) and openssl_kex.cpp (DH/ECDH/XDH).
// Everything returns false / an Error instead of throwing; no function logs.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>

#include "ike/crypto/secret_bytes.hpp"
#include "ike/wire/constants.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto::ossl {

enum class Digest : uint8_t { Sha1, Sha256, Sha384, Sha512 };
[[nodiscard]] size_t digest_size(Digest d);

// out.size() must be digest_size(d). False on an OpenSSL failure.
[[nodiscard]] bool hmac(Digest d, std::span<const uint8_t> key, std::span<const uint8_t> data, std::span<uint8_t> out);
[[nodiscard]] bool digest(Digest d, std::span<const uint8_t> data, std::span<uint8_t> out);

[[nodiscard]] bool random_bytes(std::span<uint8_t> out);

// AES-CBC without padding; in.size() must be a multiple of 16, out.size() == in.size().
[[nodiscard]] bool aes_cbc(bool encrypt, std::span<const uint8_t> key, std::span<const uint8_t> iv,
                           std::span<const uint8_t> in, std::span<uint8_t> out);

enum class Aead : uint8_t { AesGcm, ChaCha20Poly1305 };
// 12-byte nonce, 16-byte tag. out.size() == in.size().
[[nodiscard]] bool aead_seal(Aead a, std::span<const uint8_t> key, std::span<const uint8_t> nonce,
                             std::span<const uint8_t> aad, std::span<const uint8_t> in, std::span<uint8_t> out,
                             std::span<uint8_t> tag);
// False when the tag does not verify (or on failure); `out` is then wiped.
[[nodiscard]] bool aead_open(Aead a, std::span<const uint8_t> key, std::span<const uint8_t> nonce,
                             std::span<const uint8_t> aad, std::span<const uint8_t> in, std::span<const uint8_t> tag,
                             std::span<uint8_t> out);

void cleanse(std::span<uint8_t> bytes);
[[nodiscard]] bool memeq(std::span<const uint8_t> a, std::span<const uint8_t> b);  // constant time, equal sizes

// --- key exchange (openssl_kex.cpp) ---
// A private key for one group; opaque. public_value() as in the KE payload.
class KexKey {
 public:
  virtual ~KexKey() = default;
  [[nodiscard]] virtual const Bytes& public_value() const = 0;
  [[nodiscard]] virtual Result<SecretBytes> derive(std::span<const uint8_t> peer) const = 0;
};
// `private_source` supplies the private key bytes (called until a valid scalar comes out, bounded).
using PrivateSource = std::function<void(std::span<uint8_t>)>;
[[nodiscard]] Result<std::unique_ptr<KexKey>> make_kex_key(wire::KeGroup group, const PrivateSource& source);
[[nodiscard]] size_t kex_public_size(wire::KeGroup group);

}  // namespace ravelin::ike::crypto::ossl
