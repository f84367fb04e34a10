#pragma once
// IPv4/IPv6 addresses, prefixes and UDP endpoints as plain values.
#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ravelin::platform {

enum class Family : uint8_t { V4 = 4, V6 = 6 };

class IpAddress {
 public:
  IpAddress() = default;  // 0.0.0.0
  static IpAddress v4(uint32_t host_order);
  static IpAddress v4(std::array<uint8_t, 4> bytes);
  static IpAddress v6(std::array<uint8_t, 16> bytes);
  // Parses dotted quad or RFC 4291 text; nullopt for anything else.
  static std::optional<IpAddress> parse(std::string_view text);
  // From raw network-order bytes: 4 or 16 of them.
  static std::optional<IpAddress> from_bytes(std::span<const uint8_t> bytes);

  [[nodiscard]] Family family() const { return family_; }
  [[nodiscard]] bool is_v4() const { return family_ == Family::V4; }
  [[nodiscard]] bool is_v6() const { return family_ == Family::V6; }
  [[nodiscard]] uint32_t v4_host_order() const;
  // Network-order bytes: 4 for IPv4, 16 for IPv6.
  [[nodiscard]] std::span<const uint8_t> bytes() const { return {bytes_.data(), size()}; }
  [[nodiscard]] size_t size() const { return is_v4() ? 4 : 16; }
  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] bool is_unspecified() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;
  friend std::strong_ordering operator<=>(const IpAddress&, const IpAddress&) = default;

 private:
  Family family_ = Family::V4;
  std::array<uint8_t, 16> bytes_{};  // only the first size() bytes are meaningful
};

class Prefix {
 public:
  Prefix() = default;
  // Host bits are cleared.
  Prefix(IpAddress address, uint8_t length);
  // "A.B.C.D/M" or "X:X::X:X/M".
  static std::optional<Prefix> parse(std::string_view text);
  // IOS dotted mask ("255.255.255.0"): nullopt if the mask is not contiguous.
  static std::optional<Prefix> from_mask(IpAddress address, IpAddress mask);
  // IOS wildcard ("0.0.0.255"): nullopt if not contiguous.
  static std::optional<Prefix> from_wildcard(IpAddress address, IpAddress wildcard);
  static Prefix host(IpAddress address) { return {address, static_cast<uint8_t>(address.size() * 8)}; }

  [[nodiscard]] const IpAddress& address() const { return address_; }
  [[nodiscard]] uint8_t length() const { return length_; }
  [[nodiscard]] bool contains(const IpAddress& a) const;
  [[nodiscard]] bool contains(const Prefix& p) const;
  [[nodiscard]] IpAddress first() const { return address_; }
  [[nodiscard]] IpAddress last() const;
  [[nodiscard]] IpAddress mask() const;       // as an address, e.g. 255.255.255.0
  [[nodiscard]] IpAddress wildcard() const;   // e.g. 0.0.0.255
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const Prefix&, const Prefix&) = default;
  friend std::strong_ordering operator<=>(const Prefix&, const Prefix&) = default;

 private:
  IpAddress address_;
  uint8_t length_ = 0;
};

struct Endpoint {
  IpAddress address;
  uint16_t port = 0;
  [[nodiscard]] std::string to_string() const;  // "192.0.2.1:500", "[2001:db8::1]:500"
  friend bool operator==(const Endpoint&, const Endpoint&) = default;
  friend std::strong_ordering operator<=>(const Endpoint&, const Endpoint&) = default;
};

}  // namespace ravelin::platform

template <>
struct std::hash<ravelin::platform::IpAddress> {
  size_t operator()(const ravelin::platform::IpAddress& a) const noexcept;
};
template <>
struct std::hash<ravelin::platform::Endpoint> {
  size_t operator()(const ravelin::platform::Endpoint& e) const noexcept;
};
