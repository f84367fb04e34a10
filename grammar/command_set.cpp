#include "grammar/command_set.hpp"

#include <algorithm>
#include <cctype>

namespace ravelin::grammar {
namespace {

void fill_help(CompiledPattern& p, const Help& help) {
  for (auto& t : p.tokens) {
    for (const auto& [k, h] : help) {
      const bool by_binding = !k.empty() && k[0] == '$' && t.binding >= 0 && p.bindings[t.binding] == k.substr(1);
      // A key spelled like a placeholder ("<100-199>", "A.B.C.D") names that placeholder, so alternatives
      // sharing one binding can still have their own help (`<1-99>  IP standard access list`).
      const bool by_text = k == t.text && (t.kind == TokenKind::Keyword || k.front() == '<' || std::isupper(static_cast<unsigned char>(k.front())));
      if (by_binding || by_text) t.help = h;
    }
  }
}

int binding_of(const CompiledPattern& p, std::string_view name) {
  auto it = std::find(p.bindings.begin(), p.bindings.end(), name);
  return it == p.bindings.end() ? -1 : static_cast<int>(it - p.bindings.begin());
}

// Default list keys: the bindings on the single path right after the leading keywords.
std::vector<int> leading_bindings(const CompiledPattern& p) {
  std::vector<int> keys;
  std::vector<uint16_t> cur = p.start;
  bool past_keywords = false;
  while (cur.size() == 1) {
    const Token& t = p.tokens[cur[0]];
    if (t.repeated) break;
    if (t.kind == TokenKind::Keyword && t.binding < 0) {
      if (past_keywords) break;
    } else {
      if (t.binding < 0) break;
      past_keywords = true;
      if (std::find(keys.begin(), keys.end(), t.binding) == keys.end()) keys.push_back(t.binding);
    }
    if (t.can_end) break;
    cur = t.next;
  }
  return keys;
}

// Marks where a `no` form may stop: after the last leading keyword (leaves), or after the last key
// binding (entries).
void mark_identity(CompiledPattern& p, const std::vector<int>& keys, bool entry) {
  std::vector<uint16_t> cur = p.start;
  int last = -1;
  std::vector<int> seen;
  while (cur.size() == 1) {
    Token& t = p.tokens[cur[0]];
    if (t.repeated) break;
    if (entry) {
      if (t.binding >= 0 && std::find(keys.begin(), keys.end(), t.binding) != keys.end()) {
        seen.push_back(t.binding);
        last = cur[0];
        if (seen.size() == keys.size()) break;
      } else if (t.kind != TokenKind::Keyword) {
        break;
      } else if (keys.empty()) {
        last = cur[0];
      }
    } else {
      if (t.kind != TokenKind::Keyword) break;
      last = cur[0];
    }
    if (t.can_end) break;
    cur = t.next;
  }
  if (last >= 0) p.tokens[last].identity = true;
}

}  // namespace

NoteHook created_note(std::string text) {
  return [text = std::move(text)](const ValidateContext& c) -> std::string {
    return c.existing == nullptr && !c.negate ? text : std::string();
  };
}

CommandSet::CommandSet(Dialect dialect) : dialect_(dialect) {
  auto exec = std::make_unique<Mode>();
  exec->name = "exec";
  exec->config = false;
  exec_ = exec.get();
  modes_.push_back(std::move(exec));
  auto cfg = std::make_unique<Mode>();
  cfg->name = "config";
  cfg->prompt = "config";
  cfg->scope = &root_;
  config_ = cfg.get();
  modes_.push_back(std::move(cfg));
  root_.kind = DeclKind::Root;
  root_.mode = config_;
  root_.enters = config_;
}

Mode& CommandSet::mode_mut(std::string_view name, const Mode* parent) {
  for (auto& m : modes_) {
    if (m->name == name) return *m;
  }
  auto m = std::make_unique<Mode>();
  m->name = std::string(name);
  m->prompt = std::string(name);
  m->parent = parent ? parent : config_;
  modes_.push_back(std::move(m));
  return *modes_.back();
}

const Mode* CommandSet::find_mode(std::string_view name) const {
  for (const auto& m : modes_) {
    if (m->name == name) return m.get();
  }
  return nullptr;
}

ModeRef CommandSet::mode(std::string_view name) { return ModeRef(*this, mode_mut(name, config_)); }

void CommandSet::define_mode(std::string_view name, std::string_view prompt, std::string_view parent) {
  ++generation_;
  Mode& p = mode_mut(parent, config_);
  Mode& m = mode_mut(name, &p);
  m.prompt = std::string(prompt);
  m.parent = &p;
}

void CommandSet::help(std::string_view keyword, std::string_view text) {
  for (auto& [k, h] : keyword_help_) {
    if (k == keyword) {
      h = std::string(text);
      return;
    }
  }
  keyword_help_.emplace_back(std::string(keyword), std::string(text));
}

std::string_view CommandSet::keyword_help(std::string_view keyword) const {
  for (const auto& [k, h] : keyword_help_) {
    if (k == keyword) return h;
  }
  return {};
}

const Decl* CommandSet::top_level(std::string_view id) const {
  for (const Decl* d : root_.children) {
    if (d->id == id) return d;
  }
  return nullptr;
}

Decl& CommandSet::new_decl() {
  ++generation_;
  return decls_.emplace_back();
}

void CommandSet::add_to_config_modes(std::string_view pattern, ExecHandler handler, ActionOptions opts) {
  Decl& d = new_decl();
  d.kind = DeclKind::Action;
  auto p = compile_pattern(pattern);
  if (!p) {
    add_error(p.error().message);
    return;
  }
  d.pattern = std::move(p.value());
  fill_help(d.pattern, opts.help);
  d.id = d.pattern.leading_keywords;
  d.handler = std::move(handler);
  d.privilege = opts.privilege;
  d.mode = config_;
  everywhere_.push_back(&d);
}

void ModeRef::add(std::string_view pattern, ExecHandler handler, ActionOptions opts) {
  Decl& d = set_->new_decl();
  d.kind = DeclKind::Action;
  auto p = compile_pattern(pattern);
  if (!p) {
    set_->add_error(p.error().message);
    return;
  }
  d.pattern = std::move(p.value());
  fill_help(d.pattern, opts.help);
  d.id = d.pattern.leading_keywords;
  d.handler = std::move(handler);
  d.privilege = opts.privilege;
  d.mode = mode_;
  mode_->actions.push_back(&d);
}

Decl& Scope::add(DeclKind kind, std::string_view pattern, std::string id) {
  Decl& d = set_->new_decl();
  d.kind = kind;
  d.parent = decl_;
  // Children of a header-less entry are typed in the entry's own mode, prefixed by its pattern.
  d.mode = decl_->enters ? decl_->enters : decl_->mode;
  auto p = compile_pattern(pattern);
  if (!p) {
    set_->add_error(p.error().message);
  } else {
    d.pattern = std::move(p.value());
  }
  d.id = id.empty() ? d.pattern.leading_keywords : std::move(id);
  if (d.id.empty()) d.id = std::string(pattern);
  for (const Decl* sib : decl_->children) {
    if (sib->id == d.id && sib->kind != DeclKind::Action) {
      set_->add_error("duplicate declaration id \"" + d.id + "\" in pattern \"" + std::string(pattern) + "\"");
    }
  }
  d.index = static_cast<int>(decl_->children.size());
  decl_->children.push_back(&d);
  return d;
}

Scope Scope::list(std::string_view pattern, ListOptions opts) {
  Decl& d = add(DeclKind::List, pattern, opts.id);
  for (const auto& k : opts.keys) {
    const int b = binding_of(d.pattern, k);
    if (b < 0) set_->add_error("key \"" + k + "\" is not a binding of \"" + std::string(pattern) + "\"");
    else d.key_bindings.push_back(b);
  }
  if (!opts.auto_seq.empty()) {
    d.auto_seq = binding_of(d.pattern, opts.auto_seq);
    if (d.auto_seq < 0) set_->add_error("auto_seq \"" + opts.auto_seq + "\" is not a binding");
    if (opts.keys.empty() && d.auto_seq >= 0) d.key_bindings.push_back(d.auto_seq);
  }
  if (d.key_bindings.empty()) d.key_bindings = leading_bindings(d.pattern);
  mark_identity(d.pattern, d.key_bindings, true);
  // `no 10` removes ordered entry 10 whatever follows it.
  for (auto& t : d.pattern.tokens) {
    if (d.auto_seq >= 0 && t.binding == d.auto_seq) t.identity = true;
  }
  fill_help(d.pattern, opts.help);
  if (!opts.enters.empty()) d.enters = &set_->mode_mut(opts.enters, d.mode);
  if (d.enters && d.enters->scope == nullptr) const_cast<Mode*>(d.enters)->scope = &d;
  d.list = std::move(opts);
  return Scope(*set_, d);
}

Scope Scope::container(std::string_view pattern, ListOptions opts) {
  Scope s = list(pattern, std::move(opts));
  Decl& d = const_cast<Decl&>(s.decl());
  d.kind = DeclKind::Container;
  d.key_bindings.clear();
  return s;
}

void Scope::leaf(std::string_view pattern, LeafOptions opts) {
  Decl& d = add(DeclKind::Leaf, pattern, opts.id);
  mark_identity(d.pattern, {}, false);
  fill_help(d.pattern, opts.help);
  if (!opts.ref.empty() && d.pattern.bindings.empty()) set_->add_error("ref without a binding: " + std::string(pattern));
  d.leaf = std::move(opts);
}

void Scope::leaf_list(std::string_view pattern, LeafOptions opts) {
  Decl& d = add(DeclKind::LeafList, pattern, opts.id);
  for (const auto& k : opts.keys) {
    const int b = binding_of(d.pattern, k);
    if (b < 0) set_->add_error("key \"" + k + "\" is not a binding of \"" + std::string(pattern) + "\"");
    else d.key_bindings.push_back(b);
  }
  if (d.key_bindings.empty()) {
    for (size_t i = 0; i < d.pattern.bindings.size(); ++i) d.key_bindings.push_back(static_cast<int>(i));
  }
  mark_identity(d.pattern, {}, false);
  fill_help(d.pattern, opts.help);
  d.leaf = std::move(opts);
}

void Scope::presence(std::string_view pattern, LeafOptions opts) {
  Decl& d = add(DeclKind::Presence, pattern, opts.id);
  if (!d.pattern.bindings.empty()) set_->add_error("presence with bindings: " + std::string(pattern));
  fill_help(d.pattern, opts.help);
  d.leaf = std::move(opts);
}

void Scope::verbatim(std::string_view keywords, VerbatimOptions opts) {
  Decl& d = add(DeclKind::Verbatim, std::string(keywords) + (opts.needs_rest ? " LINE$rest" : " [LINE$rest]"),
                std::string(keywords));
  // Every keyword of the block's head (`ip` and `route` of `ip route`) shows the block's help in `?`.
  for (auto& t : d.pattern.tokens) {
    if (opts.help.empty() || t.kind != TokenKind::Keyword) break;
    t.help = opts.help;
  }
  if (!opts.enters.empty()) {
    Mode& m = set_->mode_mut(opts.enters, d.mode);
    m.verbatim = true;
    if (m.scope == nullptr) m.scope = &d;
    d.enters = &m;
  }
  if (opts.delimited) {
    // Typed interactively, the text after an unclosed delimiter continues on the next lines.
    Mode& m = set_->mode_mut(d.id + " text", d.mode);
    m.verbatim = true;
    m.raw = true;
    m.scope = &d;
    m.prompt = "";
  }
  d.verbatim = std::move(opts);
}

void Scope::action(std::string_view pattern, ExecHandler handler, ActionOptions opts) {
  const Mode* m = decl_->enters ? decl_->enters : decl_->mode;
  ModeRef(*set_, const_cast<Mode&>(*m)).add(pattern, std::move(handler), std::move(opts));
}

}  // namespace ravelin::grammar
