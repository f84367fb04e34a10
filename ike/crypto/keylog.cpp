#include "ike/crypto/keylog.hpp"

namespace ravelin::ike::crypto {
namespace {

using wire::EncrId;
using wire::IntegId;

std::string hex(std::span<const uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * bytes.size());
  for (uint8_t b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

std::string hex_of(const SecretBytes* s) { return s == nullptr ? std::string() : hex(s->view()); }

std::string hex_u64(uint64_t v) {
  uint8_t b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<uint8_t>(v >> (56 - 8 * i));
  return hex(b);
}

// Wireshark 4.0 epan/dissectors/packet-isakmp.c encryption names.
Result<std::string> ike_encr_name(EncrId e, uint16_t bits) {
  const std::string b = std::to_string(bits);
  if (bits != 128 && bits != 192 && bits != 256) return make_error("no Wireshark name for a " + b + "-bit key");
  if (e == EncrId::AesCbc) return "AES-CBC-" + b + " [RFC3602]";
  if (e == EncrId::AesGcm16) return "AES-GCM-" + b + " with 16 octet ICV [RFC5282]";
  return make_error("Wireshark's ikev2_decryption_table has no name for this encryption algorithm");
}

Result<std::string> ike_integ_name(IntegId i) {
  switch (i) {
    case IntegId::None: return std::string("NONE [RFC4306]");
    case IntegId::HmacSha1_96: return std::string("HMAC_SHA1_96 [RFC2404]");
    case IntegId::HmacSha2_256_128: return std::string("HMAC_SHA2_256_128 [RFC4868]");
    case IntegId::HmacSha2_384_192: return std::string("HMAC_SHA2_384_192 [RFC4868]");
    case IntegId::HmacSha2_512_256: return std::string("HMAC_SHA2_512_256 [RFC4868]");
    default: return make_error("Wireshark's ikev2_decryption_table has no name for this integrity algorithm");
  }
}

Result<std::string> esp_integ_name(IntegId i) {
  switch (i) {
    case IntegId::None: return std::string("NULL");
    case IntegId::HmacSha1_96: return std::string("HMAC-SHA-1-96 [RFC2404]");
    case IntegId::HmacSha2_256_128: return std::string("HMAC-SHA-256-128 [RFC4868]");
    case IntegId::HmacSha2_384_192: return std::string("HMAC-SHA-384-192 [RFC4868]");
    case IntegId::HmacSha2_512_256: return std::string("HMAC-SHA-512-256 [RFC4868]");
    default: return make_error("Wireshark's esp_sa has no name for this integrity algorithm");
  }
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

Result<std::string> ikev2_decryption_table_row(const IkeKeylogInput& in) {
  auto enc = ike_encr_name(in.encr, in.key_bits);
  if (!enc) return enc.error();
  auto integ = ike_integ_name(in.integ);
  if (!integ) return integ.error();
  if (in.sk_ei == nullptr || in.sk_er == nullptr) return make_error("keylog: SK_ei/SK_er missing");
  // SPIs and keys bare hex, algorithm names quoted (Wireshark rejects quoted SPIs).
  return hex_u64(in.spi_i) + "," + hex_u64(in.spi_r) + "," + hex_of(in.sk_ei) + "," + hex_of(in.sk_er) + "," +
         quoted(*enc) + "," + hex_of(in.sk_ai) + "," + hex_of(in.sk_ar) + "," + quoted(*integ);
}

Result<std::string> esp_sa_row(const EspKeylogInput& in) {
  std::string enc;
  if (in.encr == EncrId::AesCbc) {
    enc = "AES-CBC [RFC3602]";
  } else if (in.encr == EncrId::AesGcm16) {
    // Wireshark 4.0 only accepts AES-GCM with "NULL" authentication.
    if (in.integ != IntegId::None) return make_error("esp_sa: AES-GCM takes no integrity algorithm");
    enc = "AES-GCM [RFC4106]";
  } else {
    return make_error("Wireshark's esp_sa has no name for this encryption algorithm");
  }
  auto integ = esp_integ_name(in.integ);
  if (!integ) return integ.error();
  if (in.encr_key == nullptr) return make_error("esp_sa: encryption key missing");
  char spi[11];
  static constexpr char kDigits[] = "0123456789abcdef";
  spi[0] = '0';
  spi[1] = 'x';
  for (int i = 0; i < 8; ++i) spi[2 + i] = kDigits[(in.spi >> (28 - 4 * i)) & 0xf];
  spi[10] = '\0';
  const std::string family = in.src.is_v4() ? "IPv4" : "IPv6";
  const std::string ikey = in.integ_key == nullptr || in.integ_key->empty() ? "" : "0x" + hex_of(in.integ_key);
  return quoted(family) + "," + quoted(in.src.to_string()) + "," + quoted(in.dst.to_string()) + "," +
         quoted(spi) + "," + quoted(enc) + "," + quoted("0x" + hex_of(in.encr_key)) + "," + quoted(*integ) + "," +
         quoted(ikey);
}

}  // namespace ravelin::ike::crypto
