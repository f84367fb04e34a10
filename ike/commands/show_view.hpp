#pragma once
// Everything the session and IPsec show commands render, gathered once per command: engine
// snapshots, the kernel's view of each child SA (counters, installed or why not), the configuration
// and the interfaces crypto maps are applied on. Formatters take a view and return text (pure), so
// tests build views from a real handshake plus hand-made kernel statuses.
#include <map>
#include <string>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "ike/engine/snapshot.hpp"
#include "ipsec/reconcile/reconciler.hpp"
#include "platform/clock.hpp"

namespace ravelin::ike::commands {

class Dataplane;

struct OperationalView {
  std::vector<engine::IkeSaSnapshot> sas;
  std::vector<ipsec::reconcile::ChildStatus> kernel;  // Dataplane::children()
  config::IkeConfigPtr config;                        // may be null
  std::map<std::string, std::string> interfaces;      // crypto map name -> interface (or nameif)
  std::map<std::string, std::string> acls;            // "MAP SEQ" -> `match address` ACL name
  bool kernel_has_esp = true;
  std::string kernel_esp_reason;  // "no ESP in this kernel: ..." when !kernel_has_esp
  platform::TimePoint now{};

  // The kernel's record of the child whose inbound SPI is given, or nullptr.
  [[nodiscard]] const ipsec::reconcile::ChildStatus* kernel_child(uint32_t inbound_spi) const;
  // The crypto-map entry a child was negotiated for, or nullptr.
  [[nodiscard]] const config::CryptoMapEntry* entry_of(const engine::ChildSaSnapshot& c) const;
  // The crypto map's name ("Tunnel0-head-0" for a VTI), or "(none)".
  [[nodiscard]] std::string map_of(const engine::ChildSaSnapshot& c) const;
  // The interface the child's crypto map is applied on; a VTI's map names its tunnel; "(none)".
  [[nodiscard]] std::string interface_of(const engine::ChildSaSnapshot& c) const;
  // Why a child carries no traffic ("" when it is installed): the kernel record's reason, else the
  // kernel's no-ESP reason, else "no kernel record".
  [[nodiscard]] std::string not_installed_reason(const engine::ChildSaSnapshot& c) const;
};

// Reads a view from the process (snapshots, kernel children with counters read now, config).
[[nodiscard]] OperationalView view_of(Dataplane& dp, std::map<std::string, std::string> interfaces,
                                      std::map<std::string, std::string> acls = {});

}  // namespace ravelin::ike::commands
