#pragma once
// IKEv2 algorithm keywords of both dialects (IOS `crypto ikev2 proposal`, ASA `crypto ikev2 policy`)
// with their IANA numbers (RFC 7296 §3.3.2) and the names `show crypto ikev2 proposal` prints, and
// the built-in IOS smart-default proposal (IOS-XE 17.x, cisco-cli.md §2.6).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ravelin::ike::commands {

struct EncrAlg {
  std::string_view ios;      // "aes-cbc-256"
  std::string_view asa;      // "aes-256"
  uint16_t id;               // IANA ENCR
  uint16_t bits;
  bool aead;
  std::string_view display;  // "AES-CBC-256"
  std::string_view help;
};
struct HashAlg {
  std::string_view ios;       // "sha1"
  std::string_view asa;       // "sha"
  uint16_t integ_id;          // IANA INTEG (0 = none)
  uint16_t prf_id;            // IANA PRF
  std::string_view integ_display;  // "SHA96"
  std::string_view prf_display;    // "SHA1"
  std::string_view help;
};
struct DhGroup {
  uint16_t group;
  std::string_view display;  // "DH_GROUP_2048_MODP/Group 14"
  std::string_view help;     // "DH 2048 MODP"
};

[[nodiscard]] const std::vector<EncrAlg>& encryptions();
[[nodiscard]] const std::vector<HashAlg>& hashes();
[[nodiscard]] const std::vector<DhGroup>& groups();
[[nodiscard]] const EncrAlg* find_encr(std::string_view keyword, bool asa);
[[nodiscard]] const HashAlg* find_hash(std::string_view keyword, bool asa);
[[nodiscard]] const DhGroup* find_group(uint16_t group);
// "{aes-cbc-128|...}" alternatives for a pattern.
[[nodiscard]] std::string encr_alternatives(bool asa);
[[nodiscard]] std::string hash_alternatives(bool asa);
[[nodiscard]] std::string group_alternatives(bool asa);

// The IOS built-in `default` proposal of IOS-XE 17.x: AES-CBC-256; SHA512 SHA384; DH 19 14 21 5.
struct DefaultProposal {
  std::vector<std::string> encryption, integrity, prf, group;
};
[[nodiscard]] const DefaultProposal& ios_default_proposal();

}  // namespace ravelin::ike::commands
