#pragma once
// Builds netlink messages byte by byte the way the kernel lays them out, for parser tests. It does
// not use the builders under test.
#include <linux/netlink.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace ravelin::test {

class CannedMessage {
 public:
  CannedMessage(uint16_t type, uint16_t flags = 0) : bytes_(NLMSG_HDRLEN, 0) {
    nlmsghdr h{};
    h.nlmsg_type = type;
    h.nlmsg_flags = flags;
    std::memcpy(bytes_.data(), &h, sizeof h);
  }
  template <typename T>
  CannedMessage& fixed(const T& value) {
    append(&value, sizeof value);
    return *this;
  }
  CannedMessage& attr(uint16_t type, const void* data, size_t len) {
    nlattr a{static_cast<uint16_t>(NLA_HDRLEN + len), type};
    append(&a, sizeof a);
    append(data, len);
    return *this;
  }
  template <typename T>
  CannedMessage& attr(uint16_t type, const T& value) {
    return attr(type, &value, sizeof value);
  }
  // The finished message: nlmsg_len set to the real length.
  [[nodiscard]] std::vector<uint8_t> bytes() const {
    std::vector<uint8_t> out = bytes_;
    const uint32_t len = static_cast<uint32_t>(out.size());
    std::memcpy(out.data(), &len, sizeof len);
    return out;
  }

 private:
  void append(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    bytes_.insert(bytes_.end(), b, b + n);
    bytes_.resize(NLMSG_ALIGN(bytes_.size()), 0);
  }
  std::vector<uint8_t> bytes_;
};

// The same message cut to `len` bytes, with nlmsg_len saying so.
inline std::vector<uint8_t> truncated(std::vector<uint8_t> m, size_t len) {
  m.resize(len);
  if (len >= sizeof(uint32_t)) {
    const uint32_t l = static_cast<uint32_t>(len);
    std::memcpy(m.data(), &l, sizeof l);
  }
  return m;
}

}  // namespace ravelin::test
