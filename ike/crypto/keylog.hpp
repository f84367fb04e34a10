#pragma once
// Wireshark key-log rows (Wireshark 4.0 UAT formats) so an operator can decrypt a capture.
// This is the only place secrets are turned into text; callers write the rows only when
// `debug crypto ikev2 keylog FILE` is on.
#include <cstdint>
#include <optional>
#include <string>

#include "ike/crypto/secret_bytes.hpp"
#include "ike/wire/constants.hpp"
#include "platform/net/ip_address.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {

// One ikev2_decryption_table row:
//   ISPI,RSPI,SK_ei,SK_er,"ENC",SK_ai,SK_ar,"INTEG"
// (bare hex SPIs and keys, quoted algorithm names; AEAD gets empty SK_a* and "NONE [RFC4306]").
// Error when Wireshark has no name for the algorithm.
struct IkeKeylogInput {
  uint64_t spi_i = 0, spi_r = 0;
  wire::EncrId encr = wire::EncrId::AesCbc;
  uint16_t key_bits = 128;
  wire::IntegId integ = wire::IntegId::None;  // None for AEAD
  const SecretBytes* sk_ei = nullptr;
  const SecretBytes* sk_er = nullptr;
  const SecretBytes* sk_ai = nullptr;  // may be null for AEAD
  const SecretBytes* sk_ar = nullptr;
};
[[nodiscard]] Result<std::string> ikev2_decryption_table_row(const IkeKeylogInput& in);

// One esp_sa row, one per direction:
//   "IPv4","SRC","DST","0xSPI","ENC","0xKEY","AUTH","0xKEY"
// For AES-GCM Wireshark 4.0 wants "AES-GCM [RFC4106]" with "NULL" authentication (key incl. salt).
struct EspKeylogInput {
  platform::IpAddress src, dst;
  uint32_t spi = 0;
  wire::EncrId encr = wire::EncrId::AesCbc;
  uint16_t key_bits = 128;
  wire::IntegId integ = wire::IntegId::None;
  const SecretBytes* encr_key = nullptr;  // incl. salt for AEAD
  const SecretBytes* integ_key = nullptr;
};
[[nodiscard]] Result<std::string> esp_sa_row(const EspKeylogInput& in);

}  // namespace ravelin::ike::crypto
