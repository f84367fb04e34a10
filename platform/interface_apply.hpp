#pragma once
// Applies the interface part of the running-config (`ip address A M [secondary]`, `ipv6 address P`,
// `shutdown`) to the Linux netdevs the interfaces are mapped to, through LinkTable. std only.
//
// It converges by diff and touches only what the config asks for:
// - an address is ravelin's once the config has named it (during this process); when the config
//   stops naming it (`no ip address`, `no ipv6 address`, the interface removed from the config or
//   unmapped) it is removed from the netdev;
// - an address the config never named (DHCP, an IPv6 link-local, one added by hand) is never
//   removed, even when the config names other addresses on that netdev;
// - the admin state is set only for interfaces in the config, and only when it differs;
//   an interface that leaves the config keeps its admin state.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "platform/link_table.hpp"
#include "platform/log.hpp"

namespace ravelin::platform {

// What the config wants for one mapped interface.
struct InterfaceIntent {
  std::string config_name;  // "GigabitEthernet0/0", for messages
  std::string linux_dev;    // the mapped netdev, "eth0"
  // IPv4 primary first, then secondaries, then IPv6, in config order. On Linux the first address
  // of a subnet is its primary, so the order keeps IOS's primary the kernel's primary.
  std::vector<InterfaceAddress> addresses;
  bool shutdown = false;
};

struct InterfaceApplyReport {
  std::vector<std::string> changes;  // "GigabitEthernet0/0 (eth0): added 192.0.2.1/24"
  std::vector<std::string> errors;   // one per failed kernel call or missing netdev
  [[nodiscard]] bool ok() const { return errors.empty(); }
};

class InterfaceApplier {
 public:
  InterfaceApplier(LinkTable& links, Logger& logger);

  // Converges every netdev named in `desired` (and those of interfaces that left it) to the config.
  // Never fails as a whole: each failure is one line of `errors`, logged, and retried by the next
  // apply()/reapply(). Every change and error is logged under category "interface".
  InterfaceApplyReport apply(const std::vector<InterfaceIntent>& desired);

  // apply() with the last desired state: call it when LinkTable reports a link or address change
  // (a netdev that appears late, an address someone removed by hand).
  InterfaceApplyReport reapply();

  // The addresses ravelin manages on `linux_dev` (named by the config at some point and not yet
  // removed).
  [[nodiscard]] std::vector<InterfaceAddress> managed(const std::string& linux_dev) const;

 private:
  void converge(const InterfaceIntent& intent, InterfaceApplyReport& report);
  void release(const std::string& linux_dev, const std::string& label, InterfaceApplyReport& report);
  void note(InterfaceApplyReport& report, const std::string& label, const std::string& what, bool error);

  LinkTable& links_;
  Logger& logger_;
  std::vector<InterfaceIntent> desired_;
  std::map<std::string, std::vector<InterfaceAddress>> managed_;  // by netdev
};

// "192.0.2.1/24", "2001:db8::1/64".
[[nodiscard]] std::string to_string(const InterfaceAddress& address);

}  // namespace ravelin::platform
