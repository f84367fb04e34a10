#pragma once
// The IPsec transforms of both dialects as values: IOS `crypto ipsec transform-set` keywords
// (`esp-aes 256`, `esp-sha-hmac`, ...) and ASA `protocol esp encryption|integrity` keywords, their IANA
// numbers (RFC 7296 §3.3.2), IOS's legality rules (one transform per group, combined-mode ciphers take
// no ESP authentication) and the display forms `show crypto ipsec transform-set` prints.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace ravelin::ipsec::commands {

enum class TransformGroup : uint8_t { Ah, EspCipher, EspAuth, Compression };

struct TransformInfo {
  std::string_view keyword;   // IOS keyword: "esp-aes"
  TransformGroup group;
  uint16_t encr_id = 0;       // IANA ENCR id (EspCipher), 0 when the kernel/engine has none
  uint16_t integ_id = 0;      // IANA INTEG id (EspAuth / Ah)
  uint16_t default_bits = 0;  // key size when none is typed (esp-aes: 128)
  bool combined = false;      // AEAD / GMAC: no ESP auth transform allowed
  bool supported = true;      // ravelin's engine and kernel side can negotiate it
  std::string_view help;
};

// Every IOS transform keyword, in IOS's `?` (alphabetical) order.
[[nodiscard]] const std::vector<TransformInfo>& ios_transforms();
[[nodiscard]] const TransformInfo* find_ios_transform(std::string_view keyword);
// Key sizes a cipher keyword accepts after it (`esp-aes 256`), empty when none.
[[nodiscard]] std::vector<uint16_t> key_sizes(std::string_view keyword);

// One transform of a set as typed: keyword and optional key size.
struct TypedTransform {
  std::string keyword;
  uint16_t bits = 0;  // 0 = not typed
  friend bool operator==(const TypedTransform&, const TypedTransform&) = default;
};

// IOS legality: at most one transform of each group, no ESP auth with esp-gcm/esp-gmac, at least one
// ESP or AH transform. The error text is what the CLI prints (see docs/COMMANDS.md).
[[nodiscard]] Status check_transform_set(const std::vector<TypedTransform>& set);
// Canonical running-config order (cipher, auth, AH, compression): "esp-aes 256 esp-sha-hmac".
[[nodiscard]] std::string canonical_transform_words(std::vector<TypedTransform> set);
// `show crypto ipsec transform-set` form: "esp-256-aes esp-sha-hmac" (esp-aes 128 prints "esp-aes").
[[nodiscard]] std::string display_transform_words(const std::vector<TypedTransform>& set);

// ASA ESP algorithms (`protocol esp encryption ...` / `integrity ...`) in the canonical, strongest-first
// order the ASA prints them in whatever order they were typed.
struct AsaEspAlg {
  std::string_view keyword;
  uint16_t id = 0;        // IANA ENCR or INTEG id; 0 for `null` integrity / unsupported
  uint16_t bits = 0;      // key size (ciphers)
  bool combined = false;  // aes-gcm*, aes-gmac*
};
[[nodiscard]] const std::vector<AsaEspAlg>& asa_esp_encryptions();
[[nodiscard]] const std::vector<AsaEspAlg>& asa_esp_integrities();
// Sorts typed keywords into the ASA's canonical order, dropping duplicates.
[[nodiscard]] std::vector<std::string> asa_canonical_order(const std::vector<std::string>& typed,
                                                           const std::vector<AsaEspAlg>& table);

}  // namespace ravelin::ipsec::commands
