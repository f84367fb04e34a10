#pragma once
// Conversions between platform endpoints and Boost.Asio UDP endpoints, and the RFC 3948 §2.2 non-ESP
// marker, shared by the runtime and the load generator's sockets.
#include <algorithm>
#include <array>
#include <cstdint>

#include <boost/asio/ip/udp.hpp>

#include "platform/net/ip_address.hpp"

namespace ravelin::ike::io {

// Four zero bytes in front of every IKE message on port 4500 (ESP-in-UDP starts with a non-zero SPI).
inline constexpr std::array<uint8_t, 4> kNonEspMarker{0, 0, 0, 0};

[[nodiscard]] inline boost::asio::ip::udp::endpoint to_asio(const platform::Endpoint& e) {
  namespace ip = boost::asio::ip;
  if (e.address.is_v4()) {
    ip::address_v4::bytes_type b;
    std::copy(e.address.bytes().begin(), e.address.bytes().end(), b.begin());
    return {ip::address_v4(b), e.port};
  }
  ip::address_v6::bytes_type b;
  std::copy(e.address.bytes().begin(), e.address.bytes().end(), b.begin());
  return {ip::address_v6(b), e.port};
}

// An IPv4-mapped IPv6 source (a dual-stack socket) is reported as the IPv4 address it is.
[[nodiscard]] inline platform::IpAddress from_asio(const boost::asio::ip::address& a) {
  namespace ip = boost::asio::ip;
  if (a.is_v4()) return platform::IpAddress::v4(a.to_v4().to_bytes());
  auto v6 = a.to_v6();
  if (v6.is_v4_mapped()) return platform::IpAddress::v4(ip::make_address_v4(ip::v4_mapped, v6).to_bytes());
  return platform::IpAddress::v6(v6.to_bytes());
}

[[nodiscard]] inline platform::Endpoint from_asio(const boost::asio::ip::udp::endpoint& e) {
  return {from_asio(e.address()), e.port()};
}

}  // namespace ravelin::ike::io
