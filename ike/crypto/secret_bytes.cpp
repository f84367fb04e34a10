#include "ike/crypto/secret_bytes.hpp"

#include <algorithm>

#include "ike/crypto/openssl_evp.hpp"

namespace ravelin::ike::crypto {

SecretBytes::SecretBytes(size_t size) : bytes_(size, 0) {}
SecretBytes::SecretBytes(std::span<const uint8_t> bytes) : bytes_(bytes.begin(), bytes.end()) {}
SecretBytes::SecretBytes(const SecretBytes& other) : bytes_(other.bytes_) {}
SecretBytes::SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) { other.bytes_.clear(); }

SecretBytes& SecretBytes::operator=(const SecretBytes& other) {
  if (this != &other) {
    clear();
    bytes_ = other.bytes_;
  }
  return *this;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    clear();
    bytes_ = std::move(other.bytes_);
    other.bytes_.clear();
  }
  return *this;
}

SecretBytes::~SecretBytes() { clear(); }

SecretBytes SecretBytes::slice(size_t offset, size_t length) const {
  if (offset >= bytes_.size()) return SecretBytes();
  length = std::min(length, bytes_.size() - offset);
  return SecretBytes(std::span<const uint8_t>(bytes_.data() + offset, length));
}

void SecretBytes::append(std::span<const uint8_t> bytes) {
  if (bytes_.size() + bytes.size() > bytes_.capacity()) {
    // Grow by hand so the old buffer is wiped rather than released with key bytes in it.
    std::vector<uint8_t> bigger;
    bigger.reserve(std::max(bytes_.size() + bytes.size(), 2 * bytes_.capacity()));
    bigger.assign(bytes_.begin(), bytes_.end());
    clear();
    bytes_ = std::move(bigger);
  }
  bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
}

void SecretBytes::clear() {
  ossl::cleanse(std::span<uint8_t>(bytes_.data(), bytes_.capacity()));
  bytes_.clear();
}

bool SecretBytes::equals(std::span<const uint8_t> other) const { return constant_time_equal(view(), other); }

bool constant_time_equal(std::span<const uint8_t> a, std::span<const uint8_t> b) { return ossl::memeq(a, b); }

void cleanse(std::span<uint8_t> bytes) { ossl::cleanse(bytes); }

}  // namespace ravelin::ike::crypto
