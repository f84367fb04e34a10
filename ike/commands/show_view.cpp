// OperationalView lookups (show_view.hpp).
#include "ike/commands/show_view.hpp"

#include "ike/commands/dataplane.hpp"

namespace ravelin::ike::commands {

const ipsec::reconcile::ChildStatus* OperationalView::kernel_child(uint32_t inbound_spi) const {
  for (const auto& k : kernel) {
    if (k.inbound_spi == inbound_spi) return &k;
  }
  return nullptr;
}

const config::CryptoMapEntry* OperationalView::entry_of(const engine::ChildSaSnapshot& c) const {
  return config ? config->find_map_entry(c.map_entry_id) : nullptr;
}

std::string OperationalView::map_of(const engine::ChildSaSnapshot& c) const {
  const auto* e = entry_of(c);
  return e != nullptr ? e->map_name : "(none)";
}

std::string OperationalView::interface_of(const engine::ChildSaSnapshot& c) const {
  const auto* e = entry_of(c);
  if (e == nullptr) return "(none)";
  if (auto it = interfaces.find(e->map_name); it != interfaces.end()) return it->second;
  // A VTI's implicit map is "<Tunnel>-head-0" (cisco-cli.md §4.5).
  static constexpr std::string_view kHead = "-head-0";
  const auto& m = e->map_name;
  if (m.size() > kHead.size() && m.compare(m.size() - kHead.size(), kHead.size(), kHead) == 0)
    return m.substr(0, m.size() - kHead.size());
  return "(none)";
}

std::string OperationalView::not_installed_reason(const engine::ChildSaSnapshot& c) const {
  const auto* k = kernel_child(c.inbound_spi);
  if (k != nullptr) {
    if (k->state != ipsec::reconcile::ChildState::NotInstalled) return "";
    if (!k->reason.empty()) return k->reason;
  }
  if (!kernel_has_esp) return kernel_esp_reason.empty() ? "no ESP in this kernel" : kernel_esp_reason;
  return k != nullptr ? "not installed" : "no kernel record of this SA";
}

OperationalView view_of(Dataplane& dp, std::map<std::string, std::string> interfaces,
                        std::map<std::string, std::string> acls) {
  OperationalView v;
  v.sas = dp.engine().snapshot();
  v.kernel = dp.children();
  v.config = dp.config();
  v.interfaces = std::move(interfaces);
  v.acls = std::move(acls);
  v.kernel_has_esp = dp.kernel_has_esp();
  if (!v.kernel_has_esp) v.kernel_esp_reason = dp.kernel_esp_reason();
  v.now = dp.now();
  return v;
}

}  // namespace ravelin::ike::commands
