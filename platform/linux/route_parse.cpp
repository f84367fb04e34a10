#include "platform/linux/route_parse.hpp"

#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>
#include <vector>

namespace ravelin::platform::linux {
namespace {

// Walks the attributes after a fixed header; calls f(type, payload) for each well-formed one.
template <typename F>
bool for_each_attr(std::span<const uint8_t> attrs, F&& f) {
  size_t offset = 0;
  while (offset + sizeof(rtattr) <= attrs.size()) {
    rtattr a;
    std::memcpy(&a, attrs.data() + offset, sizeof a);
    if (a.rta_len < sizeof(rtattr) || offset + a.rta_len > attrs.size()) return false;
    f(a.rta_type, attrs.subspan(offset + RTA_LENGTH(0), a.rta_len - RTA_LENGTH(0)));
    offset += RTA_ALIGN(a.rta_len);
  }
  return true;
}

Result<LinkEvent> parse_link(const nlmsghdr& hdr, std::span<const uint8_t> body) {
  if (body.size() < sizeof(ifinfomsg)) return make_error("link message too short");
  ifinfomsg ifi;
  std::memcpy(&ifi, body.data(), sizeof ifi);
  LinkEvent ev;
  ev.kind = hdr.nlmsg_type == RTM_DELLINK ? LinkEvent::Kind::LinkRemoved : LinkEvent::Kind::LinkChanged;
  ev.index = ifi.ifi_index;
  ev.admin_up = (ifi.ifi_flags & IFF_UP) != 0;
  ev.oper_up = (ifi.ifi_flags & IFF_RUNNING) != 0;
  const bool ok = for_each_attr(body.subspan(NLMSG_ALIGN(sizeof ifi)), [&](uint16_t type, auto payload) {
    if (type == IFLA_IFNAME && !payload.empty()) {
      const char* s = reinterpret_cast<const char*>(payload.data());
      ev.name.assign(s, strnlen(s, payload.size()));
    }
  });
  if (!ok) return make_error("malformed link attributes");
  return ev;
}

Result<LinkEvent> parse_address(const nlmsghdr& hdr, std::span<const uint8_t> body) {
  if (body.size() < sizeof(ifaddrmsg)) return make_error("address message too short");
  ifaddrmsg ifa;
  std::memcpy(&ifa, body.data(), sizeof ifa);
  const size_t len = ifa.ifa_family == AF_INET ? 4 : ifa.ifa_family == AF_INET6 ? 16 : 0;
  if (len == 0) return make_error("address of an unknown family");
  std::optional<IpAddress> local;
  std::optional<IpAddress> address;
  const bool ok = for_each_attr(body.subspan(NLMSG_ALIGN(sizeof ifa)), [&](uint16_t type, auto payload) {
    if (payload.size() != len) return;
    if (type == IFA_LOCAL) local = IpAddress::from_bytes(payload);
    if (type == IFA_ADDRESS) address = IpAddress::from_bytes(payload);
  });
  if (!ok) return make_error("malformed address attributes");
  // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
  std::optional<IpAddress> own = local ? local : address;
  if (!own) return make_error("address message without an address");
  if (ifa.ifa_prefixlen > len * 8) return make_error("address prefix length too long");
  LinkEvent ev;
  ev.kind = hdr.nlmsg_type == RTM_DELADDR ? LinkEvent::Kind::AddressRemoved : LinkEvent::Kind::AddressAdded;
  ev.index = static_cast<int>(ifa.ifa_index);
  ev.address = InterfaceAddress{*own, ifa.ifa_prefixlen};
  return ev;
}

}  // namespace

Result<LinkEvent> parse_link_event(std::span<const uint8_t> message) {
  if (message.size() < sizeof(nlmsghdr)) return make_error("netlink message shorter than its header");
  nlmsghdr hdr;
  std::memcpy(&hdr, message.data(), sizeof hdr);
  if (hdr.nlmsg_len < NLMSG_HDRLEN || hdr.nlmsg_len > message.size()) {
    return make_error("netlink message length field is wrong");
  }
  std::span<const uint8_t> body = message.subspan(NLMSG_HDRLEN, hdr.nlmsg_len - NLMSG_HDRLEN);
  switch (hdr.nlmsg_type) {
    case RTM_NEWLINK:
    case RTM_DELLINK: return parse_link(hdr, body);
    case RTM_NEWADDR:
    case RTM_DELADDR: return parse_address(hdr, body);
    default: return make_error("not a link or address message");
  }
}

}  // namespace ravelin::platform::linux
