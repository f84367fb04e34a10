#pragma once
// The `crypto ipsec …`, crypto map, ACL, interface and object command families of both dialects,
// and the verbatim list of subsystems ravelin keeps but does not implement. ike/commands calls these
// from its own per-dialect registration (ike::commands::declare_ios / declare_asa), which is what
// cli/main.cpp wires.
#include <string>
#include <string_view>
#include <vector>

#include "grammar/command_set.hpp"
#include "grammar/config/node.hpp"
#include "ipsec/commands/transforms.hpp"

namespace ravelin::ipsec::commands {

// Running-config order (cisco-cli.md §4.9): ikev2 objects, then ipsec globals, transform sets, ipsec
// profiles, crypto maps, interfaces, routing, ACLs, lines.
namespace rank {
inline constexpr int kIkev2Proposal = 100;
inline constexpr int kIkev2Policy = 110;
inline constexpr int kIkev2Keyring = 120;
inline constexpr int kIkev2Profile = 130;
inline constexpr int kIkev2Global = 140;
inline constexpr int kIpsecGlobal = 150;
inline constexpr int kTransformSet = 160;
inline constexpr int kIpsecProfile = 170;
inline constexpr int kDynamicMap = 180;
inline constexpr int kCryptoMap = 190;
inline constexpr int kObject = 90;        // ASA objects come before the ACLs and crypto that use them
inline constexpr int kTunnelGroup = 195;
inline constexpr int kInterface = 300;
inline constexpr int kRouting = 400;
inline constexpr int kAcl = 500;
inline constexpr int kCryptoMapInterface = 196;  // ASA `crypto map M interface IF`
inline constexpr int kLate = 800;
// ASA order (show running-config): interfaces, objects, access-lists, routes, ipsec proposals and
// profiles, crypto maps and their interface lines, ikev2 policies, ikev2 enable, tunnel-groups.
inline constexpr int kAsaInterface = 50;
inline constexpr int kAsaObject = 60;
inline constexpr int kAsaAcl = 70;
inline constexpr int kAsaIkev2Policy = 200;
inline constexpr int kAsaIkev2Enable = 201;
inline constexpr int kAsaIkev2Global = 202;
inline constexpr int kAsaTunnelGroup = 300;
}  // namespace rank

// IOS: transform sets, ipsec profiles and globals, crypto maps (+ dynamic), ACLs, interfaces.
void declare_ios(grammar::CommandSet& s);
// ASA: ipsec-proposals, ipsec profiles, crypto maps (+ dynamic), access-lists, objects, interfaces.
void declare_asa(grammar::CommandSet& s);

// The top-level keywords whose lines (and indented sub-mode lines) are kept verbatim, per dialect.
[[nodiscard]] const std::vector<std::string>& passthrough_keywords(grammar::Dialect d);

// Pieces (one file each).
void declare_ios_transform_sets(grammar::CommandSet& s);
void declare_ios_crypto_maps(grammar::CommandSet& s);
void declare_ios_acls(grammar::CommandSet& s);
void declare_ios_interfaces(grammar::CommandSet& s);
void declare_asa_ipsec(grammar::CommandSet& s);
void declare_asa_acls(grammar::CommandSet& s);
void declare_asa_interfaces(grammar::CommandSet& s);
void declare_passthrough(grammar::CommandSet& s);
// `set transform-set|pfs|security-association lifetime|ikev2-profile` (crypto maps, ipsec profiles).
void declare_ios_sa_settings(grammar::Scope& sc);
void declare_ios_ipsec_shows(grammar::CommandSet& s);
void declare_asa_ipsec_shows(grammar::CommandSet& s);

// Shared helpers for validate hooks.
// True when the built-in IOS object `kind` ("crypto ipsec transform-set") named "default" is not
// disabled by `no <kind> default` in this tree.
[[nodiscard]] bool smart_default_enabled(const grammar::config::Node& root, std::string_view kind);
// The typed transforms of a transform-set node (from its header bindings t1..t4 / b1..b4).
[[nodiscard]] std::vector<TypedTransform> transforms_of(const grammar::Args& args);

}  // namespace ravelin::ipsec::commands
