#include "ike/crypto/random.hpp"

#include <algorithm>
#include <cstdlib>

#include "ike/crypto/openssl_evp.hpp"

namespace ravelin::ike::crypto {

std::vector<uint8_t> Random::bytes(size_t n) {
  std::vector<uint8_t> out(n);
  fill(out);
  return out;
}

uint64_t Random::u64() {
  uint8_t b[8];
  fill(b);
  uint64_t v = 0;
  for (uint8_t x : b) v = (v << 8) | x;
  return v;
}

uint32_t Random::u32() { return static_cast<uint32_t>(u64() >> 32); }

void OpenSslRandom::fill(std::span<uint8_t> out) {
  // RAND_bytes only fails when the DRBG cannot be seeded; nothing secure can continue then.
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (ossl::random_bytes(out)) return;
  }
  std::abort();
}

DeterministicRandom::DeterministicRandom(uint64_t seed) : seed_(seed) {}

void DeterministicRandom::fill(std::span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    if (pool_.empty()) {
      uint8_t in[16];
      for (int i = 0; i < 8; ++i) {
        in[i] = static_cast<uint8_t>(seed_ >> (56 - 8 * i));
        in[8 + i] = static_cast<uint8_t>(counter_ >> (56 - 8 * i));
      }
      ++counter_;
      pool_.resize(32);
      if (!ossl::digest(ossl::Digest::Sha256, in, pool_)) std::abort();
    }
    const size_t n = std::min(pool_.size(), out.size() - done);
    std::copy_n(pool_.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(done));
    pool_.erase(pool_.begin(), pool_.begin() + static_cast<std::ptrdiff_t>(n));
    done += n;
  }
}

void FixedRandom::fill(std::span<uint8_t> out) {
  for (auto& b : out) b = pos_ < bytes_.size() ? bytes_[pos_++] : 0;
}

}  // namespace ravelin::ike::crypto
