#pragma once
// Pieces both dialect builders share: leaf texts, interface inventory, ACL → selectors.
#include <optional>
#include <string>
#include <vector>

#include "grammar/config/node.hpp"
#include "ike/config/ike_config.hpp"
#include "ike/config_build/build.hpp"
#include "ipsec/commands/acl.hpp"

namespace ravelin::ike::config_build::detail {

using grammar::config::Node;

[[nodiscard]] std::vector<std::string> texts(const Node& parent, std::string_view leaf, std::string_view binding);
[[nodiscard]] std::string text(const Node& parent, std::string_view leaf, std::string_view binding);
[[nodiscard]] std::optional<int64_t> number(const Node& parent, std::string_view leaf, std::string_view binding);
// "group14" → 14; 0 when absent.
[[nodiscard]] uint16_t pfs_group(const Node& entry);

[[nodiscard]] std::vector<InterfaceInfo> collect_interfaces(const Node& root, bool asa);
[[nodiscard]] const InterfaceInfo* find_interface(const std::vector<InterfaceInfo>& v, std::string_view name);
[[nodiscard]] const InterfaceInfo* find_nameif(const std::vector<InterfaceInfo>& v, std::string_view nameif);

// The ACEs of an ACL by name, resolved to typed entries (nullopt: no such ACL).
struct ResolvedAcl {
  std::vector<ipsec::commands::Ace> aces;
};
[[nodiscard]] std::optional<ResolvedAcl> find_ios_acl(const Node& root, const std::string& name);
[[nodiscard]] std::optional<ResolvedAcl> find_asa_acl(const Node& root, const std::string& name);

// The prefixes an `object NAME` / `object-group NAME` of an ACL stands for: ASA `object network` and
// `object-group network` (nested through group-object), IOS `object-group network` blocks (objects.cpp).
[[nodiscard]] std::vector<platform::Prefix> object_prefixes(const Node& root, const ipsec::commands::AddressMatch& m);
// The fewest prefixes covering an IPv4 range first..last (at most 64; empty for IPv6 or a reversed range).
[[nodiscard]] std::vector<platform::Prefix> range_prefixes(const platform::IpAddress& first, const platform::IpAddress& last);

// Permit entries → local (source) and remote (destination) selectors, objects resolved as above.
struct Selectors {
  ipsec::ts::TrafficSelectors local;
  ipsec::ts::TrafficSelectors remote;
};
[[nodiscard]] Selectors selectors_of(const Node& root, const ResolvedAcl& acl, std::vector<std::string>& warnings,
                                     const std::string& where);

// One selector set per proxy pair: IOS negotiates one child SA per permit ACE (cisco-cli §2.9), and an
// object-group ACE stands for one ACE per (source, destination) prefix, as IOS expands it. The port
// ranges of one ACE (`neq` gives two) stay in the same set.
[[nodiscard]] std::vector<Selectors> proxy_pairs_of(const Node& root, const ResolvedAcl& acl,
                                                    std::vector<std::string>& warnings, const std::string& where);

// The sequence number of proxy pair `index` of crypto-map entry `seq`: the first pair keeps `seq` (so a
// one-permit ACL keeps its reqid), pair N is `seq + N * 65536` so that every pair has its own
// CryptoMapEntry::id() and therefore its own reqid and kernel policy. nullopt past 65535 pairs.
[[nodiscard]] std::optional<uint32_t> proxy_pair_seq(uint32_t seq, size_t index);
// The sequence number the operator typed, for messages.
[[nodiscard]] inline uint32_t typed_seq(uint32_t seq) { return seq & 0xFFFFu; }

// How a dialect names and finds the ACL of a crypto-map entry's `match address`.
struct AclLookup {
  std::optional<ResolvedAcl> (*find)(const Node& root, const std::string& name);
  const char* noun;         // "access list" (IOS) / "access-list" (ASA), as the devices spell it
  bool warn_when_empty;     // IOS also warns about an ACL that permits nothing
};
// The entry's selectors from its ACL as one union (a dynamic map narrows what the initiator proposes
// with it); with no ACL, any ⇄ any of both families (the initiator's selectors are taken as they
// are) unless `required`.
// False when the entry cannot be used; the reason goes to `warnings`.
[[nodiscard]] bool fill_selectors(const Node& root, const Node& entry, bool required, const AclLookup& lookup,
                                  config::CryptoMapEntry& e, std::vector<std::string>& warnings,
                                  const std::string& where);

// A static crypto-map entry: `base` (peers, settings, local address filled) once per proxy pair of its
// ACL, appended to `out`. False when the entry cannot be used; the reason goes to `warnings`.
[[nodiscard]] bool add_static_entries(const Node& root, const Node& entry, const AclLookup& lookup,
                                      const config::CryptoMapEntry& base, std::vector<config::CryptoMapEntry>& out,
                                      std::vector<std::string>& warnings, const std::string& where);

// Drops entries whose id() repeats an earlier one (two entries must never share a reqid), with a warning.
void drop_duplicate_ids(std::vector<config::CryptoMapEntry>& entries, std::vector<std::string>& warnings);

// Cipher/integrity of an IOS transform set node.
[[nodiscard]] config::TransformSet ios_transform_set(const Node& ts);

}  // namespace ravelin::ike::config_build::detail
