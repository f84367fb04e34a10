#pragma once
// Small helpers the IKE show commands share: the running tree of an exec context and list texts.
#include <string>
#include <vector>

#include "grammar/config/node.hpp"
#include "grammar/config/store.hpp"
#include "grammar/exec_context.hpp"

namespace ravelin::ike::commands {

// The running-config root, or nullptr in interpreters without a store (help-only).
inline const grammar::config::Node* running_root(const grammar::ExecContext& ctx) {
  if (ctx.store == nullptr || !ctx.store->running().valid()) return nullptr;
  return &ctx.store->running().root();
}

// Items of a (possibly repeated) binding of a child leaf, empty when the leaf is unset.
inline std::vector<std::string> leaf_texts(const grammar::config::Node& parent, std::string_view leaf,
                                           std::string_view binding) {
  std::vector<std::string> out;
  const auto* n = parent.find(leaf);
  if (n == nullptr) return out;
  for (const auto& v : n->args().list(binding)) out.push_back(v.text());
  return out;
}

}  // namespace ravelin::ike::commands
