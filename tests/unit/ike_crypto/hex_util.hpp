#pragma once
// Test helpers: hex <-> bytes (spaces allowed in hex, as in the RFCs' vectors).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ravelin::test {

inline std::vector<uint8_t> hex(std::string_view s) {
  std::vector<uint8_t> out;
  int hi = -1;
  for (char c : s) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) continue;
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(static_cast<uint8_t>(hi << 4 | v));
      hi = -1;
    }
  }
  return out;
}

inline std::string to_hex(std::span<const uint8_t> b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t x : b) {
    out.push_back(kDigits[x >> 4]);
    out.push_back(kDigits[x & 0xf]);
  }
  return out;
}

inline std::vector<uint8_t> ascii(std::string_view s) { return {s.begin(), s.end()}; }

}  // namespace ravelin::test
