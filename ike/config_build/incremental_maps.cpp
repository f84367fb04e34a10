// Crypto-map slots of the IncrementalBuilder: one per `crypto map NAME SEQ` entry, rebuilt only when
// the entry itself or the ACL it names changed.
#include <algorithm>

#include "ike/config_build/incremental_parts.hpp"

namespace ravelin::ike::config_build::detail {

namespace {

void build_slot(const MapInputs& in, MapSlot& s) {
  s.entries.clear();
  s.warnings.clear();
  build_ios_map_entry(in.root, *s.node, in.interfaces, in.globals, s.entries, s.warnings);
  s.acl = text(*s.node, "match address", "acl");
  s.dynamic = s.node->args().has("dynamic");
  s.touched = true;
}

// The slot of `n` (same declaration, ordered as Node::all orders them), or slots.size().
size_t position(const std::vector<MapSlot>& slots, const Node& n) {
  auto it = std::lower_bound(slots.begin(), slots.end(), n,
                             [](const MapSlot& s, const Node& x) { return grammar::config::runs_before(*s.node, x); });
  return static_cast<size_t>(it - slots.begin());
}

// A dynamic entry reads its dynamic map's entries and their ACLs, which classify() does not track
// per name: any ACL change rebuilds it (`crypto dynamic-map` changes rebuild every slot).
bool reads_changed_acl(const MapSlot& s, const Dirty& d) {
  if (d.acls.empty()) return false;
  return s.dynamic || d.acls.contains(s.acl);
}

}  // namespace

void rebuild_all_slots(const MapInputs& in, MapSlots& m) {
  m.slots.clear();
  m.old_touched.clear();
  m.new_touched.clear();
  m.rebuilt_all = true;
  for (const Node* n : in.root.all("crypto map")) {
    m.slots.push_back({.node = n});
    build_slot(in, m.slots.back());
  }
}

bool update_slots(const MapInputs& in, const Dirty& d, MapSlots& m) {
  m.old_touched.clear();
  m.new_touched.clear();
  m.rebuilt_all = false;
  for (auto& s : m.slots) s.touched = false;
  // Edited and removed entries: found by their old node, rebuilt or dropped below.
  std::vector<const Node*> replacement(m.slots.size(), nullptr);
  std::vector<bool> removed(m.slots.size(), false), stale(m.slots.size(), false);
  for (const TopChange& c : d.map_entries) {
    if (c.before == nullptr) continue;
    const size_t i = position(m.slots, *c.before);
    if (i == m.slots.size() || m.slots[i].node != c.before) return false;
    stale[i] = true;
    if (c.after) replacement[i] = c.after;
    else removed[i] = true;
  }
  for (size_t i = 0; i < m.slots.size(); ++i) stale[i] = stale[i] || reads_changed_acl(m.slots[i], d);
  bool any_removed = false;
  for (size_t i = 0; i < m.slots.size(); ++i) {
    if (!stale[i]) continue;
    MapSlot& s = m.slots[i];
    for (auto& e : s.entries) m.old_touched.push_back(std::move(e));
    if (removed[i]) {
      s.node = nullptr;
      any_removed = true;
      continue;
    }
    if (replacement[i]) s.node = replacement[i];
    build_slot(in, s);
  }
  if (any_removed) std::erase_if(m.slots, [](const MapSlot& s) { return s.node == nullptr; });
  // Added entries, each at its place in running-config order.
  for (const TopChange& c : d.map_entries) {
    if (c.before != nullptr) continue;
    const size_t i = position(m.slots, *c.after);
    auto it = m.slots.insert(m.slots.begin() + static_cast<std::ptrdiff_t>(i), MapSlot{.node = c.after});
    build_slot(in, *it);
  }
  for (const auto& s : m.slots) {
    if (s.touched) m.new_touched.insert(m.new_touched.end(), s.entries.begin(), s.entries.end());
  }
  return true;
}

}  // namespace ravelin::ike::config_build::detail
