#include "grammar/config/store.hpp"

namespace ravelin::grammar::config {

ConfigStore::ConfigStore(const CommandSet& commands) : commands_(&commands), running_(empty()) {}

Snapshot ConfigStore::empty() const {
  return Snapshot(std::make_shared<const Node>(commands_->root(), Args(), std::string(), std::string(), 0), 1);
}

Status ConfigStore::validate(const Snapshot& candidate, const ChangeSet& changes) const {
  for (Subscriber* s : subscribers_) {
    Status st = s->validate(candidate, changes);
    if (!st) return st;
  }
  return {};
}

Result<ChangeSet> ConfigStore::commit(const Snapshot& candidate) {
  const Snapshot next(candidate.root_ptr(), next_version());
  ChangeSet changes = diff(running_, next);
  if (changes.empty()) return changes;
  Status st = validate(next, changes);
  if (!st) return st.error();
  running_ = next;
  for (Subscriber* s : subscribers_) s->apply(running_, changes);
  return changes;
}

Result<EditResult> ConfigStore::apply(const Edit& edit) {
  Candidate c(running_);
  auto r = c.apply(edit);
  if (!r) return r;
  auto committed = commit(c.snapshot(next_version()));
  if (!committed) return committed.error();
  return r;
}

}  // namespace ravelin::grammar::config
