#include "grammar/config/node.hpp"

#include <algorithm>

namespace ravelin::grammar::config {

Node::Node(const Decl& decl, Args args, std::string words, std::string key, uint64_t order)
    : decl_(&decl), args_(std::move(args)), words_(std::move(words)), key_(std::move(key)), order_(order) {}

std::pair<size_t, size_t> ChildMap::locate(std::string_view key) const {
  // The first chunk whose last key is >= key; past the end: the last chunk, at its end.
  auto c = std::lower_bound(chunks_.begin(), chunks_.end(), key,
                            [](const std::shared_ptr<Chunk>& ch, std::string_view k) { return ch->back().first < k; });
  if (c == chunks_.end()) {
    if (chunks_.empty()) return {0, 0};
    return {chunks_.size() - 1, chunks_.back()->size()};
  }
  const Chunk& ch = **c;
  auto i = std::lower_bound(ch.begin(), ch.end(), key, [](const value_type& v, std::string_view k) { return v.first < k; });
  return {static_cast<size_t>(c - chunks_.begin()), static_cast<size_t>(i - ch.begin())};
}

ChildMap::const_iterator ChildMap::lower_bound(std::string_view key) const {
  auto [c, i] = locate(key);
  if (c < chunks_.size() && i == chunks_[c]->size()) return end();
  return {this, c, i};
}

ChildMap::const_iterator ChildMap::find(std::string_view key) const {
  auto it = lower_bound(key);
  return it != end() && it->first == key ? it : end();
}

ChildMap::Chunk& ChildMap::own(size_t c) {
  if (chunks_[c].use_count() > 1) chunks_[c] = std::make_shared<Chunk>(*chunks_[c]);
  return *chunks_[c];
}

std::shared_ptr<Node>* ChildMap::find_mut(std::string_view key) {
  auto [c, i] = locate(key);
  if (c >= chunks_.size() || i == chunks_[c]->size() || (*chunks_[c])[i].first != key) return nullptr;
  return &own(c)[i].second;
}

std::shared_ptr<Node>& ChildMap::put(std::string key, std::shared_ptr<Node> node) {
  if (chunks_.empty()) {
    chunks_.push_back(std::make_shared<Chunk>());
    chunks_.back()->reserve(kChunk / 4);
    chunks_.back()->emplace_back(std::move(key), std::move(node));
    size_ = 1;
    return chunks_.back()->back().second;
  }
  auto [c, i] = locate(key);
  Chunk& ch = own(c);
  if (i < ch.size() && ch[i].first == key) {
    ch[i].second = std::move(node);
    return ch[i].second;
  }
  ch.insert(ch.begin() + static_cast<std::ptrdiff_t>(i), value_type(std::move(key), std::move(node)));
  ++size_;
  if (ch.size() <= kChunk) return ch[i].second;
  // Split in halves; the new entry is in one of them.
  auto upper = std::make_shared<Chunk>(std::make_move_iterator(ch.begin() + kChunk / 2), std::make_move_iterator(ch.end()));
  ch.resize(kChunk / 2);
  chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(c) + 1, upper);
  return i < kChunk / 2 ? (*chunks_[c])[i].second : (*upper)[i - kChunk / 2].second;
}

bool ChildMap::erase(std::string_view key) {
  auto [c, i] = locate(key);
  if (c >= chunks_.size() || i == chunks_[c]->size() || (*chunks_[c])[i].first != key) return false;
  Chunk& ch = own(c);
  ch.erase(ch.begin() + static_cast<std::ptrdiff_t>(i));
  --size_;
  if (ch.empty()) chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(c));
  return true;
}

void ChildMap::erase_prefix(std::string_view prefix) {
  for (;;) {
    auto it = lower_bound(prefix);
    if (it == end() || it->first.compare(0, prefix.size(), prefix) != 0) return;
    const std::string key = it->first;
    erase(key);
  }
}

std::string child_key(const Decl& decl, const std::vector<std::string>& key_texts) {
  size_t size = decl.id.size() + 1 + key_texts.size();
  for (const auto& t : key_texts) size += t.size();
  std::string k;
  k.reserve(size);
  k += decl.id;
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
  // The key values are looked up once per node, not once per comparison: `all("crypto map")` on
  // 10,000 entries is on the path of every IkeConfig build (docs/BENCHMARKS.md).
  const size_t nk = d.key_bindings.size();
  std::vector<const Value*> keys(v.size() * nk);
  std::vector<size_t> idx(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    idx[i] = i;
    for (size_t k = 0; k < nk; ++k) keys[i * nk + k] = v[i]->args().find(d.pattern.bindings[d.key_bindings[k]]);
  }
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    for (size_t k = 0; k < nk; ++k) {
      const Value* va = keys[a * nk + k];
      const Value* vb = keys[b * nk + k];
      if (!va || !vb) {
        if (va != vb) return vb != nullptr;
        continue;
      }
      const int c = compare_values(*va, *vb);
      if (c != 0) return c < 0;
    }
    return v[a]->order() < v[b]->order();
  });
  std::vector<const Node*> sorted(v.size());
  for (size_t i = 0; i < idx.size(); ++i) sorted[i] = v[idx[i]];
  v = std::move(sorted);
}

}  // namespace

bool runs_before(const Node& a, const Node& b) {
  const Decl& d = a.decl();
  const Order order = d.kind == DeclKind::LeafList ? d.leaf.order
                      : d.kind == DeclKind::List   ? d.list.order
                                                   : Order::Insertion;
  if (order != Order::Insertion) {
    for (int k : d.key_bindings) {
      const Value* va = a.args().find(d.pattern.bindings[k]);
      const Value* vb = b.args().find(d.pattern.bindings[k]);
      if (!va || !vb) {
        if (va != vb) return vb != nullptr;
        continue;
      }
      const int c = compare_values(*va, *vb);
      if (c != 0) return c < 0;
    }
  }
  return a.order() < b.order();
}

std::vector<const Node*> Node::all(std::string_view id) const {
  std::vector<const Node*> v;
  std::string lo(id);
  lo += '\x1f';
  const auto first = children_.lower_bound(lo);
  auto last = first;
  size_t n = 0;
  for (; last != children_.end() && last->first.compare(0, lo.size(), lo) == 0; ++last) ++n;
  v.reserve(n);
  for (auto it = first; it != last; ++it) v.push_back(it->second.get());
  if (v.size() > 1) sort_nodes(v.front()->decl(), v);
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
