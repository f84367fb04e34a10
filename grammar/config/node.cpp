#include "grammar/config/node.hpp"

#include <algorithm>

namespace ravelin::grammar::config {

Node::Node(const Decl& decl, Args args, std::string words, std::string key, uint64_t order)
    : decl_(&decl), args_(std::move(args)), words_(std::move(words)), key_(std::move(key)), order_(order) {}

std::string child_key(const Decl& decl, const std::vector<std::string>& key_texts) {
  std::string k = decl.id;
  k += '\x1f';
  for (size_t i = 0; i < key_texts.size(); ++i) {
    if (i) k += '\x1f';
    k += key_texts[i];
  }
  return k;
}

namespace {

// Sort order of one declaration's nodes (Insertion: creation order; Key: natural order of keys).
void sort_nodes(const Decl& d, std::vector<const Node*>& v) {
  const Order order = d.kind == DeclKind::LeafList ? d.leaf.order
                      : d.kind == DeclKind::List   ? d.list.order
                                                   : Order::Insertion;
  if (order == Order::Insertion) {
    std::sort(v.begin(), v.end(), [](const Node* a, const Node* b) { return a->order() < b->order(); });
    return;
  }
  std::sort(v.begin(), v.end(), [&d](const Node* a, const Node* b) {
    for (int kb : d.key_bindings) {
      const std::string& name = d.pattern.bindings[kb];
      const Value* va = a->args().find(name);
      const Value* vb = b->args().find(name);
      if (!va || !vb) {
        if (va != vb) return vb != nullptr;
        continue;
      }
      const int c = compare_values(*va, *vb);
      if (c != 0) return c < 0;
    }
    return a->order() < b->order();
  });
}

}  // namespace

std::vector<const Node*> Node::all(std::string_view id) const {
  std::vector<const Node*> v;
  std::string lo(id);
  lo += '\x1f';
  for (auto it = children_.lower_bound(lo); it != children_.end(); ++it) {
    if (it->first.compare(0, lo.size(), lo) != 0) break;
    v.push_back(it->second.get());
  }
  if (!v.empty()) sort_nodes(v.front()->decl(), v);
  return v;
}

std::vector<const Node*> Node::children() const {
  std::vector<const Decl*> decls(decl_->children.begin(), decl_->children.end());
  std::stable_sort(decls.begin(), decls.end(), [](const Decl* a, const Decl* b) {
    return a->rank() != b->rank() ? a->rank() < b->rank() : a->index < b->index;
  });
  std::vector<const Node*> out;
  out.reserve(children_.size());
  for (const Decl* d : decls) {
    auto part = all(d->id);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

const Node* Node::find(std::string_view id) const {
  std::string lo(id);
  lo += '\x1f';
  auto it = children_.lower_bound(lo);
  if (it == children_.end() || it->first.compare(0, lo.size(), lo) != 0) return nullptr;
  return it->second.get();
}

const Node* Node::entry(std::string_view id, const std::vector<std::string>& key) const {
  for (const Decl* d : decl_->children) {
    if (d->id != id) continue;
    auto it = children_.find(child_key(*d, key));
    return it == children_.end() ? nullptr : it->second.get();
  }
  return nullptr;
}

std::optional<Value> Node::value(std::string_view leaf_id, std::string_view binding) const {
  if (const Node* n = find(leaf_id)) {
    if (const Value* v = n->args().find(binding)) return *v;
    return std::nullopt;
  }
  for (const Decl* d : decl_->children) {
    if (d->id == leaf_id && d->leaf.dflt) return d->leaf.dflt;
  }
  return std::nullopt;
}

}  // namespace ravelin::grammar::config
