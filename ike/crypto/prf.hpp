#pragma once
// PRF and integrity transforms (RFC 7296 §3.3.2 types 2 and 3) behind narrow interfaces.
#include <memory>
#include <span>
#include <string_view>

#include "ike/crypto/secret_bytes.hpp"
#include "ike/wire/constants.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {

using wire::IntegId;
using wire::PrfId;

// A keyed pseudo-random function (HMAC-SHA1/SHA2-256/384/512).
class Prf {
 public:
  virtual ~Prf() = default;
  [[nodiscard]] virtual PrfId id() const = 0;
  // Output length in bytes; also the length of SK_d, SK_pi, SK_pr (RFC 7296 §2.14).
  [[nodiscard]] virtual size_t output_size() const = 0;
  // prf(key, data). HMAC accepts any key length.
  [[nodiscard]] virtual SecretBytes compute(std::span<const uint8_t> key, std::span<const uint8_t> data) const = 0;
};

// nullptr-free factory: an Error for an unsupported id.
[[nodiscard]] Result<std::unique_ptr<Prf>> make_prf(PrfId id);

// An integrity transform (HMAC truncated to the ICV length).
class Integrity {
 public:
  virtual ~Integrity() = default;
  [[nodiscard]] virtual IntegId id() const = 0;
  [[nodiscard]] virtual size_t key_size() const = 0;  // SK_ai/SK_ar length
  [[nodiscard]] virtual size_t icv_size() const = 0;  // truncated output length
  [[nodiscard]] virtual Bytes compute(std::span<const uint8_t> key, std::span<const uint8_t> data) const = 0;
  // Constant-time comparison of compute(key, data) with `icv`.
  [[nodiscard]] virtual bool verify(std::span<const uint8_t> key, std::span<const uint8_t> data,
                                    std::span<const uint8_t> icv) const = 0;
};

[[nodiscard]] Result<std::unique_ptr<Integrity>> make_integrity(IntegId id);

// Names as in `show crypto ikev2 sa detailed` / proposals ("SHA256", "SHA96") are the engine's job;
// these are the RFC names ("PRF_HMAC_SHA2_256", "AUTH_HMAC_SHA2_256_128").
[[nodiscard]] std::string_view prf_name(PrfId id);
[[nodiscard]] std::string_view integ_name(IntegId id);

}  // namespace ravelin::ike::crypto
