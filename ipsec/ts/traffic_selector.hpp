#pragma once
// Traffic selectors (RFC 7296 §3.13.1) and responder narrowing (§2.9).
// A selector is an address range, an IP protocol (0 = any) and a port range; it is a pure value so the
// engine, the crypto-map SPD and the kernel side can share it without knowing about the wire format.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/net/ip_address.hpp"

namespace ravelin::ipsec::ts {

struct TrafficSelector {
  platform::IpAddress start;
  platform::IpAddress end;
  uint8_t ip_protocol = 0;  // 0 = any (§3.13.1)
  uint16_t start_port = 0;
  uint16_t end_port = 65535;

  // Everything of one family: 0.0.0.0-255.255.255.255 or ::-ffff:...:ffff, any protocol and port.
  static TrafficSelector any(platform::Family family);
  static TrafficSelector from_prefix(const platform::Prefix& prefix, uint8_t ip_protocol = 0,
                                     uint16_t start_port = 0, uint16_t end_port = 65535);
  static TrafficSelector host(const platform::IpAddress& address);

  [[nodiscard]] platform::Family family() const { return start.family(); }
  // Well formed: both addresses of one family, start <= end, start_port <= end_port.
  [[nodiscard]] bool valid() const;
  [[nodiscard]] bool contains(const TrafficSelector& other) const;
  [[nodiscard]] bool contains(const platform::IpAddress& address) const;
  // The smallest prefix covering the range when the range is exactly one prefix (what the kernel's
  // XFRM selectors need); nullopt when it is not a single prefix.
  [[nodiscard]] std::optional<platform::Prefix> as_prefix() const;
  // "10.0.0.0/24 proto 6 port 80-80" style, for show and diagnostics.
  [[nodiscard]] std::string to_string() const;

  friend bool operator==(const TrafficSelector&, const TrafficSelector&) = default;
};

using TrafficSelectors = std::vector<TrafficSelector>;

// The intersection of two selectors, nullopt when they share nothing (different families, disjoint
// ranges or protocols). Protocol 0 on one side intersects with any protocol on the other.
std::optional<TrafficSelector> intersect(const TrafficSelector& a, const TrafficSelector& b);

// Responder narrowing (§2.9): every non-empty intersection of a proposed selector with a configured
// one. An empty result means TS_UNACCEPTABLE. The order follows the proposal, so that the initiator's
// first selector (the packet that triggered the negotiation, §2.9) stays first when it survives.
TrafficSelectors narrow(const TrafficSelectors& proposed, const TrafficSelectors& allowed);

// The initiator's check of a response: every returned selector lies inside something it proposed
// (a responder may only narrow, never widen).
bool is_narrowing_of(const TrafficSelectors& returned, const TrafficSelectors& proposed);

}  // namespace ravelin::ipsec::ts
