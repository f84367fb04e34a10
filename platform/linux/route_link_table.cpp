#include "platform/linux/route_link_table.hpp"

#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <sys/socket.h>

#include <map>

#include "platform/linux/netlink.hpp"
#include "platform/linux/route_parse.hpp"

namespace ravelin::platform::linux {
namespace {

struct CacheDeleter {
  void operator()(nl_cache* c) const { nl_cache_free(c); }
};
struct LinkDeleter {
  void operator()(rtnl_link* l) const { rtnl_link_put(l); }
};
struct AddrDeleter {
  void operator()(rtnl_addr* a) const { rtnl_addr_put(a); }
};
struct NlAddrDeleter {
  void operator()(nl_addr* a) const { nl_addr_put(a); }
};
using CachePtr = std::unique_ptr<nl_cache, CacheDeleter>;
using LinkPtr = std::unique_ptr<rtnl_link, LinkDeleter>;
using AddrPtr = std::unique_ptr<rtnl_addr, AddrDeleter>;
using NlAddrPtr = std::unique_ptr<nl_addr, NlAddrDeleter>;

std::optional<IpAddress> to_ip(nl_addr* a) {
  if (a == nullptr) return std::nullopt;
  const auto* p = static_cast<const uint8_t*>(nl_addr_get_binary_addr(a));
  return IpAddress::from_bytes(std::span<const uint8_t>(p, nl_addr_get_len(a)));
}

class RouteLinkTable final : public LinkTable {
 public:
  RouteLinkTable(NlSockPtr sock, NetlinkSocket events) : sock_(std::move(sock)), events_(std::move(events)) {}

  Result<std::vector<LinkInfo>> links() override;
  Result<LinkInfo> link(std::string_view name) override;
  Status add_address(std::string_view ifname, const InterfaceAddress& address) override {
    return change_address(ifname, address, true);
  }
  Status remove_address(std::string_view ifname, const InterfaceAddress& address) override {
    return change_address(ifname, address, false);
  }
  Status set_admin_up(std::string_view ifname, bool up) override;
  int event_fd() const override { return events_.fd(); }
  std::vector<LinkEvent> drain() override;

 private:
  Status change_address(std::string_view ifname, const InterfaceAddress& address, bool add);
  Result<std::map<int, std::vector<InterfaceAddress>>> addresses();

