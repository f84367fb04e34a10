#include "ike/config_build/common.hpp"

#include <algorithm>
#include <charconv>
#include <unordered_set>

#include "ipsec/commands/commands.hpp"
#include "ipsec/commands/transforms.hpp"

namespace ravelin::ike::config_build::detail {

namespace cmd = ipsec::commands;

std::vector<std::string> texts(const Node& parent, std::string_view leaf, std::string_view binding) {
  std::vector<std::string> out;
  const Node* n = parent.find(leaf);
  if (n == nullptr) return out;
  for (const auto& v : n->args().list(binding)) out.push_back(v.text());
  return out;
}

std::string text(const Node& parent, std::string_view leaf, std::string_view binding) {
  auto v = parent.value(leaf, binding);
  return v ? v->text() : std::string();
}

std::optional<int64_t> number(const Node& parent, std::string_view leaf, std::string_view binding) {
  auto v = parent.value(leaf, binding);
  if (!v) return std::nullopt;
  if (v->is_number()) return v->number();
  int64_t n = 0;
  const auto& t = v->text();
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return n;
}

uint16_t pfs_group(const Node& entry) {
  const Node* p = entry.find("set pfs");
  if (p == nullptr) return 0;
  auto g = p->args().text("group");
  if (g.empty()) return 2;  // ASA `set pfs` alone means group2
  uint16_t n = 0;
  std::from_chars(g.data() + 5, g.data() + g.size(), n);
  return n;
}

std::vector<InterfaceInfo> collect_interfaces(const Node& root, bool asa) {
  std::vector<InterfaceInfo> out;
  for (const Node* i : root.all("interface")) {
    InterfaceInfo info;
    info.name = i->args().text("name");
    if (asa) info.nameif = text(*i, "nameif", "nameif");
    info.shutdown = i->find("shutdown") != nullptr;
    auto add = [&](const Node* n) {
      auto p = n->args().prefix_with_mask("address", "mask");
      auto a = n->args().address("address");
      if (p && a) {
        info.addresses.push_back(*p);
        info.hosts.push_back(*a);
      }
    };
    if (const Node* ip = i->find("ip address")) add(ip);
    for (const Node* sec : i->all("ip address secondary")) add(sec);
    for (const Node* v6 : i->all("ipv6 address")) {
      if (auto v = v6->args().find("prefix")) {
        if (auto p = v->prefix()) info.addresses.push_back(*p);
        if (auto a = v->address()) info.hosts.push_back(*a);
      }
    }
    out.push_back(std::move(info));
  }
  return out;
}

const InterfaceInfo* find_interface(const std::vector<InterfaceInfo>& v, std::string_view name) {
  auto it = std::find_if(v.begin(), v.end(), [&](const InterfaceInfo& i) { return i.name == name; });
  return it == v.end() ? nullptr : &*it;
}

const InterfaceInfo* find_nameif(const std::vector<InterfaceInfo>& v, std::string_view nameif) {
  auto it = std::find_if(v.begin(), v.end(), [&](const InterfaceInfo& i) { return !nameif.empty() && i.nameif == nameif; });
  return it == v.end() ? nullptr : &*it;
}

namespace {

void add_ace(ResolvedAcl& acl, const grammar::Args& args) {
  if (args.has("remark")) return;
  auto ace = cmd::ace_from_args(args);
  if (ace.ok()) acl.aces.push_back(*ace);
}

std::vector<platform::Prefix> prefixes_of(const Node& root, const cmd::AddressMatch& m, std::vector<std::string>& warnings,
                                          const std::string& where) {
  using K = cmd::AddressMatch::Kind;
  switch (m.kind) {
    case K::Any: return {platform::Prefix(platform::IpAddress(), 0)};
    case K::Prefix: return {m.prefix};
    case K::Object:
    case K::ObjectGroup: {
      auto out = object_prefixes(root, m);
      if (out.empty()) warnings.push_back(where + ": object " + m.name + " resolves to no address");
      return out;
    }
    case K::Interface: warnings.push_back(where + ": interface addresses in crypto ACLs are not supported"); return {};
  }
  return {};
}

void add_unique(ipsec::ts::TrafficSelectors& v, const ipsec::ts::TrafficSelector& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

std::optional<ResolvedAcl> find_ios_acl(const Node& root, const std::string& name) {
  for (const char* kind : {"ip access-list extended", "ip access-list standard"}) {
    if (const Node* acl = root.entry(kind, {name})) {
      ResolvedAcl out;
      for (const Node* e : acl->children()) add_ace(out, e->args());
      return out;
    }
  }
  std::optional<ResolvedAcl> out;
  for (const char* id : {"access-list extended", "access-list standard"}) {
    for (const Node* e : root.all(id)) {
      if (e->args().text("number") != name) continue;
      if (!out) out.emplace();
      add_ace(*out, e->args());
    }
  }
  return out;
}

std::optional<ResolvedAcl> find_asa_acl(const Node& root, const std::string& name) {
  std::optional<ResolvedAcl> out;
  for (const Node* e : root.all("access-list")) {
    if (e->args().text("name") != name) continue;
    if (!out) out.emplace();
    add_ace(*out, e->args());
  }
  return out;
}

Selectors selectors_of(const Node& root, const ResolvedAcl& acl, std::vector<std::string>& warnings,
                       const std::string& where) {
  Selectors out;
  for (const auto& ace : acl.aces) {
    auto pairs = cmd::selector_pairs(ace, prefixes_of(root, ace.src, warnings, where),
                                     prefixes_of(root, ace.dst, warnings, where));
    for (const auto& p : pairs) {
      add_unique(out.local, p.local);
      add_unique(out.remote, p.remote);
    }
  }
  return out;
}

std::vector<Selectors> proxy_pairs_of(const Node& root, const ResolvedAcl& acl, std::vector<std::string>& warnings,
                                      const std::string& where) {
  std::vector<Selectors> out;
  for (const auto& ace : acl.aces) {
    if (!ace.permit) continue;
    auto srcs = prefixes_of(root, ace.src, warnings, where);
    auto dsts = prefixes_of(root, ace.dst, warnings, where);
    for (const auto& s : srcs) {
      for (const auto& d : dsts) {
        Selectors one;
        for (const auto& p : cmd::selector_pairs(ace, {s}, {d})) {
          add_unique(one.local, p.local);
          add_unique(one.remote, p.remote);
        }
        bool seen = std::any_of(out.begin(), out.end(), [&](const Selectors& o) {
          return o.local == one.local && o.remote == one.remote;
        });
        if (!one.local.empty() && !seen) out.push_back(std::move(one));
      }
    }
  }
  return out;
}

std::optional<uint32_t> proxy_pair_seq(uint32_t seq, size_t index) {
  if (index > 0xFFFFu) return std::nullopt;
  return typed_seq(seq) + (static_cast<uint32_t>(index) << 16);
}

bool add_static_entries(const Node& root, const Node& entry, const AclLookup& lookup,
                        const config::CryptoMapEntry& base, std::vector<config::CryptoMapEntry>& out,
                        std::vector<std::string>& warnings, const std::string& where) {
  auto acl_name = text(entry, "match address", "acl");
  if (acl_name.empty() || base.peers.empty()) return false;
  auto acl = lookup.find(root, acl_name);
  if (!acl) {
    warnings.push_back(where + ": " + lookup.noun + " " + acl_name + " does not exist");
    return false;
  }
  auto pairs = proxy_pairs_of(root, *acl, warnings, where);
  if (pairs.empty()) {
    if (lookup.warn_when_empty) warnings.push_back(where + ": " + lookup.noun + " " + acl_name + " permits nothing");
    return false;
  }
  for (size_t i = 0; i < pairs.size(); ++i) {
    auto seq = proxy_pair_seq(base.seq, i);
    if (!seq) {
      warnings.push_back(where + ": only the first 65536 permit entries of " + acl_name + " are used");
      break;
    }
    config::CryptoMapEntry e = base;
    e.seq = *seq;
    e.local_ts = std::move(pairs[i].local);
    e.remote_ts = std::move(pairs[i].remote);
    out.push_back(std::move(e));
  }
  return true;
}

void drop_duplicate_ids(std::vector<config::CryptoMapEntry>& entries, std::vector<std::string>& warnings) {
  std::unordered_set<uint32_t> seen;
  std::erase_if(entries, [&](const config::CryptoMapEntry& e) {
    if (seen.insert(e.id()).second) return false;
    warnings.push_back("crypto map " + e.map_name + " " + std::to_string(typed_seq(e.seq)) +
                       ": shares its reqid with another entry, not used");
    return true;
  });
}

config::TransformSet ios_transform_set(const Node& ts) {
  config::TransformSet out;
  out.name = ts.args().text("name");
  for (const auto& t : cmd::transforms_of(ts.args())) {
    const auto* info = cmd::find_ios_transform(t.keyword);
    if (info == nullptr) continue;
    if (info->group == cmd::TransformGroup::EspCipher) {
      out.encryption.push_back({info->encr_id, t.bits != 0 ? t.bits : info->default_bits});
      if (info->combined) out.integrity = {config::integ::kNone};
    } else if (info->group == cmd::TransformGroup::EspAuth) {
      out.integrity = {info->integ_id};
    }
  }
  auto mode = ts.value("mode", "mode");
  out.mode = (mode && mode->text() == "transport") ? ipsec::sa::Mode::Transport : ipsec::sa::Mode::Tunnel;
  return out;
}

bool fill_selectors(const Node& root, const Node& entry, bool required, const AclLookup& lookup,
                    config::CryptoMapEntry& e, std::vector<std::string>& warnings, const std::string& where) {
  auto acl_name = text(entry, "match address", "acl");
  if (acl_name.empty()) {
    if (required) return false;
    e.local_ts = {ipsec::ts::TrafficSelector::any(platform::Family::V4),
                  ipsec::ts::TrafficSelector::any(platform::Family::V6)};
    e.remote_ts = e.local_ts;
    return true;
  }
  auto acl = lookup.find(root, acl_name);
  if (!acl) {
    warnings.push_back(where + ": " + lookup.noun + " " + acl_name + " does not exist");
    return false;
  }
  auto sel = selectors_of(root, *acl, warnings, where);
  if (sel.local.empty()) {
    if (lookup.warn_when_empty) warnings.push_back(where + ": " + lookup.noun + " " + acl_name + " permits nothing");
    return false;
  }
  e.local_ts = std::move(sel.local);
  e.remote_ts = std::move(sel.remote);
  return true;
}

}  // namespace ravelin::ike::config_build::detail
