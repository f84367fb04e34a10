#include "platform/linux/xfrm_convert.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <array>
#include <cstring>

namespace ravelin::platform::linux {

uint16_t af_of(const IpAddress& a) { return a.is_v4() ? AF_INET : AF_INET6; }

xfrm_address_t to_xfrm(const IpAddress& a) {
  xfrm_address_t x;
  std::memset(&x, 0, sizeof x);
  std::memcpy(&x, a.bytes().data(), a.size());
  return x;
}

xfrm_selector to_xfrm(const Selector& s) {
  xfrm_selector x;
  std::memset(&x, 0, sizeof x);
  x.family = af_of(s.dst.address());
  x.daddr = to_xfrm(s.dst.address());
  x.saddr = to_xfrm(s.src.address());
  x.prefixlen_d = s.dst.length();
  x.prefixlen_s = s.src.length();
  x.proto = s.protocol;
  x.dport_mask = htons(effective_port_mask(s.dst_port, s.dst_port_mask));
  x.dport = static_cast<uint16_t>(htons(s.dst_port) & x.dport_mask);
  x.sport_mask = htons(effective_port_mask(s.src_port, s.src_port_mask));
  x.sport = static_cast<uint16_t>(htons(s.src_port) & x.sport_mask);
  return x;
}

std::optional<IpAddress> from_xfrm(const xfrm_address_t& a, uint16_t family) {
  const auto* p = reinterpret_cast<const uint8_t*>(&a);
  if (family == AF_INET) return IpAddress::from_bytes(std::span<const uint8_t>(p, 4));
  if (family == AF_INET6) return IpAddress::from_bytes(std::span<const uint8_t>(p, 16));
  return std::nullopt;
}

std::optional<Selector> from_xfrm(const xfrm_selector& x) {
  auto d = from_xfrm(x.daddr, x.family);
  auto s = from_xfrm(x.saddr, x.family);
  if (!d || !s) return std::nullopt;
  const uint8_t bits = x.family == AF_INET ? 32 : 128;
  if (x.prefixlen_d > bits || x.prefixlen_s > bits) return std::nullopt;
  Selector sel{Prefix(*s, x.prefixlen_s), Prefix(*d, x.prefixlen_d), x.proto, 0, 0};
  const uint16_t smask = ntohs(x.sport_mask);
  const uint16_t dmask = ntohs(x.dport_mask);
  sel.src_port = ntohs(x.sport) & smask;
  sel.dst_port = ntohs(x.dport) & dmask;
  sel.src_port_mask = canonical_port_mask(sel.src_port, smask);
  sel.dst_port_mask = canonical_port_mask(sel.dst_port, dmask);
  return sel;
}

}  // namespace ravelin::platform::linux
