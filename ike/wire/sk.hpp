#pragma once
// SK payload protection (RFC 7296 §3.14): the payloads of a Message are encoded, padded, encrypted
// and integrity-protected into one SK payload; on receipt the ICV/tag is checked (constant time)
// before anything inside is decrypted or parsed.
#include <span>

#include "ike/crypto/random.hpp"
#include "ike/crypto/secret_bytes.hpp"
#include "ike/crypto/sk_cipher.hpp"
#include "ike/wire/codec.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::wire {

// The keys for one direction: SK_ei/SK_ai for messages the original initiator sends, SK_er/SK_ar for
// the responder's. Non-owning; `integ` may point to an empty key for AEAD.
struct SkKeys {
  const crypto::SkCipher* cipher = nullptr;
  const crypto::SecretBytes* encr = nullptr;
  const crypto::SecretBytes* integ = nullptr;
};

// Encodes `message` with every payload inside one SK payload; the IV comes from `random`.
[[nodiscard]] Result<Bytes> encode_protected(const Message& message, const SkKeys& keys, crypto::Random& random);

// `outer` is decode(datagram) with a trailing SkPayload. Verifies and decrypts it, decodes the inner
// chain (payloads get encrypted = true) and returns the message with the SK payload replaced by them.
// Counts IntegrityFailed / DecryptFailed / the inner decode's rejections, and `unprotected` on success.
[[nodiscard]] Decoded unprotect(const Message& outer, std::span<const uint8_t> datagram, const SkKeys& keys,
                                Counters& counters, const Limits& limits = {});

// decode() then, if the message carries SK, unprotect(). A message without SK is returned as decoded.
[[nodiscard]] Decoded decode_protected(std::span<const uint8_t> datagram, const SkKeys& keys, Counters& counters,
                                       const Limits& limits = {});

}  // namespace ravelin::ike::wire
