// IOS transform sets, crypto maps (static and dynamic) and VTIs → transform sets and crypto-map entries.
#include "ike/config_build/ios_parts.hpp"
#include "ipsec/commands/commands.hpp"
#include "ipsec/commands/show_internal.hpp"

namespace ravelin::ike::config_build {

namespace {

using namespace detail;
namespace cmd = ipsec::commands;

using Lifetimes = IosMapGlobals;

// Settings shared by crypto-map entries and ipsec profiles.
void apply_settings(const Node* src, const Lifetimes& g, config::CryptoMapEntry& e) {
  e.lifetime_seconds = g.seconds;
  e.lifetime_kilobytes = g.kilobytes;
  if (src == nullptr) {
    e.transform_sets = {"default"};
    return;
  }
  for (const auto& s : cmd::set_names(*src)) e.transform_sets.push_back(s);
  if (e.transform_sets.empty() && g.default_transform_set) {
    e.transform_sets = {"default"};
  }
  e.profile = text(*src, "set ikev2-profile", "profile");
  e.pfs_group = pfs_group(*src);
  if (auto s = number(*src, "set security-association lifetime seconds", "seconds")) e.lifetime_seconds = static_cast<uint32_t>(*s);
  auto kb = text(*src, "set security-association lifetime kilobytes", "kilobytes");
  if (kb == "disable") e.lifetime_kilobytes = 0;
  else if (auto k = number(*src, "set security-association lifetime kilobytes", "kilobytes")) e.lifetime_kilobytes = static_cast<uint64_t>(*k);
}

// The interface a map is bound to (first one), for the local address.
const InterfaceInfo* bound_interface(const Node& root, const std::vector<InterfaceInfo>& ifs, const std::string& map) {
  for (const Node* i : root.all("interface")) {
    if (text(*i, "crypto map", "map") == map) return find_interface(ifs, i->args().text("name"));
  }
  return nullptr;
}

constexpr AclLookup kIosAcls{find_ios_acl, "access list", true};

void add_peers(const Node& entry, config::CryptoMapEntry& e, std::vector<std::string>& warnings, const std::string& where) {
  for (const Node* p : entry.all("set peer")) {
    if (auto a = p->args().address("peer")) e.peers.push_back(*a);
    else warnings.push_back(where + ": peer " + p->args().text("peer") + " by host name is not supported");
  }
}

}  // namespace

void detail::build_ios_map_entry(const Node& root, const Node& m, const std::vector<InterfaceInfo>& ifs,
                                 const IosMapGlobals& g, std::vector<config::CryptoMapEntry>& out,
                                 std::vector<std::string>& warnings) {
  config::CryptoMapEntry e;
  e.map_name = m.args().text("name");
  e.seq = static_cast<uint32_t>(m.args().number("seq"));
  std::string where = "crypto map " + e.map_name + " " + std::to_string(e.seq);
  const InterfaceInfo* ifc = bound_interface(root, ifs, e.map_name);
  if (ifc == nullptr || ifc->hosts.empty()) {
    warnings.push_back(where + ": not applied to an interface with an address, not used");
    return;
  }
  e.local_address = ifc->hosts.front();
  if (m.args().has("dynamic")) {
    // Dynamic entries answer any peer; selectors come from the initiator, narrowed by the ACL if any.
    auto dyn_name = m.args().text("dynamic");
    for (const Node* d : root.all("crypto dynamic-map")) {
      if (d->args().text("name") != dyn_name) continue;
      config::CryptoMapEntry de = e;
      de.dynamic = true;
      de.seq = e.seq * 65536u + static_cast<uint32_t>(d->args().number("seq"));
      apply_settings(d, g, de);
      add_peers(*d, de, warnings, where);
      if (fill_selectors(root, *d, false, kIosAcls, de, warnings, where)) out.push_back(std::move(de));
    }
    return;
  }
  apply_settings(&m, g, e);
  add_peers(m, e, warnings, where);
  if (!add_static_entries(root, m, kIosAcls, e, out, warnings, where)) {
    warnings.push_back(where + ": incomplete (missing peer or access-list definitions), not used");
  }
}

namespace {

// `interface TunnelN` with `tunnel protection ipsec profile P`: one entry "TunnelN-head-0", any ⇄ any.
void build_vti(const Node& root, const Node& i, const std::vector<InterfaceInfo>& ifs, const Lifetimes& g,
               std::vector<config::CryptoMapEntry>& out, std::vector<std::string>& warnings) {
  const Node* prot = i.find("tunnel protection ipsec profile");
  if (prot == nullptr) return;
  std::string name = i.args().text("name");
  std::string where = "interface " + name;
  config::CryptoMapEntry e;
  e.map_name = name + "-head-0";
  e.seq = 65536;
  auto dst = i.find("tunnel destination");
  if (dst == nullptr || !dst->args().address("address")) {
    warnings.push_back(where + ": no tunnel destination, not used");
    return;
  }
  e.peers.push_back(*dst->args().address("address"));
  if (const Node* src = i.find("tunnel source")) {
    if (auto a = src->args().address("address")) e.local_address = *a;
    else if (const auto* si = find_interface(ifs, src->args().text("interface")); si && !si->hosts.empty()) e.local_address = si->hosts.front();
  }
  auto fam = e.peers.front().family();
  e.local_ts = {ipsec::ts::TrafficSelector::any(fam)};
  e.remote_ts = e.local_ts;
  auto pname = prot->args().text("profile");
  apply_settings(root.entry("crypto ipsec profile", {pname}), g, e);
  out.push_back(std::move(e));
}

}  // namespace

IosMapGlobals detail::ios_map_globals(const Node& root) {
  IosMapGlobals g;
  if (auto s = number(root, "crypto ipsec security-association lifetime seconds", "seconds")) g.seconds = static_cast<uint32_t>(*s);
  if (auto k = number(root, "crypto ipsec security-association lifetime kilobytes", "kilobytes")) g.kilobytes = static_cast<uint64_t>(*k);
  g.default_transform_set = cmd::smart_default_enabled(root, "crypto ipsec transform-set default");
  return g;
}

void detail::build_ios_transform_sets(const Node& root, config::IkeConfig& c) {
  for (const Node* ts : root.all("crypto ipsec transform-set")) c.transform_sets.push_back(ios_transform_set(*ts));
  if (cmd::smart_default_enabled(root, "crypto ipsec transform-set default")) {
    // Smart default: { esp-aes esp-sha-hmac } in transport mode (cisco-cli.md §2.6).
    c.transform_sets.push_back({"default", {{config::encr::kAesCbc, 128}}, {config::integ::kHmacSha1_96},
                                ipsec::sa::Mode::Transport});
  }
}

void detail::build_ios_vtis(const Node& root, const std::vector<InterfaceInfo>& ifs, const IosMapGlobals& g,
                            std::vector<config::CryptoMapEntry>& out, std::vector<std::string>& warnings) {
  for (const Node* i : root.all("interface")) build_vti(root, *i, ifs, g, out, warnings);
}

}  // namespace ravelin::ike::config_build
