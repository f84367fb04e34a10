#pragma once
// A KeylogSink for pair tests: it keeps the Wireshark rows the engine's keys produce (ike/crypto/keylog)
// and can turn an ikev2_decryption_table row back into SK keys, so a test can decrypt captured IKE
// messages with nothing but what the keylog would have written.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ike/crypto/sk_cipher.hpp"
#include "ike/engine/keylog_sink.hpp"
#include "ike/engine/effects.hpp"
#include "ike/wire/sk.hpp"

namespace ravelin::test {

class KeylogRecorder final : public ike::engine::KeylogSink {
 public:
  struct IkeRow {
    std::string text;  // the ikev2_decryption_table row, or "ERROR: ..." when formatting failed
    ike::wire::EncrId encr = ike::wire::EncrId::AesCbc;
    uint16_t key_bits = 0;
    ike::wire::IntegId integ = ike::wire::IntegId::None;
  };
  void ike_sa_keys(const ike::crypto::IkeKeylogInput& in) override;
  void child_sa_keys(const ike::crypto::EspKeylogInput& in) override;
  std::vector<IkeRow> ike_rows;
  std::vector<std::string> esp_rows;
};

// The keys of one IKE SA rebuilt from its row: SPIs and both directions.
struct RowKeys {
  uint64_t spi_i = 0, spi_r = 0;
  std::unique_ptr<ike::crypto::SkCipher> cipher;
  ike::crypto::SecretBytes sk_ei, sk_er, sk_ai, sk_ar;
  [[nodiscard]] ike::wire::SkKeys for_sender(bool original_initiator) const {
    return original_initiator ? ike::wire::SkKeys{cipher.get(), &sk_ei, &sk_ai}
                              : ike::wire::SkKeys{cipher.get(), &sk_er, &sk_ar};
  }
};
[[nodiscard]] std::optional<RowKeys> parse_ike_row(const KeylogRecorder::IkeRow& row);

// Splits a CSV row (fields may be quoted) into its fields without the quotes.
[[nodiscard]] std::vector<std::string> csv_fields(const std::string& row);
[[nodiscard]] std::vector<uint8_t> from_hex(const std::string& hex);

// Decrypts `d` (an IKE datagram captured on the fake network) with `keys` if its SPIs are the row's:
// nullopt = not this SA (or IKE_SA_INIT); otherwise the decode result.
[[nodiscard]] std::optional<ike::wire::Decoded> decrypt_with(const RowKeys& keys, const ike::engine::Datagram& d);

}  // namespace ravelin::test
