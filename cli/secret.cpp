#include "cli/secret.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstdint>

namespace ravelin::cli {
namespace {

constexpr std::string_view kAlphabet =
    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kHashChars = 43;  // 32 bytes in base64 without padding

bool in_alphabet(char c) { return kAlphabet.find(c) != std::string_view::npos; }

// Standard base64 bit order (big-endian groups of 6 bits), Cisco's alphabet, no padding.
std::string encode64(const uint8_t* data, std::size_t len) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < len; ++i) {
    acc = (acc << 8) | data[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(acc >> bits) & 0x3f]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(acc << (6 - bits)) & 0x3f]);
  return out;
}

}  // namespace

Result<std::string> type9_with_salt(std::string_view plain, std::string_view salt) {
  if (salt.size() != kType9SaltChars) return make_error("type 9 salt must be 14 characters");
  for (char c : salt) {
    if (!in_alphabet(c)) return make_error("type 9 salt has a character outside ./0-9A-Za-z");
  }
  std::array<uint8_t, 32> key{};
  // N=2^14, r=1, p=1 as IOS does; 16 MiB of memory is within OpenSSL's default limit of 32 MiB.
  int rc = EVP_PBE_scrypt(plain.data(), plain.size(), reinterpret_cast<const unsigned char*>(salt.data()),
                          salt.size(), 16384, 1, 1, 0, key.data(), key.size());
  if (rc != 1) return make_error("scrypt failed");
  std::string out = "$9$";
  out.append(salt);
  out.push_back('$');
  out += encode64(key.data(), key.size());
  OPENSSL_cleanse(key.data(), key.size());
  return out;
}

Result<std::string> make_type9_secret(std::string_view plain) {
  std::array<uint8_t, kType9SaltChars> raw{};
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) return make_error("no randomness");
  std::string salt;
  for (uint8_t b : raw) salt.push_back(kAlphabet[b & 0x3f]);  // 256 is a multiple of 64: no bias
  return type9_with_salt(plain, salt);
}

namespace {

bool has_shape(std::string_view text, std::string_view magic) {
  if (text.size() != 3 + kType9SaltChars + 1 + kHashChars) return false;
  if (text.substr(0, 3) != magic || text[3 + kType9SaltChars] != '$') return false;
  for (std::size_t i = 3; i < text.size(); ++i) {
    if (i == 3 + kType9SaltChars) continue;
    if (!in_alphabet(text[i])) return false;
  }
  return true;
}

bool same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

bool is_type9_secret(std::string_view text) { return has_shape(text, "$9$"); }
bool is_type8_secret(std::string_view text) { return has_shape(text, "$8$"); }

Result<std::string> type8_with_salt(std::string_view plain, std::string_view salt) {
  if (salt.size() != kType9SaltChars) return make_error("type 8 salt must be 14 characters");
  for (char c : salt) {
    if (!in_alphabet(c)) return make_error("type 8 salt has a character outside ./0-9A-Za-z");
  }
  std::array<uint8_t, 32> key{};
  int rc = PKCS5_PBKDF2_HMAC(plain.data(), static_cast<int>(plain.size()),
                             reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                             20000, EVP_sha256(), static_cast<int>(key.size()), key.data());
  if (rc != 1) return make_error("pbkdf2 failed");
  std::string out = "$8$";
  out.append(salt);
  out.push_back('$');
  out += encode64(key.data(), key.size());
  OPENSSL_cleanse(key.data(), key.size());
  return out;
}

bool verify_secret(std::string_view stored, std::string_view plain) {
  if (is_type9_secret(stored)) return verify_type9_secret(stored, plain);
  if (!is_type8_secret(stored)) return false;
  auto again = type8_with_salt(plain, stored.substr(3, kType9SaltChars));
  return again.ok() && same(*again, stored);
}

bool verify_type9_secret(std::string_view stored, std::string_view plain) {
  if (!is_type9_secret(stored)) return false;
  auto again = type9_with_salt(plain, stored.substr(3, kType9SaltChars));
  return again.ok() && same(*again, stored);
}

}  // namespace ravelin::cli
