#include "cli/interface_inventory.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace ravelin::cli {

InterfaceInventory::InterfaceInventory(std::vector<InterfaceEntry> entries) : entries_(std::move(entries)) {}

InterfaceInventory InterfaceInventory::discover(const std::vector<InterfaceMap>& maps,
                                                const std::string& sys_class_net) {
  std::vector<InterfaceEntry> out;
  if (!maps.empty()) {
    for (const auto& m : maps) out.push_back({m.name, m.linux_dev});
    return InterfaceInventory(std::move(out));
  }
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(sys_class_net, ec)) {
    std::string dev = e.path().filename().string();
    out.push_back({dev, dev});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return InterfaceInventory(std::move(out));
}

std::vector<std::string> InterfaceInventory::names() const {
  std::vector<std::string> n;
  for (const auto& e : entries_) n.push_back(e.name);
  return n;
}

std::optional<InterfaceEntry> InterfaceInventory::find(std::string_view name) const {
  auto eq = [&](const InterfaceEntry& e) {
    return e.name.size() == name.size() &&
           std::equal(e.name.begin(), e.name.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
           });
  };
  auto it = std::find_if(entries_.begin(), entries_.end(), eq);
  if (it == entries_.end()) return std::nullopt;
  return *it;
}

}  // namespace ravelin::cli
