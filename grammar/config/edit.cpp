#include "grammar/config/edit.hpp"

#include <algorithm>

namespace ravelin::grammar::config {
namespace {

// Creation orders are spaced so that an item can be placed between two others (`line N`).
constexpr uint64_t kOrderStep = uint64_t{1} << 16;

uint64_t next_order() {
  // Creation order only needs to be increasing within the process (single event-loop thread).
  static uint64_t counter = 0;
  counter += kOrderStep;
  return counter;
}

std::vector<std::string> key_texts(const Decl& d, const Args& args) {
  std::vector<std::string> k;
  if (d.kind == DeclKind::Verbatim) return k;
  for (int b : d.key_bindings) k.push_back(args.text(d.pattern.bindings[b]));
  return k;
}

// The same text as child_key(d, key_texts(d, args)), built in one allocation: this runs once per path
// step of every loaded line, so it shows up in the 100,000-line load (docs/BENCHMARKS.md).
std::string key_of(const Decl& d, const Args& args, const std::string& words) {
  if (d.kind == DeclKind::Verbatim) return child_key(d, {words});
  std::string k;
  if (d.kind == DeclKind::Leaf || d.kind == DeclKind::Presence || d.kind == DeclKind::Container) {
    k.reserve(d.id.size() + 1);
    k += d.id;
    k += '\x1f';
    return k;
  }
  const std::string* parts[32];
  const size_t n = std::min<size_t>(d.key_bindings.size(), 32);
  static const std::string kEmpty;
  size_t size = d.id.size() + 1 + n;
  for (size_t i = 0; i < n; ++i) {
    const Value* v = args.find(d.pattern.bindings[d.key_bindings[i]]);
    parts[i] = v ? &v->text() : &kEmpty;
    size += parts[i]->size();
  }
  if (n < d.key_bindings.size()) return child_key(d, key_texts(d, args));  // more keys than any declaration has
  k.reserve(size);
  k += d.id;
  k += '\x1f';
  for (size_t i = 0; i < n; ++i) {
    if (i) k += '\x1f';
    k += *parts[i];
  }
  return k;
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
  // The largest number needs no running-config order: scan the declaration's range of the map
  // (this runs for every ACE line of a load).
  int64_t max = 0;
  if (parent) {
    const std::string lo = d.id + '\x1f';
    const std::string& seq = d.pattern.bindings[d.auto_seq];
    const auto& map = parent->child_map();
    for (auto it = map.lower_bound(lo); it != map.end() && it->first.compare(0, lo.size(), lo) == 0; ++it) {
      max = std::max(max, it->second->args().number(seq));
    }
  }
  return max + d.list.seq_step;
}

}  // namespace

Candidate::Candidate(const Snapshot& base)
    : root_(std::const_pointer_cast<Node>(base.root_ptr())), next_order_(0) {}

Snapshot Candidate::snapshot(uint64_t version) const { return Snapshot(root_, version); }

namespace {

// What one edit is about, computed without changing anything.
struct Prepared {
  std::vector<std::string> keys;  // of the path steps
  const Node* parent = nullptr;   // the entry written into (nullptr: not created yet)
  Args args;
  std::string words;
  std::string key;
  const Node* existing = nullptr;
};

Prepared prepare(const Node& root, const Edit& e) {
  Prepared p;
  p.parent = &root;
  for (const PathStep& s : e.path) {
    p.keys.push_back(key_of(*s.decl, s.args, s.words));
    p.parent = child(p.parent, p.keys.back());
  }
  const Decl& d = *e.target;
  p.args = e.args;
  p.words = e.words;
  if (d.auto_seq >= 0) {
    const std::string& seq_name = d.pattern.bindings[d.auto_seq];
    if (e.op == Edit::Op::Set && !p.args.has(seq_name)) {
      const int64_t seq = next_seq(p.parent, d);
      p.args.set(seq_name, Value(seq));
      if (d.list.render_seq) p.words = std::to_string(seq) + " " + p.words;
    } else if (!d.list.render_seq && p.args.has(seq_name)) {
      const std::string seq = p.args.text(seq_name) + " ";
      if (p.words.starts_with(seq)) p.words.erase(0, seq.size());
    }
  }
  p.key = key_of(d, p.args, p.words);
  p.existing = child(p.parent, p.key);
  return p;
}

bool is_entry(const Decl& d) { return d.kind == DeclKind::List || d.kind == DeclKind::Container; }

// References, validate hook, note: all before any change.
Result<std::string> check(const Node& root, const Edit& e, const Prepared& p) {
  const Decl& d = *e.target;
  const bool plain = e.op == Edit::Op::Set;
  if (d.kind == DeclKind::Verbatim) return std::string();
  // An entry about to be created implicitly (ASA `crypto map M 10 set …`) is validated as empty.
  Node placeholder(e.path.empty() ? root.decl() : *e.path.back().decl,
                   e.path.empty() ? Args() : e.path.back().args, {}, {}, 0);
  const ValidateContext ctx{root, p.parent ? *p.parent : placeholder, p.existing, p.args, !plain};
  if (plain && !is_entry(d) && !d.leaf.ref.empty()) {
    const std::string arg = d.leaf.ref_arg.empty() ? d.pattern.bindings.front() : d.leaf.ref_arg;
    const std::string name = p.args.text(arg);
    if (!root.entry(d.leaf.ref, {name})) return make_error(ref_message(d.leaf, name));
  }
  const ValidateHook& hook = is_entry(d) ? d.list.validate : d.leaf.validate;
  if (hook) {
    Status s = hook(ctx);
    if (!s) return s.error();
  }
  const NoteHook& note = is_entry(d) ? d.list.note : d.leaf.note;
  std::string n = note ? note(ctx) : std::string();
  if (!n.empty() && n.back() != '\n') n += '\n';
  return n;
}

using ChildMap = Node::ChildMap;

void remove_all(ChildMap& map, const Decl& d) { map.erase_prefix(d.id + '\x1f'); }

// `no permit ip any any`: the ordered entry with these words, whatever its number.
void remove_by_words(Node& cur, const Decl& d, const std::string& words) {
  for (const Node* n : cur.all(d.id)) {
    const std::string with_seq = n->args().text(d.pattern.bindings[d.auto_seq]) + " " + words;
    if (n->words() == words || n->words() == with_seq) {
      const std::string k = n->key();
      cur.child_map_mut().erase(k);
      return;
    }
  }
}

void update(std::shared_ptr<Node>& slot, const Prepared& p) {
  if (!(slot->args() == p.args) || slot->words() != p.words) own(slot).set_args(p.args, p.words);
}

// Gives every item of `d` under `cur` a fresh, evenly spaced order, keeping their sequence.
void respace(Node& cur, const Decl& d) {
  auto items = cur.all(d.id);
  std::vector<std::string> keys;
  for (const Node* n : items) keys.push_back(n->key());
  for (const auto& k : keys) {
    own(*cur.child_map_mut().find_mut(k)).set_order(next_order());
  }
}

// The order that puts a new item at position `line` (1-based) among the items of its group
// (ASA `access-list NAME line N`); 0 when it simply goes last.
uint64_t order_at_line(Node& cur, const Decl& d, const Args& args) {
  const int64_t line = args.number(d.leaf.position_arg, 0);
  if (line <= 0) return 0;
  const std::string group = args.text(d.leaf.position_group);
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto items = cur.all(d.id);
    int64_t seen = 0;
    uint64_t before = 0;
    for (const Node* n : items) {
      if (n->args().text(d.leaf.position_group) == group && ++seen == line) {
        if (n->order() - before >= 2) return before + (n->order() - before) / 2;
        break;  // no room between the neighbours: spread the orders out and look again
      }
      before = n->order();
    }
    if (seen < line) return 0;
    respace(cur, d);
  }
  return 0;
}

// Changes the target inside `cur` (already owned by the candidate).
// `p` is consumed: a created node takes its args, words and key without copying them (once per
// node of a 100,000-line load).
void mutate(Node& cur, const Edit& e, Prepared& p, EditResult& res) {
  const Decl& d = *e.target;
  const bool plain = e.op == Edit::Op::Set;
  ChildMap& map = cur.child_map_mut();
  const bool found = map.find(p.key) != map.end();
  auto slot = [&]() -> std::shared_ptr<Node>& { return *map.find_mut(p.key); };
  auto create = [&](bool negated) {
    uint64_t at = d.kind == DeclKind::LeafList && !d.leaf.position_arg.empty() ? order_at_line(cur, d, p.args) : 0;
    auto n = std::make_shared<Node>(d, std::move(p.args), std::move(p.words), p.key, at != 0 ? at : next_order());
    n->set_negated(negated);
    n->verbatim_mut() = e.verbatim_lines;
    map.put(std::move(p.key), std::move(n));
    res.created = true;
  };
  switch (d.kind) {
    case DeclKind::List:
    case DeclKind::Container:
    case DeclKind::Verbatim:
      if (!plain) {
        if (found) map.erase(p.key);
        else if (d.auto_seq >= 0 && !p.args.has(d.pattern.bindings[d.auto_seq])) remove_by_words(cur, d, p.words);
        return;
      }
      if (!found) create(false);
      else if (d.kind != DeclKind::Verbatim) update(slot(), p);
      else {
        auto& lines = own(slot()).verbatim_mut();
        for (const auto& l : e.verbatim_lines) {
          if (std::find(lines.begin(), lines.end(), l) == lines.end()) lines.push_back(l);
        }
      }
      return;
    case DeclKind::Leaf:
      if (!plain || is_default(d, p.args)) {
        if (found) map.erase(p.key);
      } else if (!found) {
        create(false);
      } else {
        update(slot(), p);
      }
      return;
    case DeclKind::LeafList: {
      bool full = true;
      for (int b : d.key_bindings) full = full && p.args.has(d.pattern.bindings[b]);
      if (plain) found ? update(slot(), p) : create(false);
      else if (e.op == Edit::Op::Negate && full) {
        if (found) map.erase(p.key);
      } else {
        remove_all(map, d);
      }
      return;
    }
    case DeclKind::Presence: {
      const bool store_negated = e.op == Edit::Op::Negate && d.leaf.present_by_default;
      const bool store_plain = plain && !d.leaf.present_by_default;
      if (found) map.erase(p.key);
      if (store_negated || store_plain) create(store_negated);
      return;
    }
    case DeclKind::Root:
    case DeclKind::Action:
      return;
  }
}

}  // namespace

