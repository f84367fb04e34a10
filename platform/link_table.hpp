#pragma once
// The host's network interfaces and their addresses (the Linux netdevs behind IOS interfaces).
// std only; the Linux implementation over libnl-route is in platform/linux/.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/net/ip_address.hpp"
#include "platform/result.hpp"

namespace ravelin::platform {

// An address on an interface: the address itself and its prefix length (192.0.2.1/24).
struct InterfaceAddress {
  IpAddress address;
  uint8_t prefix_length = 0;
  friend bool operator==(const InterfaceAddress&, const InterfaceAddress&) = default;
};

struct LinkInfo {
  int index = 0;
  std::string name;
  bool admin_up = false;  // IFF_UP ("no shutdown")
  bool oper_up = false;   // IFF_RUNNING (carrier and up)
  uint32_t mtu = 0;
  std::vector<InterfaceAddress> addresses;
};

struct LinkEvent {
  enum class Kind : uint8_t { LinkChanged, LinkRemoved, AddressAdded, AddressRemoved };
  Kind kind = Kind::LinkChanged;
  int index = 0;
  std::string name;      // for link events (empty for address events)
  bool admin_up = false; // for link events
  bool oper_up = false;
  std::optional<InterfaceAddress> address;  // for address events
};

class LinkTable {
 public:
  virtual ~LinkTable() = default;

  [[nodiscard]] virtual Result<std::vector<LinkInfo>> links() = 0;
  [[nodiscard]] virtual Result<LinkInfo> link(std::string_view name) = 0;

  [[nodiscard]] virtual Status add_address(std::string_view ifname, const InterfaceAddress& address) = 0;
  [[nodiscard]] virtual Status remove_address(std::string_view ifname, const InterfaceAddress& address) = 0;
  // `no shutdown` = set_admin_up(name, true); `shutdown` = false.
  [[nodiscard]] virtual Status set_admin_up(std::string_view ifname, bool up) = 0;

  // Readable when link/address changes wait; drain() reads and parses them without blocking.
  [[nodiscard]] virtual int event_fd() const = 0;
  [[nodiscard]] virtual std::vector<LinkEvent> drain() = 0;
};

}  // namespace ravelin::platform
