#pragma once
// Key material: bytes that are wiped (OPENSSL_cleanse) when freed, compared in constant time, and
// never printed. Use `hex_for_keylog` only for the explicit keylog (ike/crypto/keylog.hpp).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace ravelin::ike::crypto {

using Bytes = std::vector<uint8_t>;

class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(size_t size);
  explicit SecretBytes(std::span<const uint8_t> bytes);
  SecretBytes(const SecretBytes& other);
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(const SecretBytes& other);
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  ~SecretBytes();

  [[nodiscard]] size_t size() const { return bytes_.size(); }
  [[nodiscard]] bool empty() const { return bytes_.empty(); }
  [[nodiscard]] uint8_t* data() { return bytes_.data(); }
  [[nodiscard]] const uint8_t* data() const { return bytes_.data(); }
  [[nodiscard]] std::span<const uint8_t> view() const { return {bytes_.data(), bytes_.size()}; }
  [[nodiscard]] std::span<uint8_t> mut_view() { return {bytes_.data(), bytes_.size()}; }
  // Bytes [offset, offset+length) as a new SecretBytes (clamped to size()).
  [[nodiscard]] SecretBytes slice(size_t offset, size_t length) const;
  // Appends (reallocation wipes the old buffer).
  void append(std::span<const uint8_t> bytes);
  void clear();  // wipes and empties

  // Constant-time (CRYPTO_memcmp); different sizes compare unequal.
  [[nodiscard]] bool equals(std::span<const uint8_t> other) const;

 private:
  std::vector<uint8_t> bytes_;
};

// Constant-time equality of two byte strings (CRYPTO_memcmp); false when sizes differ.
[[nodiscard]] bool constant_time_equal(std::span<const uint8_t> a, std::span<const uint8_t> b);

// Wipes a buffer (OPENSSL_cleanse).
void cleanse(std::span<uint8_t> bytes);

}  // namespace ravelin::ike::crypto