Result<EditResult> Candidate::apply(const Edit& e) {
  const Decl& d = *e.target;
  if (d.kind == DeclKind::Root || d.kind == DeclKind::Action) return make_error("% Not a configuration command");
  Prepared p = prepare(*root_, e);
  auto note = check(*root_, e, p);
  if (!note) return note.error();
  EditResult res;
  res.notes = std::move(note.value());
  const bool plain = e.op == Edit::Op::Set;
  if (plain && (is_entry(d) || d.kind == DeclKind::Verbatim)) {
    res.entered = e.path;
    res.entered.push_back(PathStep{&d, p.args, p.words});
  }
  // A line that changes nothing (re-entering a mode, re-typing a value) copies nothing.
  if (p.parent && plain && p.existing && e.verbatim_lines.empty() && p.existing->args() == p.args &&
      p.existing->words() == p.words && d.kind != DeclKind::Presence && !is_default(d, p.args)) {
    return res;
  }
  // Own the path (copy-on-write, creating missing entries), then change the target.
  if (root_.use_count() > 1) root_ = std::make_shared<Node>(*root_);
  Node* cur = root_.get();
  for (size_t i = 0; i < e.path.size(); ++i) {
    auto& map = cur->child_map_mut();
    auto* slot = map.find_mut(p.keys[i]);
    if (slot == nullptr) {
      const PathStep& s = e.path[i];
      auto n = std::make_shared<Node>(*s.decl, s.args, s.words, p.keys[i], next_order());
      slot = &map.put(std::move(p.keys[i]), std::move(n));
    }
    cur = &own(*slot);
  }
  mutate(*cur, e, p, res);
  return res;
}

}  // namespace ravelin::grammar::config
