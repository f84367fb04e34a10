#pragma once
// Shared by the operator commands (show_*.cpp, clear_*.cpp, debug_*.cpp): the Dataplane of an exec
// context, the interface each crypto map is applied on, and the per-SA facts of the configuration.
#include <map>
#include <string>

#include "grammar/command_set.hpp"
#include "grammar/exec_context.hpp"
#include "ike/commands/dataplane.hpp"
#include "ike/commands/show_sa.hpp"
#include "ike/config/ike_config.hpp"
#include "ipsec/ts/traffic_selector.hpp"

namespace ravelin::ike::commands::ops {

// The process's Dataplane, or nullptr (the handler then prints nothing and succeeds).
[[nodiscard]] inline Dataplane* dataplane(const grammar::ExecContext& ctx) {
  return ctx.services.get<Dataplane>();
}

// Crypto map name -> the interface it is applied on (IOS `interface X` / ` crypto map M`; ASA
// `crypto map M interface NAMEIF`), read from the running-config of the context (empty without one).
[[nodiscard]] std::map<std::string, std::string> map_interfaces(const grammar::ExecContext& ctx);

// "MAP SEQ" -> the ACL its `match address` names (both dialects), from the running-config.
[[nodiscard]] std::map<std::string, std::string> map_acls(const grammar::ExecContext& ctx);

// DPD and window size of an SA as configured (its profile's DPD, else the global one).
[[nodiscard]] SaShowSettings settings_for(const config::IkeConfig* cfg, const engine::IkeSaSnapshot& sa);

// "192.168.1.0/0 - 192.168.1.255/65535" (start/start-port - end/end-port), as IKEv2 sessions print.
[[nodiscard]] std::string range_text(const ipsec::ts::TrafficSelector& ts);
// "192.168.1.0/255.255.255.0/0/0" (addr/mask/prot/port) when the range is one prefix, else the
// range ("192.168.1.5-192.168.1.9/0/0"), as `show crypto ipsec sa` prints an ident.
[[nodiscard]] std::string ident_text(const ipsec::ts::TrafficSelector& ts);

}  // namespace ravelin::ike::commands::ops
