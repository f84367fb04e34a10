#pragma once
// The running-config tree of either dialect → the one typed IkeConfig the engine consumes
// (DESIGN.md "The path of one line"), plus what changed since the previous build.
//
//   auto built = ike::config_build::build(snapshot.root(), grammar::Dialect::Ios);
//   engine.on_config(now, built.config);
//   auto changes = ike::config_build::diff(*previous, *built.config);
//
// IOS: proposals (+ the smart-default proposal and policy unless disabled), policies, keyrings,
// profiles, transform sets (+ default), crypto-map entries (ACL permits → selectors, local address
// from the interface the map is bound to), VTIs (`tunnel protection ipsec profile`) as one entry
// each named "<Tunnel>-head-0". ASA: `crypto ikev2 policy N` → proposal "N" in priority order,
// tunnel-groups → keyring "tunnel-groups" + one profile "tunnel-group NAME", ipsec-proposals →
// transform sets, crypto maps bound with `crypto map M interface IF`.
// Things the engine cannot do yet (certificates, EAP, hostnames as peers) become warnings.
#include <string>
#include <vector>

#include "grammar/command_set.hpp"
#include "grammar/config/node.hpp"
#include "ike/config/ike_config.hpp"
#include "platform/net/ip_address.hpp"

namespace ravelin::ike::config_build {

struct InterfaceInfo {
  std::string name;                       // canonical, "GigabitEthernet0/0"
  std::string nameif;                     // ASA name ("outside"), empty on IOS
  std::vector<platform::Prefix> addresses;  // primary first (host bits cleared)
  std::vector<platform::IpAddress> hosts;   // the interface's own addresses, same order
  bool shutdown = false;
};

struct Built {
  config::IkeConfigPtr config;
  std::vector<InterfaceInfo> interfaces;
  std::vector<std::string> warnings;  // "crypto map CMAP 10: incomplete (no peer), not used"
};

[[nodiscard]] Built build(const grammar::config::Node& root, grammar::Dialect dialect);
[[nodiscard]] Built build_ios(const grammar::config::Node& root);
[[nodiscard]] Built build_asa(const grammar::config::Node& root);

// One object added, removed or modified between two configs ("proposal", "10", Modified).
struct ConfigChange {
  enum class Op : uint8_t { Added, Removed, Modified };
  std::string kind;  // proposal, policy, keyring, profile, transform-set, crypto-map, global
  std::string name;  // object name; crypto-map entries are "NAME SEQ"
  Op op = Op::Modified;
  friend bool operator==(const ConfigChange&, const ConfigChange&) = default;
};
using ConfigChanges = std::vector<ConfigChange>;

[[nodiscard]] ConfigChanges diff(const config::IkeConfig& before, const config::IkeConfig& after);
// "+ proposal 10", "- crypto-map CMAP 10", "~ global" lines (no secrets).
[[nodiscard]] std::string describe(const ConfigChanges& changes);

}  // namespace ravelin::ike::config_build
