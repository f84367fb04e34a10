#include "platform/net/ip_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace ravelin::platform {

IpAddress IpAddress::v4(uint32_t host_order) {
  return v4(std::array<uint8_t, 4>{static_cast<uint8_t>(host_order >> 24), static_cast<uint8_t>(host_order >> 16),
                                   static_cast<uint8_t>(host_order >> 8), static_cast<uint8_t>(host_order)});
}

IpAddress IpAddress::v4(std::array<uint8_t, 4> bytes) {
  IpAddress a;
  a.family_ = Family::V4;
  std::copy(bytes.begin(), bytes.end(), a.bytes_.begin());
  return a;
}

IpAddress IpAddress::v6(std::array<uint8_t, 16> bytes) {
  IpAddress a;
  a.family_ = Family::V6;
  a.bytes_ = bytes;
  return a;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  char buf[64];
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  if (text.find(':') == std::string_view::npos) {
    // inet_pton accepts only strict dotted quads, which is what IOS accepts too.
    std::array<uint8_t, 4> b{};
    if (inet_pton(AF_INET, buf, b.data()) != 1) return std::nullopt;
    return v4(b);
  }
  std::array<uint8_t, 16> b{};
  if (inet_pton(AF_INET6, buf, b.data()) != 1) return std::nullopt;
  return v6(b);
}

std::optional<IpAddress> IpAddress::from_bytes(std::span<const uint8_t> bytes) {
  if (bytes.size() == 4) {
    std::array<uint8_t, 4> b{};
    std::copy(bytes.begin(), bytes.end(), b.begin());
    return v4(b);
  }
  if (bytes.size() == 16) {
    std::array<uint8_t, 16> b{};
    std::copy(bytes.begin(), bytes.end(), b.begin());
    return v6(b);
  }
  return std::nullopt;
}

uint32_t IpAddress::v4_host_order() const {
  return (uint32_t{bytes_[0]} << 24) | (uint32_t{bytes_[1]} << 16) | (uint32_t{bytes_[2]} << 8) | bytes_[3];
}

std::string IpAddress::to_string() const {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(is_v4() ? AF_INET : AF_INET6, bytes_.data(), buf, sizeof buf);
  return buf;
}

bool IpAddress::is_unspecified() const {
  return std::all_of(bytes_.begin(), bytes_.begin() + static_cast<long>(size()), [](uint8_t b) { return b == 0; });
}

namespace {

// Builds an address of `family` whose first `ones` bits are 1.
IpAddress mask_of(Family family, unsigned ones) {
  std::array<uint8_t, 16> b{};
  for (unsigned i = 0; i < 16; ++i) {
    unsigned bits = ones > i * 8 ? std::min(8u, ones - i * 8) : 0;
    b[i] = static_cast<uint8_t>(bits == 0 ? 0 : (0xffu << (8 - bits)) & 0xffu);
  }
  if (family == Family::V4) return IpAddress::v4(std::array<uint8_t, 4>{b[0], b[1], b[2], b[3]});
  return IpAddress::v6(b);
}

// Number of leading one bits if `mask` is contiguous, else nullopt.
std::optional<uint8_t> contiguous_ones(const IpAddress& mask) {
  auto bytes = mask.bytes();
  unsigned ones = 0;
  bool seen_zero = false;
  for (uint8_t byte : bytes) {
    for (int bit = 7; bit >= 0; --bit) {
      bool set = (byte >> bit) & 1u;
      if (set && seen_zero) return std::nullopt;
      if (set) ++ones; else seen_zero = true;
    }
  }
  return static_cast<uint8_t>(ones);
}

IpAddress apply(const IpAddress& a, const IpAddress& m, bool keep_host_bits_set) {
  auto ab = a.bytes();
  auto mb = m.bytes();
  std::array<uint8_t, 16> out{};
  for (size_t i = 0; i < ab.size(); ++i) {
    out[i] = keep_host_bits_set ? static_cast<uint8_t>(ab[i] | static_cast<uint8_t>(~mb[i]))
                                : static_cast<uint8_t>(ab[i] & mb[i]);
  }
  return *IpAddress::from_bytes(std::span<const uint8_t>(out.data(), ab.size()));
}

}  // namespace

Prefix::Prefix(IpAddress address, uint8_t length)
    : length_(std::min<uint8_t>(length, static_cast<uint8_t>(address.size() * 8))) {
  address_ = apply(address, mask_of(address.family(), length_), false);
}

std::optional<Prefix> Prefix::parse(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto addr = IpAddress::parse(text.substr(0, slash));
  auto len_text = text.substr(slash + 1);
  if (!addr || len_text.empty() || len_text.size() > 3) return std::nullopt;
  unsigned len = 0;
  for (char c : len_text) {
    if (c < '0' || c > '9') return std::nullopt;
    len = len * 10 + static_cast<unsigned>(c - '0');
  }
  if (len > addr->size() * 8) return std::nullopt;
  return Prefix(*addr, static_cast<uint8_t>(len));
}

std::optional<Prefix> Prefix::from_mask(IpAddress address, IpAddress mask) {
  if (address.family() != mask.family()) return std::nullopt;
  auto ones = contiguous_ones(mask);
  if (!ones) return std::nullopt;
  return Prefix(address, *ones);
}

std::optional<Prefix> Prefix::from_wildcard(IpAddress address, IpAddress wildcard) {
  if (address.family() != wildcard.family()) return std::nullopt;
  std::array<uint8_t, 16> inv{};
  auto wb = wildcard.bytes();
  for (size_t i = 0; i < wb.size(); ++i) inv[i] = static_cast<uint8_t>(~wb[i]);
  return from_mask(address, *IpAddress::from_bytes(std::span<const uint8_t>(inv.data(), wb.size())));
}

bool Prefix::contains(const IpAddress& a) const {
  if (a.family() != address_.family()) return false;
  return apply(a, mask(), false) == address_;
}

bool Prefix::contains(const Prefix& p) const { return p.length_ >= length_ && contains(p.address_); }

IpAddress Prefix::last() const { return apply(address_, mask(), true); }
IpAddress Prefix::mask() const { return mask_of(address_.family(), length_); }

IpAddress Prefix::wildcard() const {
  auto m = mask();
  auto mb = m.bytes();
  std::array<uint8_t, 16> inv{};
  for (size_t i = 0; i < mb.size(); ++i) inv[i] = static_cast<uint8_t>(~mb[i]);
  return *IpAddress::from_bytes(std::span<const uint8_t>(inv.data(), mb.size()));
}

std::string Prefix::to_string() const { return address_.to_string() + "/" + std::to_string(length_); }

std::string Endpoint::to_string() const {
  if (address.is_v6()) return "[" + address.to_string() + "]:" + std::to_string(port);
  return address.to_string() + ":" + std::to_string(port);
}

}  // namespace ravelin::platform

size_t std::hash<ravelin::platform::IpAddress>::operator()(const ravelin::platform::IpAddress& a) const noexcept {
  size_t h = static_cast<size_t>(a.family());
  for (uint8_t b : a.bytes()) h = h * 131 + b;
  return h;
}

size_t std::hash<ravelin::platform::Endpoint>::operator()(const ravelin::platform::Endpoint& e) const noexcept {
  return std::hash<ravelin::platform::IpAddress>{}(e.address) * 65599 + e.port;
}