  NlSockPtr sock_;
  NetlinkSocket events_;
};

Result<std::map<int, std::vector<InterfaceAddress>>> RouteLinkTable::addresses() {
  nl_cache* raw = nullptr;
  if (int err = rtnl_addr_alloc_cache(sock_.get(), &raw); err < 0) {
    return make_error(std::string("cannot read addresses: ") + nl_geterror(err));
  }
  CachePtr cache(raw);
  std::map<int, std::vector<InterfaceAddress>> out;
  for (nl_object* o = nl_cache_get_first(cache.get()); o != nullptr; o = nl_cache_get_next(o)) {
    auto* a = reinterpret_cast<rtnl_addr*>(o);
    auto ip = to_ip(rtnl_addr_get_local(a));
    if (!ip) continue;
    out[rtnl_addr_get_ifindex(a)].push_back({*ip, static_cast<uint8_t>(rtnl_addr_get_prefixlen(a))});
  }
  return out;
}

Result<std::vector<LinkInfo>> RouteLinkTable::links() {
  nl_cache* raw = nullptr;
  if (int err = rtnl_link_alloc_cache(sock_.get(), AF_UNSPEC, &raw); err < 0) {
    return make_error(std::string("cannot read interfaces: ") + nl_geterror(err));
  }
  CachePtr cache(raw);
  auto addrs = addresses();
  if (!addrs) return addrs.error();
  std::vector<LinkInfo> out;
  for (nl_object* o = nl_cache_get_first(cache.get()); o != nullptr; o = nl_cache_get_next(o)) {
    auto* l = reinterpret_cast<rtnl_link*>(o);
    LinkInfo info;
    info.index = rtnl_link_get_ifindex(l);
    info.name = rtnl_link_get_name(l) ? rtnl_link_get_name(l) : "";
    const unsigned flags = rtnl_link_get_flags(l);
    info.admin_up = (flags & IFF_UP) != 0;
    info.oper_up = (flags & IFF_RUNNING) != 0;
    info.mtu = rtnl_link_get_mtu(l);
    if (auto it = addrs->find(info.index); it != addrs->end()) info.addresses = it->second;
    out.push_back(std::move(info));
  }
  return out;
}

Result<LinkInfo> RouteLinkTable::link(std::string_view name) {
  auto all = links();
  if (!all) return all.error();
  for (LinkInfo& l : *all) {
    if (l.name == name) return std::move(l);
  }
  return make_error("no interface named " + std::string(name));
}

Status RouteLinkTable::change_address(std::string_view ifname, const InterfaceAddress& address, bool add) {
  if (address.prefix_length > address.address.size() * 8) return make_error("prefix length too long");
  auto l = link(ifname);
  if (!l) return l.error();
  AddrPtr a(rtnl_addr_alloc());
  NlAddrPtr local(nl_addr_build(address.address.is_v4() ? AF_INET : AF_INET6, address.address.bytes().data(),
                                address.address.size()));
  if (!a || !local) return make_error("out of memory");
  rtnl_addr_set_ifindex(a.get(), l->index);
  // libnl takes the prefix length from the nl_addr when the local address is set, so set it there.
  nl_addr_set_prefixlen(local.get(), address.prefix_length);
  if (int err = rtnl_addr_set_local(a.get(), local.get()); err < 0) return make_error(nl_geterror(err));
  rtnl_addr_set_prefixlen(a.get(), address.prefix_length);
  // A router's configured address is usable at once (no duplicate address detection wait).
  if (address.address.is_v6()) rtnl_addr_set_flags(a.get(), IFA_F_NODAD);
  const int err = add ? rtnl_addr_add(sock_.get(), a.get(), 0) : rtnl_addr_delete(sock_.get(), a.get(), 0);
  if (err < 0) {
    return make_error(std::string(add ? "cannot add " : "cannot remove ") + address.address.to_string() + "/" +
                      std::to_string(address.prefix_length) + " on " + std::string(ifname) + ": " +
                      nl_geterror(err));
  }
  return {};
}

Status RouteLinkTable::set_admin_up(std::string_view ifname, bool up) {
  rtnl_link* raw = nullptr;
  if (int err = rtnl_link_get_kernel(sock_.get(), 0, std::string(ifname).c_str(), &raw); err < 0) {
    return make_error("no interface named " + std::string(ifname) + ": " + nl_geterror(err));
  }
  LinkPtr current(raw);
  LinkPtr change(rtnl_link_alloc());
  if (!change) return make_error("out of memory");
  if (up) {
    rtnl_link_set_flags(change.get(), IFF_UP);
  } else {
    rtnl_link_unset_flags(change.get(), IFF_UP);
  }
  if (int err = rtnl_link_change(sock_.get(), current.get(), change.get(), 0); err < 0) {
    return make_error("cannot set " + std::string(ifname) + (up ? " up: " : " down: ") + nl_geterror(err));
  }
  return {};
}

std::vector<LinkEvent> RouteLinkTable::drain() {
  std::vector<LinkEvent> out;
  for (const Bytes& m : events_.receive_available()) {
    auto ev = parse_link_event(m);
    if (ev) out.push_back(std::move(*ev));
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<LinkTable>> make_route_link_table() {
  NlSockPtr sock(nl_socket_alloc());
  if (!sock) return make_error("out of memory");
  if (int err = nl_connect(sock.get(), NETLINK_ROUTE); err < 0) {
    return make_error(std::string("rtnetlink unavailable: ") + nl_geterror(err));
  }
  auto events = NetlinkSocket::open(NETLINK_ROUTE);
  if (!events) return events.error();
  if (Status s = events->subscribe({RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR}); !s) return s.error();
  return std::unique_ptr<LinkTable>(std::make_unique<RouteLinkTable>(std::move(sock), std::move(*events)));
}

}  // namespace ravelin::platform::linux
