#pragma once
// Which interface names the shell accepts (`interface eth0`, `interface GigabitEthernet0/0`) and the
// Linux netdev behind each: the --interface NAME=LINUXDEV maps when given, else every netdev under
// its own name.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.hpp"

namespace ravelin::cli {

struct InterfaceEntry {
  std::string name;       // as the operator types and the running-config shows it
  std::string linux_dev;  // the netdev
  friend bool operator==(const InterfaceEntry&, const InterfaceEntry&) = default;
};

class InterfaceInventory {
 public:
  InterfaceInventory() = default;
  explicit InterfaceInventory(std::vector<InterfaceEntry> entries);
  // The maps when any are given; otherwise the netdevs listed in `sys_class_net` (sorted).
  static InterfaceInventory discover(const std::vector<InterfaceMap>& maps,
                                     const std::string& sys_class_net = "/sys/class/net");

  [[nodiscard]] const std::vector<InterfaceEntry>& entries() const { return entries_; }
  [[nodiscard]] std::vector<std::string> names() const;
  // Case-insensitive exact match on the name.
  [[nodiscard]] std::optional<InterfaceEntry> find(std::string_view name) const;

 private:
  std::vector<InterfaceEntry> entries_;
};

}  // namespace ravelin::cli
