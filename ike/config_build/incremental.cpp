// IncrementalBuilder: the IOS build in sections, rebuilt only where a commit touched the tree.
#include "ike/config_build/incremental.hpp"

#include <unordered_map>

#include "ike/config_build/diff_parts.hpp"
#include "ike/config_build/incremental_parts.hpp"

namespace ravelin::ike::config_build {

namespace detail {

std::vector<TopChange> top_changes(const Node& from, const Node& to) {
  std::vector<TopChange> out;
  auto ia = from.child_map().begin();
  auto ib = to.child_map().begin();
  const auto ea = from.child_map().end();
  const auto eb = to.child_map().end();
  while (ia != ea || ib != eb) {
    if (ia != ea && ib != eb && ia.at_chunk_start() && ib.at_chunk_start() && ia.chunk() == ib.chunk()) {
      ia.skip_chunk();  // shared by both trees: the same entries
      ib.skip_chunk();
      continue;
    }
    if (ib == eb || (ia != ea && ia->first < ib->first)) {
      out.push_back({ia->second.get(), nullptr});
      ++ia;
    } else if (ia == ea || ib->first < ia->first) {
      out.push_back({nullptr, ib->second.get()});
      ++ib;
    } else {
      if (ia->second != ib->second) out.push_back({ia->second.get(), ib->second.get()});
      ++ia;
      ++ib;
    }
  }
  return out;
}

namespace {

bool is_named_acl(const std::string& id) { return id == "ip access-list extended" || id == "ip access-list standard"; }
bool is_acl(const std::string& id) {
  return is_named_acl(id) || id == "access-list extended" || id == "access-list standard";
}
// The name `match address` uses: the named ACL's, or a numbered entry's number.
std::string acl_name(const Node& n) { return n.args().text(is_named_acl(n.id()) ? "name" : "number"); }

// Marks what one top-level change invalidates; false when the builder does not know what reads it.
bool mark(const TopChange& c, Dirty& d) {
  const std::string& id = c.node().id();
  if (id == "crypto map") {
    d.map_entries.push_back(c);
  } else if (is_acl(id)) {
    for (const Node* n : {c.before, c.after}) {
      if (n) d.acls.emplace(acl_name(*n));
    }
  } else if (id == "interface") {
    d.interfaces = d.profiles = d.maps = true;  // addresses, `match address local`, bound maps, VTIs
  } else if (id == "crypto ikev2 keyring") {
    d.keyrings = true;
  } else if (id == "crypto ikev2 profile" || id.starts_with("crypto pki ")) {
    d.profiles = true;
  } else if (id.starts_with("crypto ikev2 proposal") || id.starts_with("crypto ikev2 policy")) {
    d.proposals = true;  // the entries and the smart defaults
  } else if (id == "crypto ipsec transform-set" || id == "crypto ipsec transform-set default") {
    d.transform_sets = true;  // map entries read the smart default through ios_map_globals()
  } else if (id == "crypto dynamic-map" || id.starts_with("object")) {
    d.maps = true;
  } else if (id.starts_with("crypto ipsec security-association lifetime")) {
    // Read through ios_map_globals(), which update() compares.
  } else if (id == "crypto ipsec profile" || id == "hostname" || id == "crypto ikev2 dpd" ||
             id == "crypto ikev2 window" || id == "crypto ikev2 cookie-challenge" ||
             id == "crypto ikev2 nat keepalive" || id == "crypto ikev2 limit max-in-negotation-sa") {
    // VTIs and the globals are rebuilt on every update; the hostname is not read.
  } else {
    return false;
  }
  return true;
}

}  // namespace

Dirty classify(const std::vector<TopChange>& changes) {
  Dirty d;
  for (const auto& c : changes) {
    if (!mark(c, d)) {
      d.all = true;
      break;
    }
  }
  if (d.all) {
    d.interfaces = d.proposals = d.keyrings = d.profiles = d.transform_sets = d.maps = true;
  }
  return d;
}

}  // namespace detail

using namespace detail;

struct IncrementalBuilder::State {
  grammar::Dialect dialect;
  grammar::config::NodePtr root;  // the previous call's tree: keeps every slot's node alive
  Built built;                    // the previous call's result
  // IOS sections, as the previous call built them.
  std::vector<config::IkeProposal> proposals;
  std::vector<config::IkePolicy> policies;
  struct KeyringSlot {
    const Node* node = nullptr;
    config::Keyring keyring;
    std::vector<const Node*> peers;  // the node of each of keyring.peers
  };
  std::vector<KeyringSlot> keyrings;
  config::IkeConfig profiles;  // profiles, PKI objects, and the keyrings of inline keys
  std::vector<std::string> profile_warnings;
  std::vector<config::TransformSet> transform_sets;
  IosMapGlobals globals;
  MapSlots maps;
  std::vector<config::CryptoMapEntry> vtis, old_vtis;  // rebuilt on every update
  size_t dropped = 0, old_dropped = 0;                 // entries drop_duplicate_ids removed

