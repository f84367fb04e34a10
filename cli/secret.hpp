#pragma once
// `enable secret`: IOS type 9 hashes (scrypt) and the check of a typed password against them.
// Type 9 text is "$9$" + 14-character salt + "$" + 43-character hash, both in Cisco's base64
// alphabet "./0-9A-Za-z"; the hash is scrypt(password, salt-text, N=16384, r=1, p=1, 32 bytes).
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace ravelin::cli {

inline constexpr std::size_t kType9SaltChars = 14;

// Hashes `plain` with a fresh random salt (OpenSSL RAND_bytes).
[[nodiscard]] Result<std::string> make_type9_secret(std::string_view plain);
// Hashes `plain` with the given salt text (14 characters of the Cisco alphabet).
[[nodiscard]] Result<std::string> type9_with_salt(std::string_view plain, std::string_view salt);
// True when `text` has the shape of a type 9 hash ("$9$" salt "$" hash).
[[nodiscard]] bool is_type9_secret(std::string_view text);
// True when `plain` hashes to `stored` (a type 9 string); false for anything malformed.
[[nodiscard]] bool verify_type9_secret(std::string_view stored, std::string_view plain);

// IOS type 8 (accepted from existing configs): PBKDF2-HMAC-SHA256, 20000 iterations, 32 bytes,
// same "$8$" salt "$" hash layout and alphabet as type 9.
[[nodiscard]] Result<std::string> type8_with_salt(std::string_view plain, std::string_view salt);
[[nodiscard]] bool is_type8_secret(std::string_view text);
// Type 8 or type 9, by the stored text's prefix; false for anything else.
[[nodiscard]] bool verify_secret(std::string_view stored, std::string_view plain);

}  // namespace ravelin::cli
