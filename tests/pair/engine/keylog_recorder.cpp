#include "tests/pair/engine/keylog_recorder.hpp"

#include "ike/wire/codec.hpp"

namespace ravelin::test {

void KeylogRecorder::ike_sa_keys(const ike::crypto::IkeKeylogInput& in) {
  auto row = ike::crypto::ikev2_decryption_table_row(in);
  ike_rows.push_back({row ? *row : "ERROR: " + row.error().message, in.encr, in.key_bits, in.integ});
}

void KeylogRecorder::child_sa_keys(const ike::crypto::EspKeylogInput& in) {
  auto row = ike::crypto::esp_sa_row(in);
  esp_rows.push_back(row ? *row : "ERROR: " + row.error().message);
}

std::vector<std::string> csv_fields(const std::string& row) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (char c : row) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

std::vector<uint8_t> from_hex(const std::string& hex) {
  std::string h = hex.rfind("0x", 0) == 0 ? hex.substr(2) : hex;
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoul(h.substr(i, 2), nullptr, 16)));
  return out;
}

std::optional<RowKeys> parse_ike_row(const KeylogRecorder::IkeRow& row) {
  auto f = csv_fields(row.text);
  if (f.size() != 8) return std::nullopt;
  RowKeys k;
  auto spi = [](const std::string& s) { return static_cast<uint64_t>(std::stoull(s, nullptr, 16)); };
  k.spi_i = spi(f[0]);
  k.spi_r = spi(f[1]);
  std::optional<ike::wire::IntegId> integ;
  if (row.integ != ike::wire::IntegId::None) integ = row.integ;
  auto cipher = ike::crypto::make_sk_cipher(row.encr, row.key_bits, integ);
  if (!cipher) return std::nullopt;
  k.cipher = std::move(*cipher);
  auto secret = [](const std::string& s) { return ike::crypto::SecretBytes(std::span<const uint8_t>(from_hex(s))); };
  k.sk_ei = secret(f[2]);
  k.sk_er = secret(f[3]);
  k.sk_ai = secret(f[5]);
  k.sk_ar = secret(f[6]);
  return k;
}

std::optional<ike::wire::Decoded> decrypt_with(const RowKeys& keys, const ike::engine::Datagram& d) {
  auto h = ike::wire::peek_header(d.bytes);
  if (!h || h->spi_i != keys.spi_i || h->spi_r != keys.spi_r || h->exchange == ike::wire::ExchangeType::IkeSaInit) {
    return std::nullopt;
  }
  ike::wire::Counters counters;
  return ike::wire::decode_protected(d.bytes, keys.for_sender(h->initiator), counters);
}

}  // namespace ravelin::test
