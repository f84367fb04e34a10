#pragma once
// The running-config and its commit pipeline:
//   schema validation (types, references, validate hooks: per line, in Candidate::apply)
//   -> each subscriber's validate (may refuse with an IOS-style message)
//   -> swap -> each subscriber's apply (cannot fail).
// Subscribers are an ordered list set up by cli/main.cpp.
#include <string>
#include <vector>

#include "grammar/config/diff.hpp"
#include "grammar/config/edit.hpp"
#include "grammar/config/node.hpp"
#include "platform/result.hpp"

namespace ravelin::grammar::config {

class Subscriber {
 public:
  virtual ~Subscriber() = default;
  // May refuse the candidate with an IOS-style message; the running-config is then unchanged.
  [[nodiscard]] virtual Status validate(const Snapshot& /*candidate*/, const ChangeSet& /*changes*/) { return {}; }
  // Called after the swap, in subscription order; cannot fail.
  virtual void apply(const Snapshot& running, const ChangeSet& changes) = 0;
};

class ConfigStore {
 public:
  explicit ConfigStore(const CommandSet& commands);
  [[nodiscard]] const Snapshot& running() const { return running_; }
  [[nodiscard]] const CommandSet& commands() const { return *commands_; }
  // Subscribers are called in the order they were added.
  void subscribe(Subscriber& s) { subscribers_.push_back(&s); }

  // Interactive: one line = one commit. Returns the notes to print, or the refusal message.
  [[nodiscard]] Result<EditResult> apply(const Edit& edit);
  // Commits a whole candidate (batch load, `configure replace`): subscribers validate, swap, apply.
  [[nodiscard]] Result<ChangeSet> commit(const Snapshot& candidate);
  // Subscribers' verdict on a candidate without committing it.
  [[nodiscard]] Status validate(const Snapshot& candidate, const ChangeSet& changes) const;
  // A fresh empty tree (for `configure replace` targets and `check`).
  [[nodiscard]] Snapshot empty() const;
  [[nodiscard]] uint64_t next_version() const { return running_.version() + 1; }

 private:
  const CommandSet* commands_;
  Snapshot running_;
  std::vector<Subscriber*> subscribers_;
};

}  // namespace ravelin::grammar::config
