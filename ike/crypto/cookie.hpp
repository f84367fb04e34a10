#pragma once
// Stateless COOKIEs (RFC 7296 §2.6): Cookie = <VersionIDofSecret> | Hash(Ni | IPi | SPIi | <secret>),
// here with HMAC-SHA-256 keyed by the secret (truncated to 16 bytes) after a 1-byte version. The
// secret rotates; the previous one is still accepted so a cookie issued just before a rotation works.
#include <cstdint>
#include <span>

#include "ike/crypto/random.hpp"
#include "ike/crypto/secret_bytes.hpp"
#include "platform/net/ip_address.hpp"

namespace ravelin::ike::crypto {

class CookieJar {
 public:
  static constexpr size_t kCookieSize = 17;  // 1 version byte + 16 bytes of MAC
  explicit CookieJar(Random& random);

  // New secret; the current one becomes "previous". Call periodically (e.g. every few minutes).
  void rotate();
  [[nodiscard]] uint8_t version() const { return version_; }

  [[nodiscard]] Bytes make(std::span<const uint8_t> ni, const platform::IpAddress& ip_i, uint64_t spi_i) const;
  // True if `cookie` was made by make() with the current or previous secret for these inputs.
  [[nodiscard]] bool verify(std::span<const uint8_t> cookie, std::span<const uint8_t> ni,
                            const platform::IpAddress& ip_i, uint64_t spi_i) const;

 private:
  [[nodiscard]] Bytes mac(const SecretBytes& secret, uint8_t version, std::span<const uint8_t> ni,
                          const platform::IpAddress& ip_i, uint64_t spi_i) const;
  Random& random_;
  SecretBytes current_;
  SecretBytes previous_;
  uint8_t version_ = 0;
};

}  // namespace ravelin::ike::crypto
