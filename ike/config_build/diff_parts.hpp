#pragma once
// Object-by-object comparison of two IkeConfigs, shared by diff() and IncrementalBuilder (which
// compares only the sections a commit rebuilt).
#include <string>
#include <unordered_map>
#include <vector>

#include "ike/config_build/build.hpp"

namespace ravelin::ike::config_build::detail {

// Whether two objects carry the same settings (every field the engine reads, secrets included).
[[nodiscard]] bool same(const config::IkeProposal& a, const config::IkeProposal& b);
[[nodiscard]] bool same(const config::IkePolicy& a, const config::IkePolicy& b);
[[nodiscard]] bool same(const config::Keyring& a, const config::Keyring& b);
[[nodiscard]] bool same(const config::Profile& a, const config::Profile& b);
[[nodiscard]] bool same(const config::TransformSet& a, const config::TransformSet& b);
[[nodiscard]] bool same(const config::CryptoMapEntry& a, const config::CryptoMapEntry& b);
[[nodiscard]] bool same_globals(const config::IkeConfig& a, const config::IkeConfig& b);

// The name a change reports: the object's name; "NAME SEQ" for crypto-map entries.
[[nodiscard]] std::string change_name(const config::CryptoMapEntry& e);
template <typename T>
[[nodiscard]] const std::string& change_name(const T& x) { return x.name; }

// Removed and modified objects in `a`'s order, then added ones in `b`'s order; an object is matched
// with the first object of the other side that has its name (hash lookups: 10,000 entries are cheap).
template <typename T>
void compare_objects(const std::vector<T>& a, const std::vector<T>& b, const std::string& kind, ConfigChanges& out) {
  std::unordered_map<std::string, size_t> in_a, in_b;
  in_a.reserve(a.size());
  in_b.reserve(b.size());
  for (size_t i = 0; i < a.size(); ++i) in_a.emplace(change_name(a[i]), i);
  for (size_t i = 0; i < b.size(); ++i) in_b.emplace(change_name(b[i]), i);
  for (const auto& x : a) {
    auto it = in_b.find(change_name(x));
    if (it == in_b.end()) out.push_back({kind, change_name(x), ConfigChange::Op::Removed});
    else if (!same(b[it->second], x)) out.push_back({kind, change_name(x), ConfigChange::Op::Modified});
  }
  for (const auto& y : b) {
    if (!in_a.contains(change_name(y))) out.push_back({kind, change_name(y), ConfigChange::Op::Added});
  }
}

}  // namespace ravelin::ike::config_build::detail
