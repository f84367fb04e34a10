#pragma once
// Ordered change set between two snapshots: parents are created before their children, children are
// deleted before their parents (so a subscriber can apply changes in order).
#include <string>
#include <vector>

#include "grammar/config/node.hpp"

namespace ravelin::grammar::config {

struct Change {
  enum class Op : uint8_t { Create, Delete, Modify };
  Op op;
  // Path from the root: the words of each ancestor and of the node itself
  // ({"crypto ikev2 keyring K", "peer P", "address 10.0.0.1"}).
  std::vector<std::string> path;
  NodePtr before;  // Delete, Modify
  NodePtr after;   // Create, Modify
  [[nodiscard]] const Node& node() const { return after ? *after : *before; }
};

using ChangeSet = std::vector<Change>;

// Shared subtrees (same pointer) are skipped, so diffing two nearby snapshots is cheap.
[[nodiscard]] ChangeSet diff(const Snapshot& from, const Snapshot& to);

// "+ path", "- path", "~ path" lines, for tests and `debug` output (secrets are masked).
[[nodiscard]] std::string describe(const ChangeSet& changes);

}  // namespace ravelin::grammar::config
