// Fingerprints and pasted base64 (pki_text.hpp).
#include "ike/crypto/pki_text.hpp"

#include <openssl/evp.h>

#include <memory>

namespace ravelin::ike::crypto {

namespace {

// 0..63 for a base64 digit, -1 otherwise.
int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool armour(std::string_view line) { return line.rfind("-----", 0) == 0; }

}  // namespace

std::string fingerprint_text(const Certificate& cert, FingerprintHash h) {
  const EVP_MD* md = h == FingerprintHash::Md5 ? EVP_md5() : EVP_sha1();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (md == nullptr || EVP_Digest(cert.der().data(), cert.der().size(), out, &len, md, nullptr) != 1) return {};
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string text;
  for (unsigned int i = 0; i < len; ++i) {
    text += kHex[out[i] >> 4];
    text += kHex[out[i] & 15];
    if (i % 4 == 3) text += ' ';
  }
  return text;
}

Result<Bytes> decode_pasted_base64(const std::vector<std::string>& lines) {
  std::string digits;
  size_t padding = 0;
  size_t begins = 0;
  for (const auto& line : lines) {
    if (armour(line)) {
      // One certificate per paste: a second BEGIN would otherwise glue two DER blobs together.
      if (line.rfind("-----BEGIN", 0) == 0 && ++begins > 1) return make_error("more than one certificate");
      continue;
    }
    for (char c : line) {
      if (c == ' ' || c == '\t' || c == '\r') continue;
      if (c == '=') {
        ++padding;
        continue;
      }
      if (padding > 0 || b64_value(c) < 0) return make_error("not base64 (at '" + std::string(1, c) + "')");
      digits += c;
    }
  }
  if (digits.empty()) return make_error("no certificate was pasted");
  if (padding > 2 || (digits.size() + padding) % 4 != 0 || digits.size() % 4 == 1) {
    return make_error("base64 input of the wrong length");
  }
  Bytes der;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : digits) {
    acc = (acc << 6) | static_cast<uint32_t>(b64_value(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      der.push_back(static_cast<uint8_t>((acc >> bits) & 0xff));
    }
  }
  return der;
}

}  // namespace ravelin::ike::crypto
