// Network objects and object-groups named in crypto ACLs → prefixes. The ASA declares them as
// commands (`object network`, `object-group network`); IOS keeps `object-group network NAME` blocks
// verbatim (an unimplemented subsystem for the shell), so their lines are read here.

#include "ike/config_build/common.hpp"

namespace ravelin::ike::config_build::detail {

namespace {

namespace cmd = ipsec::commands;
using platform::IpAddress;
using platform::Prefix;

constexpr int kMaxDepth = 8;  // nested group-object chains (a loop stops here)

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

void expand_asa(const Node& root, const cmd::AddressMatch& m, std::vector<Prefix>& out, int depth);

void expand_asa_object(const Node& root, const std::string& name, std::vector<Prefix>& out) {
  const Node* o = root.entry("object network", {name});
  if (o == nullptr) return;
  if (const Node* h = o->find("host")) {
    if (auto a = h->args().address("host")) out.push_back(Prefix::host(*a));
  }
  if (const Node* s = o->find("subnet")) {
    if (auto p = s->args().prefix_with_mask("net", "mask")) out.push_back(*p);
  }
  if (const Node* r = o->find("range")) {
    auto first = r->args().address("first");
    auto last = r->args().address("last");
    if (first && last) {
      for (const auto& p : range_prefixes(*first, *last)) out.push_back(p);
    }
  }
}

void expand_asa(const Node& root, const cmd::AddressMatch& m, std::vector<Prefix>& out, int depth) {
  if (depth > kMaxDepth) return;
  if (m.kind == cmd::AddressMatch::Kind::Object) {
    expand_asa_object(root, m.name, out);
    return;
  }
  const Node* g = root.entry("object-group network", {m.name});
  if (g == nullptr) return;
  for (const Node* n : g->all("network-object")) {
    const auto& a = n->args();
    if (auto h = a.address("host")) out.push_back(Prefix::host(*h));
    if (auto p = a.has("net") ? a.prefix_with_mask("net", "mask") : std::nullopt) out.push_back(*p);
    if (a.has("object")) expand_asa_object(root, a.text("object"), out);
  }
  for (const Node* n : g->all("group-object")) {
    expand_asa(root, {cmd::AddressMatch::Kind::ObjectGroup, {}, n->args().text("group")}, out, depth + 1);
  }
}

const Node* ios_network_group(const Node& root, std::string_view name) {
  for (const Node* v : root.all("object-group")) {
    auto w = split_words(v->words());  // "object-group network NAME"
    if (w.size() >= 3 && w[1] == "network" && w[2] == name) return v;
  }
  return nullptr;
}

// One line of an IOS `object-group network` block (cisco-cli.md §2.10): `host A`, `A MASK` (a netmask,
// unlike the ACL's wildcards), `X:X::X/M`, `range A B`, `any`, `group-object NAME`, `description …`.
void expand_ios_line(const Node& root, const std::vector<std::string_view>& w, std::vector<Prefix>& out, int depth);

void expand_ios(const Node& root, std::string_view name, std::vector<Prefix>& out, int depth) {
  if (depth > kMaxDepth) return;
  const Node* g = ios_network_group(root, name);
  if (g == nullptr) return;
  for (const auto& line : g->verbatim_lines()) expand_ios_line(root, split_words(line), out, depth);
}

void expand_ios_line(const Node& root, const std::vector<std::string_view>& w, std::vector<Prefix>& out, int depth) {
  if (w.empty()) return;
  if (w[0] == "any" && w.size() == 1) {
    out.push_back(Prefix(IpAddress(), 0));
  } else if (w[0] == "host" && w.size() == 2) {
    if (auto a = IpAddress::parse(w[1])) out.push_back(Prefix::host(*a));
  } else if (w[0] == "range" && w.size() == 3) {
    auto first = IpAddress::parse(w[1]);
    auto last = IpAddress::parse(w[2]);
    if (first && last) {
      for (const auto& p : range_prefixes(*first, *last)) out.push_back(p);
    }
  } else if (w[0] == "group-object" && w.size() == 2) {
    expand_ios(root, w[1], out, depth + 1);
  } else if (w.size() == 2) {
    auto a = IpAddress::parse(w[0]);
    auto mask = IpAddress::parse(w[1]);
    if (a && mask) {
      if (auto p = Prefix::from_mask(*a, *mask)) out.push_back(*p);
    }
  } else if (w.size() == 1) {
    if (auto p = Prefix::parse(w[0])) out.push_back(*p);
  }
}

}  // namespace

std::vector<Prefix> range_prefixes(const IpAddress& first, const IpAddress& last) {
  std::vector<Prefix> out;
  if (!first.is_v4() || !last.is_v4() || last < first) return out;
  uint64_t lo = first.v4_host_order();
  const uint64_t hi = last.v4_host_order();
  while (lo <= hi && out.size() < 64) {
    // The largest block aligned at `lo` that stays inside the range.
    int bits = 0;
    while (bits < 32 && (lo & ((uint64_t{1} << (bits + 1)) - 1)) == 0 && lo + (uint64_t{1} << (bits + 1)) - 1 <= hi) ++bits;
    out.emplace_back(IpAddress::v4(static_cast<uint32_t>(lo)), static_cast<uint8_t>(32 - bits));
    lo += uint64_t{1} << bits;
  }
  return out;
}

std::vector<Prefix> object_prefixes(const Node& root, const cmd::AddressMatch& m) {
  std::vector<Prefix> out;
  expand_asa(root, m, out, 0);
  if (out.empty() && m.kind == cmd::AddressMatch::Kind::ObjectGroup) expand_ios(root, m.name, out, 0);
  return out;
}

}  // namespace ravelin::ike::config_build::detail
