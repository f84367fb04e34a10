#pragma once
// The running-config text of a snapshot: IOS order and indentation (one space per level, "!" after
// blocks), ASA without "!" separators. The header (`Building configuration...`, `version`) and the
// final `end` belong to the caller (cli). render -> load -> render is the identity.
#include <string>

#include "grammar/config/node.hpp"

namespace ravelin::grammar::config {

struct RenderOptions {
  bool mask_secrets = false;  // bindings listed in LeafOptions::mask become "*****" (ASA show run)
  bool separators = true;     // "!" lines between IOS blocks (false for ASA)
};

[[nodiscard]] std::string render(const Snapshot& snapshot, const RenderOptions& opts = {});
// One node and its subtree, indented by `depth` spaces (e.g. `show running-config interface X`).
void render_node(const Node& node, int depth, const RenderOptions& opts, std::string& out);

}  // namespace ravelin::grammar::config
