#pragma once
// IncrementalBuilder internals: what a commit touched, and the crypto-map slots (incremental_maps.cpp).
#include <string>
#include <unordered_set>
#include <vector>

#include "ike/config_build/ios_parts.hpp"

namespace ravelin::ike::config_build::detail {

// One top-level entry that differs between two trees (before only: removed; after only: added).
struct TopChange {
  const Node* before = nullptr;
  const Node* after = nullptr;
  [[nodiscard]] const Node& node() const { return after ? *after : *before; }
};
[[nodiscard]] std::vector<TopChange> top_changes(const Node& from, const Node& to);

// Which sections of the IOS build a set of top-level changes invalidates.
struct Dirty {
  bool all = false;  // something the builder cannot attribute: rebuild everything
  bool interfaces = false;
  bool proposals = false;  // and policies
  bool keyrings = false;
  bool profiles = false;  // and the PKI objects
  bool transform_sets = false;
  bool maps = false;  // every crypto-map entry (something they all read changed)
  std::vector<TopChange> map_entries;   // `crypto map NAME SEQ` entries added, removed or edited
  std::unordered_set<std::string> acls;  // ACL names whose entries changed
};
[[nodiscard]] Dirty classify(const std::vector<TopChange>& changes);

// One `crypto map NAME SEQ` entry and what it built, in running-config order.
struct MapSlot {
  const Node* node = nullptr;  // kept alive by the builder's tree
  std::vector<config::CryptoMapEntry> entries;
  std::vector<std::string> warnings;
  std::string acl;       // `match address` name
  bool dynamic = false;  // reads `crypto dynamic-map` entries and their ACLs
  bool touched = false;  // rebuilt by this update
};

struct MapSlots {
  std::vector<MapSlot> slots;
  // Entries before dropping repeated reqids, of the slots this update rebuilt (removed ones included),
  // in vector order: old ones as they were, new ones as they are.
  std::vector<config::CryptoMapEntry> old_touched, new_touched;
  bool rebuilt_all = false;
};

struct MapInputs {
  const Node& root;
  const std::vector<InterfaceInfo>& interfaces;
  const IosMapGlobals& globals;
};

// Rebuilds every slot from the tree.
void rebuild_all_slots(const MapInputs& in, MapSlots& m);
// Applies `d`'s crypto-map changes and ACL changes to the slots; false when a slot cannot be found
// (the caller then rebuilds them all).
[[nodiscard]] bool update_slots(const MapInputs& in, const Dirty& d, MapSlots& m);

}  // namespace ravelin::ike::config_build::detail
