#include "grammar/config/edit.hpp"

#include <algorithm>

namespace ravelin::grammar::config {
namespace {

uint64_t next_order() {
  // Creation order only needs to be increasing within the process (single event-loop thread).
  static uint64_t counter = 0;
  return ++counter;
}

std::vector<std::string> key_texts(const Decl& d, const Args& args) {
  std::vector<std::string> k;
  if (d.kind == DeclKind::Verbatim) return k;
  for (int b : d.key_bindings) k.push_back(args.text(d.pattern.bindings[b]));
  return k;
}

std::string key_of(const Decl& d, const Args& args, const std::string& words) {
  if (d.kind == DeclKind::Verbatim) return child_key(d, {words});
  if (d.kind == DeclKind::Leaf || d.kind == DeclKind::Presence || d.kind == DeclKind::Container) {
    return child_key(d, {});
  }
  return child_key(d, key_texts(d, args));
}

const Node* child(const Node* parent, const std::string& key) {
  if (!parent) return nullptr;
  auto it = parent->child_map().find(key);
  return it == parent->child_map().end() ? nullptr : it->second.get();
}

// Copy-on-write: a node shared with a snapshot is copied before it is changed.
Node& own(std::shared_ptr<Node>& slot) {
  if (slot.use_count() > 1) slot = std::make_shared<Node>(*slot);
  return *slot;
}

std::string ref_message(const LeafOptions& o, const std::string& name) {
  if (o.ref_error.empty()) return "% " + o.ref + " " + name + " does not exist";
  std::string m = o.ref_error;
  const auto p = m.find("%s");
  if (p != std::string::npos) m.replace(p, 2, name);
  return m;
}

bool is_default(const Decl& d, const Args& args) {
  if (!d.leaf.dflt || args.size() != 1) return false;
  return args.entries()[0].second.text() == d.leaf.dflt->text();
}

// Ordered entries: the sequence number an entry typed without one gets (last + step).
int64_t next_seq(const Node* parent, const Decl& d) {
  int64_t max = 0;
  if (parent) {
    for (const Node* n : parent->all(d.id)) max = std::max(max, n->args().number(d.pattern.bindings[d.auto_seq]));
  }
  return max + d.list.seq_step;
}

}  // namespace

Candidate::Candidate(const Snapshot& base)
    : root_(std::const_pointer_cast<Node>(base.root_ptr())), next_order_(0) {}

Snapshot Candidate::snapshot(uint64_t version) const { return Snapshot(root_, version); }

Result<EditResult> Candidate::apply(const Edit& e) {
  EditResult res;
  // 1. Read-only walk: find what exists along the path; nothing is changed before the checks pass.
  std::vector<std::string> keys;
  const Node* parent = root_.get();
  for (const PathStep& s : e.path) {
    keys.push_back(key_of(*s.decl, s.args, s.words));
    parent = child(parent, keys.back());
  }
  const Decl& d = *e.target;
  Args args = e.args;
  std::string words = e.words;
  const bool plain = e.op == Edit::Op::Set;
  if (plain && d.auto_seq >= 0 && !args.has(d.pattern.bindings[d.auto_seq])) {
    const int64_t seq = next_seq(parent, d);
    args.set(d.pattern.bindings[d.auto_seq], Value(seq));
    if (d.list.render_seq) words = std::to_string(seq) + " " + words;
  } else if (d.auto_seq >= 0 && !d.list.render_seq && args.has(d.pattern.bindings[d.auto_seq])) {
    const std::string seq = args.text(d.pattern.bindings[d.auto_seq]) + " ";
    if (words.starts_with(seq)) words.erase(0, seq.size());
  }
  const std::string key = key_of(d, args, words);
  const Node* existing = child(parent, key);
  // An entry about to be created implicitly (ASA `crypto map M 10 set …`) is validated as empty.
  Node placeholder(e.path.empty() ? root_->decl() : *e.path.back().decl,
                   e.path.empty() ? Args() : e.path.back().args, {}, {}, 0);
  const ValidateContext ctx{*root_, parent ? *parent : placeholder, existing, args, !plain};
  if (plain && (d.kind == DeclKind::Leaf || d.kind == DeclKind::LeafList) && !d.leaf.ref.empty()) {
    const std::string arg = d.leaf.ref_arg.empty() ? d.pattern.bindings.front() : d.leaf.ref_arg;
    const std::string name = args.text(arg);
    if (!root_->entry(d.leaf.ref, {name})) return make_error(ref_message(d.leaf, name));
  }
  const ValidateHook& hook = (d.kind == DeclKind::List || d.kind == DeclKind::Container) ? d.list.validate : d.leaf.validate;
  if (hook && d.kind != DeclKind::Verbatim) {
    Status s = hook(ctx);
    if (!s) return make_error(s.error().message);
  }
  const NoteHook& note = (d.kind == DeclKind::List || d.kind == DeclKind::Container) ? d.list.note : d.leaf.note;
  if (note && d.kind != DeclKind::Verbatim) {
    std::string n = note(ctx);
    if (!n.empty() && n.back() != '\n') n += '\n';
    res.notes = std::move(n);
  }

  // A line that changes nothing (re-entering a mode, re-typing a value) copies nothing.
  const bool path_exists = parent != nullptr;
  const bool unchanged_set = plain && existing && e.verbatim_lines.empty() && existing->args() == args &&
                             existing->words() == words && d.kind != DeclKind::Presence && !is_default(d, args);
  if (path_exists && unchanged_set) {
    if (d.kind == DeclKind::List || d.kind == DeclKind::Container || d.kind == DeclKind::Verbatim) {
      res.entered = e.path;
      res.entered.push_back(PathStep{&d, args, words});
    }
    return res;
  }

  // 2. Mutate: own the path (creating missing entries), then change the target.
  if (root_.use_count() > 1) root_ = std::make_shared<Node>(*root_);
  Node* cur = root_.get();
  for (size_t i = 0; i < e.path.size(); ++i) {
    auto& map = cur->child_map_mut();
    auto it = map.find(keys[i]);
    if (it == map.end()) {
      const PathStep& s = e.path[i];
      it = map.emplace(keys[i], std::make_shared<Node>(*s.decl, s.args, s.words, keys[i], next_order())).first;
    }
    cur = &own(it->second);
  }
  auto& map = cur->child_map_mut();
  auto it = map.find(key);
  auto create = [&](bool negated) {
    auto n = std::make_shared<Node>(d, args, words, key, next_order());
    n->set_negated(negated);
    n->verbatim_mut() = e.verbatim_lines;
    map[key] = std::move(n);
    res.created = true;
  };
  auto remove_all = [&]() {
    std::string lo = d.id + '\x1f';
    auto b = map.lower_bound(lo);
    auto en = b;
    while (en != map.end() && en->first.compare(0, lo.size(), lo) == 0) ++en;
    map.erase(b, en);
  };
  switch (d.kind) {
    case DeclKind::List:
    case DeclKind::Container:
      if (!plain) {
        if (it != map.end()) {
          map.erase(it);
        } else if (d.auto_seq >= 0 && !args.has(d.pattern.bindings[d.auto_seq])) {
          // `no permit ip any any`: the ordered entry with these words, whatever its number.
          for (const Node* n : cur->all(d.id)) {
            const std::string with_seq = n->args().text(d.pattern.bindings[d.auto_seq]) + " " + words;
            if (n->words() == words || n->words() == with_seq) {
              const std::string k = n->key();
              map.erase(k);
              break;
            }
          }
        }
        break;
      }
      if (it == map.end()) create(false);
      else if (!(it->second->args() == args) || it->second->words() != words) own(it->second).set_args(args, words);
      res.entered = e.path;
      res.entered.push_back(PathStep{&d, args, words});
      break;
    case DeclKind::Leaf:
      if (!plain || is_default(d, args)) {
        if (it != map.end()) map.erase(it);
      } else if (it == map.end()) {
        create(false);
      } else if (!(it->second->args() == args) || it->second->words() != words) {
        own(it->second).set_args(args, words);
      }
      break;
    case DeclKind::LeafList: {
      bool full = true;
      for (int b : d.key_bindings) full = full && args.has(d.pattern.bindings[b]);
      if (plain) {
        if (it == map.end()) create(false);
        else if (!(it->second->args() == args)) own(it->second).set_args(args, words);
      } else if (e.op == Edit::Op::Negate && full) {
        if (it != map.end()) map.erase(it);
      } else {
        remove_all();
      }
      break;
    }
    case DeclKind::Presence: {
      const bool store_negated = e.op == Edit::Op::Negate && d.leaf.present_by_default;
      const bool store_plain = plain && !d.leaf.present_by_default;
      if (it != map.end()) map.erase(it);
      if (store_negated || store_plain) create(store_negated);
      break;
    }
    case DeclKind::Verbatim:
      if (!plain) {
        if (it != map.end()) map.erase(it);
        break;
      }
      if (it == map.end()) {
        create(false);
      } else {
        for (const auto& l : e.verbatim_lines) {
          auto& lines = own(it->second).verbatim_mut();
          if (std::find(lines.begin(), lines.end(), l) == lines.end()) lines.push_back(l);
        }
      }
      res.entered = e.path;
      res.entered.push_back(PathStep{&d, args, words});
      break;
    case DeclKind::Root:
    case DeclKind::Action:
      return make_error("% Not a configuration command");
  }
  return res;
}

}  // namespace ravelin::grammar::config
