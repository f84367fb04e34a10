#pragma once
// The IkeConfig of each commit, rebuilt only where the tree changed (issue 10: one `crypto map` edit
// at 10,000 entries in milliseconds, not a reload).
//
//   IncrementalBuilder builder(grammar::Dialect::Ios);
//   auto u = builder.update(store.running());       // after every commit
//   engine.on_config(now, u.built.config);          // u.changes: what differs from the previous call
//
// The builder keeps the previous tree and its IkeConfig in sections (proposals and policies,
// keyrings, profiles with the PKI objects, transform sets, one slot per crypto-map entry). The tree
// shares untouched subtrees between snapshots, so comparing the two roots' top-level entries by
// pointer says what a commit touched; only those sections are rebuilt, and crypto-map entries whose
// ACL changed. Whatever it cannot attribute (an unclassified top-level command, the ASA dialect)
// rebuilds everything. The result is always exactly build(now.root(), dialect) and
// diff(previous, result): tests/unit/config_build/ proves it on random edit sequences.
#include <memory>

#include "grammar/config/node.hpp"
#include "ike/config_build/build.hpp"

namespace ravelin::ike::config_build {

struct Update {
  Built built;            // == build(now.root(), dialect)
  ConfigChanges changes;  // == diff(previous config, built.config); the first call: against an empty IkeConfig
  bool rebuilt_all = false;  // every section was rebuilt (first call, ASA, or a change it cannot attribute)
};

class IncrementalBuilder {
 public:
  explicit IncrementalBuilder(grammar::Dialect dialect);
  ~IncrementalBuilder();
  IncrementalBuilder(const IncrementalBuilder&) = delete;
  IncrementalBuilder& operator=(const IncrementalBuilder&) = delete;

  // The IkeConfig of `now`, from the sections of the previous call's tree that `now` still shares.
  // `now` may be any snapshot (not only the next commit): unrelated trees simply share nothing.
  [[nodiscard]] Update update(const grammar::config::Snapshot& now);
  // Forgets everything: the next update builds from scratch.
  void reset();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace ravelin::ike::config_build
