#pragma once
// One line's effect on a candidate tree, and the candidate itself (copy-on-write over a snapshot).
#include <string>
#include <vector>

#include "grammar/config/node.hpp"
#include "platform/result.hpp"

namespace ravelin::grammar::config {

// One level of a path: a list entry or container (created when missing).
struct PathStep {
  const Decl* decl = nullptr;
  Args args;
  std::string words;
};

struct Edit {
  enum class Op : uint8_t { Set, Negate, Default };
  Op op = Op::Set;
  std::vector<PathStep> path;  // from the root down to the entry the line writes into
  const Decl* target = nullptr;
  Args args;                   // target's bindings
  std::string words;           // target's canonical words
  std::vector<std::string> verbatim_lines;  // Verbatim target: lines below the header (batch load)
};

struct EditResult {
  std::string notes;       // IOS notes/warnings to print ('\n'-terminated), may be empty
  bool created = false;    // a new list entry / item was created
  std::vector<PathStep> entered;  // for List/Container targets: path to the entry (to push a mode frame)
};

class Candidate {
 public:
  explicit Candidate(const Snapshot& base);
  // Applies one edit. Reference checks and validate hooks run first: an error leaves the candidate
  // exactly as it was. The error message is IOS-style text (without trailing newline).
  [[nodiscard]] Result<EditResult> apply(const Edit& edit);
  // A frozen snapshot of the current state (cheap; later edits copy what they touch).
  [[nodiscard]] Snapshot snapshot(uint64_t version) const;
  [[nodiscard]] const Node& root() const { return *root_; }

 private:
  std::shared_ptr<Node> root_;
  uint64_t next_order_;
};

}  // namespace ravelin::grammar::config
