#pragma once
// Randomness as an interface (DESIGN.md "no ambient randomness"): SPIs, nonces, IVs, private keys.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace ravelin::ike::crypto {

class Random {
 public:
  virtual ~Random() = default;
  // Fills `out` completely.
  virtual void fill(std::span<uint8_t> out) = 0;
  [[nodiscard]] std::vector<uint8_t> bytes(size_t n);
  [[nodiscard]] uint64_t u64();
  [[nodiscard]] uint32_t u32();
};

// OpenSSL's DRBG (RAND_bytes). Aborts nothing: on a DRBG failure it retries, then fills from
// RAND_priv_bytes; both failing is treated as fatal by OpenSSL itself.
class OpenSslRandom final : public Random {
 public:
  void fill(std::span<uint8_t> out) override;
};

// Deterministic stream for tests and reproducible captures: SHA-256(seed || counter) blocks.
// Never use outside tests.
class DeterministicRandom final : public Random {
 public:
  explicit DeterministicRandom(uint64_t seed);
  void fill(std::span<uint8_t> out) override;

 private:
  uint64_t seed_;
  uint64_t counter_ = 0;
  std::vector<uint8_t> pool_;
};

// Replays the given bytes in order, then zeros (for known-answer tests that need fixed private keys).
class FixedRandom final : public Random {
 public:
  explicit FixedRandom(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}
  void fill(std::span<uint8_t> out) override;

 private:
  std::vector<uint8_t> bytes_;
  size_t pos_ = 0;
};

}  // namespace ravelin::ike::crypto
