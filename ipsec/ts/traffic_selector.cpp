#include "ipsec/ts/traffic_selector.hpp"

#include <algorithm>

namespace ravelin::ipsec::ts {

using platform::Family;
using platform::IpAddress;
using platform::Prefix;

TrafficSelector TrafficSelector::any(Family family) {
  if (family == Family::V4) {
    return {IpAddress::v4(0u), IpAddress::v4(0xffffffffu), 0, 0, 65535};
  }
  std::array<uint8_t, 16> zero{};
  std::array<uint8_t, 16> ones{};
  ones.fill(0xff);
  return {IpAddress::v6(zero), IpAddress::v6(ones), 0, 0, 65535};
}

TrafficSelector TrafficSelector::from_prefix(const Prefix& prefix, uint8_t ip_protocol,
                                             uint16_t start_port, uint16_t end_port) {
  return {prefix.first(), prefix.last(), ip_protocol, start_port, end_port};
}

TrafficSelector TrafficSelector::host(const IpAddress& address) {
  return {address, address, 0, 0, 65535};
}

bool TrafficSelector::valid() const {
  return start.family() == end.family() && start <= end && start_port <= end_port;
}

bool TrafficSelector::contains(const IpAddress& address) const {
  return address.family() == family() && start <= address && address <= end;
}

bool TrafficSelector::contains(const TrafficSelector& other) const {
  if (other.family() != family()) return false;
  if (ip_protocol != 0 && ip_protocol != other.ip_protocol) return false;
  return start <= other.start && other.end <= end && start_port <= other.start_port &&
         other.end_port <= end_port;
}

std::optional<Prefix> TrafficSelector::as_prefix() const {
  if (!valid()) return std::nullopt;
  const int max_len = static_cast<int>(start.size() * 8);
  for (int len = max_len; len >= 0; --len) {
    Prefix p(start, static_cast<uint8_t>(len));
    if (p.first() != start) return std::nullopt;  // start is not aligned for shorter prefixes either
    if (p.last() == end) return p;
    if (end < p.last()) return std::nullopt;
  }
  return std::nullopt;
}

std::string TrafficSelector::to_string() const {
  std::string out;
  if (auto p = as_prefix()) {
    out = p->to_string();
  } else {
    out = start.to_string() + "-" + end.to_string();
  }
  if (ip_protocol != 0) out += " proto " + std::to_string(ip_protocol);
  if (start_port != 0 || end_port != 65535) {
    out += " port " + std::to_string(start_port) + "-" + std::to_string(end_port);
  }
  return out;
}

std::optional<TrafficSelector> intersect(const TrafficSelector& a, const TrafficSelector& b) {
  if (!a.valid() || !b.valid() || a.family() != b.family()) return std::nullopt;
  if (a.ip_protocol != 0 && b.ip_protocol != 0 && a.ip_protocol != b.ip_protocol) return std::nullopt;
  TrafficSelector r;
  r.start = std::max(a.start, b.start);
  r.end = std::min(a.end, b.end);
  r.ip_protocol = a.ip_protocol != 0 ? a.ip_protocol : b.ip_protocol;
  r.start_port = std::max(a.start_port, b.start_port);
  r.end_port = std::min(a.end_port, b.end_port);
  if (!r.valid()) return std::nullopt;
  return r;
}

TrafficSelectors narrow(const TrafficSelectors& proposed, const TrafficSelectors& allowed) {
  TrafficSelectors out;
  for (const auto& p : proposed) {
    for (const auto& a : allowed) {
      auto i = intersect(p, a);
      if (i && std::find(out.begin(), out.end(), *i) == out.end()) out.push_back(*i);
    }
  }
  return out;
}

bool is_narrowing_of(const TrafficSelectors& returned, const TrafficSelectors& proposed) {
  if (returned.empty()) return false;
  return std::all_of(returned.begin(), returned.end(), [&](const TrafficSelector& r) {
    return std::any_of(proposed.begin(), proposed.end(),
                       [&](const TrafficSelector& p) { return p.contains(r); });
  });
}

}  // namespace ravelin::ipsec::ts
