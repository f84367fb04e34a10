#pragma once
// The running-config tree: immutable, structurally shared nodes. A Snapshot is a versioned root;
// copying one is a pointer copy, so `configure replace`, archives and rollback are diffs of trees.
#include <cstdint>
#include <utility>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "grammar/command_set.hpp"
#include "grammar/value.hpp"

namespace ravelin::grammar::config {

class Node;
using NodePtr = std::shared_ptr<const Node>;

// A node's children: a sorted map from child key to node, stored as a list of shared, immutable-once-
// shared chunks of at most kChunk entries. Copying a node (copy-on-write) copies only the chunk
// pointers; changing one child copies only its chunk. A root with 10,000 crypto-map entries is
// therefore copied and diffed in microseconds, not milliseconds (docs/BENCHMARKS.md).
class ChildMap {
 public:
  using value_type = std::pair<std::string, std::shared_ptr<Node>>;
  static constexpr size_t kChunk = 64;

  class const_iterator {
   public:
    const value_type& operator*() const { return (*m_->chunks_[c_])[i_]; }
    const value_type* operator->() const { return &**this; }
    const_iterator& operator++() {
      if (++i_ == m_->chunks_[c_]->size()) {
        ++c_;
        i_ = 0;
      }
      return *this;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.c_ == b.c_ && a.i_ == b.i_; }
    // At the first entry of a chunk: `chunk()` identifies it, and skip_chunk() steps over all of it.
    [[nodiscard]] bool at_chunk_start() const { return i_ == 0 && c_ < m_->chunks_.size(); }
    [[nodiscard]] const void* chunk() const { return m_->chunks_[c_].get(); }
    void skip_chunk() {
      ++c_;
      i_ = 0;
    }

   private:
    friend class ChildMap;
    const_iterator(const ChildMap* m, size_t c, size_t i) : m_(m), c_(c), i_(i) {}
    const ChildMap* m_;
    size_t c_;
    size_t i_;
  };

  [[nodiscard]] const_iterator begin() const { return {this, 0, 0}; }
  [[nodiscard]] const_iterator end() const { return {this, chunks_.size(), 0}; }
  [[nodiscard]] const_iterator lower_bound(std::string_view key) const;
  [[nodiscard]] const_iterator find(std::string_view key) const;
  [[nodiscard]] size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }

  // The slot of `key` for changing it in place (its chunk is copied first when shared), or nullptr.
  std::shared_ptr<Node>* find_mut(std::string_view key);
  // Inserts or replaces; returns the slot.
  std::shared_ptr<Node>& put(std::string key, std::shared_ptr<Node> node);
  bool erase(std::string_view key);
  // Erases every key starting with `prefix`.
  void erase_prefix(std::string_view prefix);

 private:
  using Chunk = std::vector<value_type>;
  // The chunk that holds `key` or would hold it, and the position inside it.
  [[nodiscard]] std::pair<size_t, size_t> locate(std::string_view key) const;
  Chunk& own(size_t c);
  std::vector<std::shared_ptr<Chunk>> chunks_;  // non-empty, in key order
  size_t size_ = 0;
};

class Node {
 public:
  // The declaration this node instantiates (Root for the tree's root).
  [[nodiscard]] const Decl& decl() const { return *decl_; }
  [[nodiscard]] const std::string& id() const { return decl_->id; }
  // Bindings of this node's own line (list keys and header values, leaf values, leaf-list item).
  [[nodiscard]] const Args& args() const { return args_; }
  // This node's own words, canonical (`lifetime 3600`, `crypto ikev2 profile P1`, `set peer 10.0.0.1`).
  [[nodiscard]] const std::string& words() const { return words_; }
  // Presence leaf stored in its negated form (`no shutdown` when present_by_default).
  [[nodiscard]] bool negated() const { return negated_; }
  // Verbatim block: the lines below the header, exactly as typed (with their indentation).
  [[nodiscard]] const std::vector<std::string>& verbatim_lines() const { return verbatim_; }
  // Unique among siblings: decl id + key text.
  [[nodiscard]] const std::string& key() const { return key_; }
  [[nodiscard]] uint64_t order() const { return order_; }

  // Children in running-config order (declaration rank, then the declaration's Order).
  [[nodiscard]] std::vector<const Node*> children() const;
  // Children of one declaration (by schema id) in running-config order.
  [[nodiscard]] std::vector<const Node*> all(std::string_view id) const;
  // The child leaf / container `id`, or nullptr.
  [[nodiscard]] const Node* find(std::string_view id) const;
  // The entry of list `id` whose key values' texts are `key` (e.g. {"CMAP", "10"}), or nullptr.
  [[nodiscard]] const Node* entry(std::string_view id, const std::vector<std::string>& key) const;
  // Leaf value with its declared default: `profile.value("lifetime", "seconds")` -> 86400 when unset.
  [[nodiscard]] std::optional<Value> value(std::string_view leaf_id, std::string_view binding) const;
  [[nodiscard]] size_t child_count() const { return children_.size(); }

  // Construction and copy-on-write editing (grammar::config internals: Candidate, loader).
  Node(const Decl& decl, Args args, std::string words, std::string key, uint64_t order);
  using ChildMap = config::ChildMap;
  [[nodiscard]] const ChildMap& child_map() const { return children_; }
  ChildMap& child_map_mut() { return children_; }
  void set_args(Args a, std::string words) { args_ = std::move(a); words_ = std::move(words); }
  void set_negated(bool n) { negated_ = n; }
  void set_order(uint64_t o) { order_ = o; }
  std::vector<std::string>& verbatim_mut() { return verbatim_; }

 private:
  const Decl* decl_;
  Args args_;
  std::string words_;
  std::string key_;
  uint64_t order_;
  bool negated_ = false;
  std::vector<std::string> verbatim_;
  ChildMap children_;
};

// Whether `a` comes before `b` in running-config order, for two entries of one declaration (what
// Node::all sorts by: key values in their natural order, or creation order).
[[nodiscard]] bool runs_before(const Node& a, const Node& b);

// Key of a child inside its parent's map: "<decl id>\x1f<key texts joined by \x1f>".
std::string child_key(const Decl& decl, const std::vector<std::string>& key_texts);

class Snapshot {
 public:
  Snapshot() = default;
  Snapshot(NodePtr root, uint64_t version) : root_(std::move(root)), version_(version) {}
  [[nodiscard]] const Node& root() const { return *root_; }
  [[nodiscard]] const NodePtr& root_ptr() const { return root_; }
  [[nodiscard]] uint64_t version() const { return version_; }
  [[nodiscard]] bool valid() const { return root_ != nullptr; }

 private:
  NodePtr root_;
  uint64_t version_ = 0;
};

}  // namespace ravelin::grammar::config
