#pragma once
// Internal to ike/wire: a bounds-checked big-endian reader and a writer. A read past the end
// returns false and leaves the reader failed; nothing is ever read out of bounds.
#include <cstdint>
#include <span>
#include <vector>

namespace ravelin::ike::wire::detail {

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : bytes_(bytes) {}
  [[nodiscard]] size_t remaining() const { return bytes_.size() - pos_; }
  [[nodiscard]] size_t position() const { return pos_; }
  [[nodiscard]] bool u8(uint8_t& v) {
    if (remaining() < 1) return false;
    v = bytes_[pos_++];
    return true;
  }
  [[nodiscard]] bool u16(uint16_t& v) {
    if (remaining() < 2) return false;
    v = static_cast<uint16_t>(bytes_[pos_] << 8 | bytes_[pos_ + 1]);
    pos_ += 2;
    return true;
  }
  [[nodiscard]] bool u32(uint32_t& v) {
    uint16_t hi = 0, lo = 0;
    if (remaining() < 4 || !u16(hi) || !u16(lo)) return false;
    v = static_cast<uint32_t>(hi) << 16 | lo;
    return true;
  }
  [[nodiscard]] bool u64(uint64_t& v) {
    uint32_t hi = 0, lo = 0;
    if (remaining() < 8 || !u32(hi) || !u32(lo)) return false;
    v = static_cast<uint64_t>(hi) << 32 | lo;
    return true;
  }
  [[nodiscard]] bool take(size_t n, std::span<const uint8_t>& out) {
    if (remaining() < n) return false;
    out = bytes_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  [[nodiscard]] bool bytes(size_t n, std::vector<uint8_t>& out) {
    std::span<const uint8_t> s;
    if (!take(n, s)) return false;
    out.assign(s.begin(), s.end());
    return true;
  }
  [[nodiscard]] bool skip(size_t n) {
    if (remaining() < n) return false;
    pos_ += n;
    return true;
  }
  [[nodiscard]] std::span<const uint8_t> rest() const { return bytes_.subspan(pos_); }

 private:
  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
};

inline void put8(std::vector<uint8_t>& o, uint8_t v) { o.push_back(v); }
inline void put16(std::vector<uint8_t>& o, uint16_t v) {
  o.push_back(static_cast<uint8_t>(v >> 8));
  o.push_back(static_cast<uint8_t>(v));
}
inline void put32(std::vector<uint8_t>& o, uint32_t v) {
  put16(o, static_cast<uint16_t>(v >> 16));
  put16(o, static_cast<uint16_t>(v));
}
inline void put64(std::vector<uint8_t>& o, uint64_t v) {
  put32(o, static_cast<uint32_t>(v >> 32));
  put32(o, static_cast<uint32_t>(v));
}
inline void put(std::vector<uint8_t>& o, std::span<const uint8_t> b) { o.insert(o.end(), b.begin(), b.end()); }
// Overwrites a 16-bit length at `at` (written earlier as a placeholder).
inline void patch16(std::vector<uint8_t>& o, size_t at, size_t v) {
  o[at] = static_cast<uint8_t>(v >> 8);
  o[at + 1] = static_cast<uint8_t>(v);
}

}  // namespace ravelin::ike::wire::detail
