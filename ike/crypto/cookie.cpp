#include "ike/crypto/cookie.hpp"

#include "ike/crypto/openssl_evp.hpp"

namespace ravelin::ike::crypto {
namespace {
constexpr size_t kSecretSize = 32;
constexpr size_t kMacSize = CookieJar::kCookieSize - 1;
}  // namespace

CookieJar::CookieJar(Random& random) : random_(random), current_(kSecretSize) { random_.fill(current_.mut_view()); }

void CookieJar::rotate() {
  previous_ = current_;
  current_ = SecretBytes(kSecretSize);
  random_.fill(current_.mut_view());
  ++version_;
}

Bytes CookieJar::mac(const SecretBytes& secret, uint8_t version, std::span<const uint8_t> ni,
                     const platform::IpAddress& ip_i, uint64_t spi_i) const {
  Bytes data(ni.begin(), ni.end());
  const auto ip = ip_i.bytes();
  data.insert(data.end(), ip.begin(), ip.end());
  for (int i = 7; i >= 0; --i) data.push_back(static_cast<uint8_t>(spi_i >> (8 * i)));
  Bytes full(32);
  if (!ossl::hmac(ossl::Digest::Sha256, secret.view(), data, full)) return Bytes();
  Bytes out{version};
  out.insert(out.end(), full.begin(), full.begin() + kMacSize);
  return out;
}

Bytes CookieJar::make(std::span<const uint8_t> ni, const platform::IpAddress& ip_i, uint64_t spi_i) const {
  return mac(current_, version_, ni, ip_i, spi_i);
}

bool CookieJar::verify(std::span<const uint8_t> cookie, std::span<const uint8_t> ni, const platform::IpAddress& ip_i,
                       uint64_t spi_i) const {
  if (cookie.size() != kCookieSize) return false;
  // The version byte picks the secret (§2.6 <VersionIDofSecret>); only current and previous are valid.
  const uint8_t v = cookie[0];
  const SecretBytes* secret = nullptr;
  if (v == version_) secret = &current_;
  else if (v == static_cast<uint8_t>(version_ - 1) && !previous_.empty()) secret = &previous_;
  if (secret == nullptr) return false;
  const Bytes expected = mac(*secret, v, ni, ip_i, spi_i);
  return expected.size() == kCookieSize && constant_time_equal(expected, cookie);
}

}  // namespace ravelin::ike::crypto
