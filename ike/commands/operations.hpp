#pragma once
// The operator commands over the running process (docs/OPERATIONS.md): the show family of the
// negotiated state, `clear crypto ...`, `debug crypto ikev2 ...` and the `diagnose` view. Every
// handler reaches the process through the Dataplane service (ike/commands/dataplane.hpp) and prints
// nothing when main provided none (`ravelin check`, transcript tests without an engine).
//
// cli/main_commands.cpp calls exactly one of these after declare_ios / declare_asa:
//   ravelin::ike::commands::declare_ios_operations(set);   // --platform ios
//   ravelin::ike::commands::declare_asa_operations(set);   // --platform asa
// Both include declare_ikev2_sa_show (show_sa.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "grammar/command_set.hpp"
#include "ike/commands/dataplane.hpp"
#include "ike/engine/snapshot.hpp"

namespace ravelin::ike::commands {

void declare_ios_operations(grammar::CommandSet& s);
void declare_asa_operations(grammar::CommandSet& s);

// Pieces (one file each).
void declare_ios_clear(grammar::CommandSet& s);    // clear_commands.cpp
void declare_asa_clear(grammar::CommandSet& s);
void declare_ios_debug(grammar::CommandSet& s);    // debug_commands.cpp
void declare_asa_debug(grammar::CommandSet& s);

// Which IKE SAs a `clear` removes: all of them, one tunnel id, or those with a local/remote address.
struct ClearFilter {
  std::optional<uint32_t> tunnel_id;
  std::optional<platform::IpAddress> local;
  std::optional<platform::IpAddress> remote;
};
// Tunnel ids of the SAs the filter selects, in ascending order.
[[nodiscard]] std::vector<uint32_t> select_for_clear(const std::vector<engine::IkeSaSnapshot>& sas,
                                                     const ClearFilter& filter);
// Deletes the selected IKE SAs (INFORMATIONAL DELETE to each peer; their child SAs go with them)
// in one Dataplane::run. Returns how many were selected.
size_t clear_ike_sas(Dataplane& dp, const ClearFilter& filter);

// One child SA a `clear crypto sa` (IOS) / `clear crypto ipsec sa` (ASA) removes.
struct ChildRef {
  uint32_t tunnel_id = 0;
  uint32_t inbound_spi = 0;
  friend bool operator==(const ChildRef&, const ChildRef&) = default;
};
// The child SAs of established IKE SAs whose peer is `peer` (any without) and, with `map`, whose
// crypto-map entry belongs to that map; in tunnel id, then SPI order. `cfg` may be null (no map match).
[[nodiscard]] std::vector<ChildRef> select_children_for_clear(const std::vector<engine::IkeSaSnapshot>& sas,
                                                              const std::optional<platform::IpAddress>& peer,
                                                              const std::optional<std::string>& map,
                                                              const config::IkeConfig* cfg);
// Deletes only those child SAs (Engine::delete_child_sa: the kernel SA goes at once, the peer gets
// an INFORMATIONAL DELETE for the ESP SPI); their IKE SAs stay. Returns how many were selected.
size_t clear_child_sas(Dataplane& dp, const std::optional<platform::IpAddress>& peer,
                       const std::optional<std::string>& map);

// `show debugging` (IOS) / `show debug` (ASA) text for the given state.
[[nodiscard]] std::string format_ios_debugging(const DebugFlags& flags, const std::optional<std::string>& keylog);
[[nodiscard]] std::string format_asa_debugging(const DebugFlags& flags, const std::optional<std::string>& keylog);

}  // namespace ravelin::ike::commands
