// ASA crypto maps (+ dynamic) and VTIs → crypto-map entries.
#include "ike/config_build/common.hpp"

namespace ravelin::ike::config_build {

namespace {

using namespace detail;

void apply_settings(const Node& src, uint32_t seconds, uint64_t kilobytes, config::CryptoMapEntry& e) {
  e.transform_sets = texts(src, "set ikev2 ipsec-proposal", "proposals");
  e.pfs_group = pfs_group(src);
  e.lifetime_seconds = seconds;
  e.lifetime_kilobytes = kilobytes;
  if (auto s = number(src, "set security-association lifetime seconds", "seconds")) e.lifetime_seconds = static_cast<uint32_t>(*s);
  auto kb = text(src, "set security-association lifetime kilobytes", "kilobytes");
  if (kb == "unlimited") e.lifetime_kilobytes = 0;
  else if (auto k = number(src, "set security-association lifetime kilobytes", "kilobytes")) e.lifetime_kilobytes = static_cast<uint64_t>(*k);
}

const InterfaceInfo* bound_interface(const Node& root, const std::vector<InterfaceInfo>& ifs, const std::string& map) {
  for (const Node* b : root.all("crypto map interface")) {
    if (b->args().text("name") == map) return find_nameif(ifs, b->args().text("nameif"));
  }
  return nullptr;
}

constexpr AclLookup kAsaAcls{find_asa_acl, "access-list", false};

// `interface TunnelN` with `tunnel protection ipsec profile P` (ASA 9.7+ VTI): any ⇄ any.
void build_vti(const Node& root, const Node& i, const std::vector<InterfaceInfo>& ifs, uint32_t seconds,
               uint64_t kilobytes, config::IkeConfig& c, std::vector<std::string>& warnings) {
  const Node* prot = i.find("tunnel protection ipsec profile");
  if (prot == nullptr) return;
  std::string name = i.args().text("name");
  const Node* dst = i.find("tunnel destination");
  const Node* prof = root.entry("crypto ipsec profile", {prot->args().text("profile")});
  if (dst == nullptr || !dst->args().address("address") || prof == nullptr) {
    warnings.push_back("interface " + name + ": needs a tunnel destination and an existing ipsec profile, not used");
    return;
  }
  config::CryptoMapEntry e;
  e.map_name = name + "-head-0";
  e.seq = 65536;
  e.peers.push_back(*dst->args().address("address"));
  if (const auto* src = find_nameif(ifs, text(i, "tunnel source interface", "nameif")); src && !src->hosts.empty()) {
    e.local_address = src->hosts.front();
  }
  e.local_ts = {ipsec::ts::TrafficSelector::any(e.peers.front().family())};
  e.remote_ts = e.local_ts;
  apply_settings(*prof, seconds, kilobytes, e);
  std::string tg = "tunnel-group " + e.peers.front().to_string();
  if (c.find_profile(tg) != nullptr) e.profile = tg;
  c.crypto_map.push_back(std::move(e));
}

}  // namespace

void build_asa_maps(const Node& root, const std::vector<InterfaceInfo>& ifs, config::IkeConfig& c,
                    std::vector<std::string>& warnings) {
  uint32_t seconds = static_cast<uint32_t>(number(root, "crypto ipsec security-association lifetime seconds", "seconds").value_or(28800));
  uint64_t kb = static_cast<uint64_t>(number(root, "crypto ipsec security-association lifetime kilobytes", "kilobytes").value_or(4608000));
  for (const Node* m : root.all("crypto map")) {
    config::CryptoMapEntry e;
    e.map_name = m->args().text("name");
    e.seq = static_cast<uint32_t>(m->args().number("seq"));
    std::string where = "crypto map " + e.map_name + " " + std::to_string(e.seq);
    const InterfaceInfo* ifc = bound_interface(root, ifs, e.map_name);
    if (ifc == nullptr || ifc->hosts.empty()) {
      warnings.push_back(where + ": not applied to an interface with an address, not used");
      continue;
    }
    e.local_address = ifc->hosts.front();
    if (auto dyn = text(*m, "ipsec-isakmp dynamic", "dynamic"); !dyn.empty()) {
      for (const Node* d : root.all("crypto dynamic-map")) {
        if (d->args().text("name") != dyn) continue;
        config::CryptoMapEntry de = e;
        de.dynamic = true;
        de.seq = e.seq * 65536u + static_cast<uint32_t>(d->args().number("seq"));
        apply_settings(*d, seconds, kb, de);
        if (fill_selectors(root, *d, false, kAsaAcls, de, warnings, where)) c.crypto_map.push_back(std::move(de));
      }
      continue;
    }
    apply_settings(*m, seconds, kb, e);
    if (const Node* p = m->find("set peer")) {
      for (const auto& v : p->args().list("peers")) {
        if (auto a = v.address()) e.peers.push_back(*a);
        else warnings.push_back(where + ": peer " + v.text() + " by host name is not supported");
      }
    }
    if (!e.peers.empty()) {
      std::string tg = "tunnel-group " + e.peers.front().to_string();
      if (c.find_profile(tg) != nullptr) e.profile = tg;
    }
    if (!add_static_entries(root, *m, kAsaAcls, e, c.crypto_map, warnings, where)) {
      warnings.push_back(where + ": incomplete (missing peer or access-list), not used");
    }
  }
  for (const Node* i : root.all("interface")) build_vti(root, *i, ifs, seconds, kb, c, warnings);
  drop_duplicate_ids(c.crypto_map, warnings);
}

}  // namespace ravelin::ike::config_build