  explicit State(grammar::Dialect d) : dialect(d) {}
  void rebuild_keyrings(const Node& root);
  void rebuild_sections(const Node& root, Dirty& d, const std::vector<InterfaceInfo>& interfaces);
  std::shared_ptr<config::IkeConfig> assemble(const Node& root, const std::vector<InterfaceInfo>& interfaces,
                                              std::vector<std::string>& warnings);
  [[nodiscard]] ConfigChanges changes(const config::IkeConfig& before, const config::IkeConfig& after,
                                      const Dirty& d) const;
  Update build_ios(const Node& root, Dirty d);
};

namespace {

// A keyring entry the commit touched: peers whose node is unchanged keep what they built (a keyring
// of 10,000 peers edited one peer at a time).
void rebuild_keyring(const Node& k, const std::vector<const Node*>& old_peers, std::vector<config::KeyringPeer>& old,
                     config::Keyring& kr, std::vector<const Node*>& peers) {
  std::unordered_map<const Node*, size_t> index;
  for (size_t i = 0; i < old_peers.size(); ++i) index.emplace(old_peers[i], i);
  kr.name = k.args().text("name");
  for (const Node* p : k.all("peer")) {
    auto it = index.find(p);
    kr.peers.push_back(it != index.end() ? std::move(old[it->second]) : ios_keyring_peer(*p));
    peers.push_back(p);
  }
}

}  // namespace

void IncrementalBuilder::State::rebuild_keyrings(const Node& root) {
  // A keyring entry the commit did not touch is the same node, and builds the same Keyring.
  std::unordered_map<const Node*, size_t> by_node;
  std::unordered_map<std::string, size_t> by_name;
  for (size_t i = 0; i < keyrings.size(); ++i) {
    by_node.emplace(keyrings[i].node, i);
    by_name.emplace(keyrings[i].keyring.name, i);
  }
  std::vector<KeyringSlot> now;
  for (const Node* k : root.all("crypto ikev2 keyring")) {
    if (auto it = by_node.find(k); it != by_node.end()) {
      now.push_back(std::move(keyrings[it->second]));
      continue;
    }
    KeyringSlot slot{.node = k};
    static const std::vector<const Node*> kNone;
    std::vector<config::KeyringPeer> none;
    auto it = by_name.find(k->args().text("name"));
    KeyringSlot* was = it != by_name.end() ? &keyrings[it->second] : nullptr;
    rebuild_keyring(*k, was ? was->peers : kNone, was ? was->keyring.peers : none, slot.keyring, slot.peers);
    now.push_back(std::move(slot));
  }
  keyrings = std::move(now);
}

void IncrementalBuilder::State::rebuild_sections(const Node& root, Dirty& d,
                                                 const std::vector<InterfaceInfo>& interfaces) {
  if (d.proposals) {
    config::IkeConfig c;
    build_ios_proposals_and_policies(root, c);
    proposals = std::move(c.proposals);
    policies = std::move(c.policies);
  }
  if (d.keyrings) rebuild_keyrings(root);
  if (d.profiles) {
    profiles = config::IkeConfig();
    profile_warnings.clear();
    build_ios_profiles(root, interfaces, profiles, profile_warnings);
  }
  if (d.transform_sets) {
    config::IkeConfig c;
    build_ios_transform_sets(root, c);
    transform_sets = std::move(c.transform_sets);
  }
  const IosMapGlobals g = ios_map_globals(root);
  if (!(g == globals)) d.maps = true;
  globals = g;
  const MapInputs in{root, interfaces, globals};
  if (d.maps || !update_slots(in, d, maps)) {
    d.maps = true;
    rebuild_all_slots(in, maps);
  }
}

// build_ios's order: keyrings then inline-key keyrings; profile warnings, map entries', VTIs', the
// dropped duplicates', the globals'.
std::shared_ptr<config::IkeConfig> IncrementalBuilder::State::assemble(const Node& root,
                                                                      const std::vector<InterfaceInfo>& interfaces,
                                                                      std::vector<std::string>& warnings) {
  auto c = std::make_shared<config::IkeConfig>(profiles);
  c->proposals = proposals;
  c->policies = policies;
  c->keyrings.clear();
  c->keyrings.reserve(keyrings.size() + profiles.keyrings.size());
  for (const auto& k : keyrings) c->keyrings.push_back(k.keyring);
  c->keyrings.insert(c->keyrings.end(), profiles.keyrings.begin(), profiles.keyrings.end());
  c->transform_sets = transform_sets;
  warnings = profile_warnings;
  size_t count = 0;
  for (const auto& s : maps.slots) count += s.entries.size();
  c->crypto_map.reserve(count + 4);
  for (const auto& s : maps.slots) {
    c->crypto_map.insert(c->crypto_map.end(), s.entries.begin(), s.entries.end());
    warnings.insert(warnings.end(), s.warnings.begin(), s.warnings.end());
  }
  old_vtis = std::move(vtis);
  vtis.clear();
  build_ios_vtis(root, interfaces, globals, vtis, warnings);
  c->crypto_map.insert(c->crypto_map.end(), vtis.begin(), vtis.end());
  const size_t before = c->crypto_map.size();
  drop_duplicate_ids(c->crypto_map, warnings);
  old_dropped = dropped;
  dropped = before - c->crypto_map.size();
  build_ios_globals(root, *c, warnings);
  return c;
}

// Only the sections this update rebuilt can differ. Crypto-map entries: the rebuilt slots' entries and
// the VTIs, unless a reqid repeats (then which entry survives depends on the whole list).
ConfigChanges IncrementalBuilder::State::changes(const config::IkeConfig& before, const config::IkeConfig& after,
                                                 const Dirty& d) const {
  if (d.all) return diff(before, after);
  ConfigChanges out;
  if (d.proposals) {
    compare_objects(before.proposals, after.proposals, "proposal", out);
    compare_objects(before.policies, after.policies, "policy", out);
  }
  if (d.keyrings || d.profiles) compare_objects(before.keyrings, after.keyrings, "keyring", out);
  if (d.profiles) compare_objects(before.profiles, after.profiles, "profile", out);
  if (d.transform_sets) compare_objects(before.transform_sets, after.transform_sets, "transform-set", out);
  if (d.maps || dropped != 0 || old_dropped != 0) {
    compare_objects(before.crypto_map, after.crypto_map, "crypto-map", out);
  } else {
    auto was = maps.old_touched;
    was.insert(was.end(), old_vtis.begin(), old_vtis.end());
    auto is = maps.new_touched;
    is.insert(is.end(), vtis.begin(), vtis.end());
    compare_objects(was, is, "crypto-map", out);
  }
  if (!same_globals(before, after)) out.push_back({"global", "", ConfigChange::Op::Modified});
  return out;
}

Update IncrementalBuilder::State::build_ios(const Node& root, Dirty d) {
  Update u;
  u.rebuilt_all = d.all;
  u.built.interfaces = d.interfaces ? collect_interfaces(root, false) : built.interfaces;
  rebuild_sections(root, d, u.built.interfaces);
  u.built.config = assemble(root, u.built.interfaces, u.built.warnings);
  static const config::IkeConfig kEmpty;
  u.changes = changes(built.config ? *built.config : kEmpty, *u.built.config, d);
  return u;
}

IncrementalBuilder::IncrementalBuilder(grammar::Dialect dialect) : s_(std::make_unique<State>(dialect)) {}
IncrementalBuilder::~IncrementalBuilder() = default;

void IncrementalBuilder::reset() { s_ = std::make_unique<State>(s_->dialect); }

Update IncrementalBuilder::update(const grammar::config::Snapshot& now) {
  State& s = *s_;
  std::vector<TopChange> touched;
  if (s.root) {
    if (s.root == now.root_ptr()) return {s.built, {}, false};
    touched = top_changes(*s.root, now.root());
    if (touched.empty()) {
      s.root = now.root_ptr();
      return {s.built, {}, false};
    }
  }
  Update u;
  if (s.dialect == grammar::Dialect::Asa) {
    u.built = build_asa(now.root());
    u.changes = s.built.config ? diff(*s.built.config, *u.built.config) : diff(config::IkeConfig(), *u.built.config);
    u.rebuilt_all = true;
  } else {
    Dirty d = s.root ? classify(touched) : Dirty();
    if (!s.root) {
      d.all = d.interfaces = d.proposals = d.keyrings = d.profiles = d.transform_sets = d.maps = true;
    }
    u = s.build_ios(now.root(), std::move(d));
  }
  s.root = now.root_ptr();
  s.built = u.built;
  return u;
}

}  // namespace ravelin::ike::config_build
