#include "grammar/matcher.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "grammar/matcher_internal.hpp"

namespace ravelin::grammar {
namespace {

using detail::Command;

void add_config(ModeTable& t, const Decl& d, const Command* prefix) {
  Command c;
  if (prefix) {
    c = *prefix;
    // The head's own `no` end belongs to the head's command, not to its children's.
    for (auto& tok : c.pattern.tokens) tok.identity = false;
    c.level_start.push_back(static_cast<uint16_t>(append_pattern(c.pattern, d.pattern)));
    c.chain.push_back(&d);
  } else {
    c.pattern = d.pattern;
    c.level_start = {0};
    c.chain = {&d};
  }
  c.config = true;
  const bool headerless = (d.kind == DeclKind::List || d.kind == DeclKind::Container) && !d.list.header;
  c.no_only = headerless;
  t.commands.push_back(c);
  if (headerless) {
    for (const Decl* child : d.children) add_config(t, *child, &c);
  }
}

ModeTable build_table(const CommandSet& set, const Mode& mode) {
  ModeTable t;
  if (mode.scope && !mode.verbatim) {
    for (const Decl* d : mode.scope->children) add_config(t, *d, nullptr);
  }
  auto add_action = [&](const Decl* d) {
    Command c;
    c.pattern = d->pattern;
    c.level_start = {0};
    c.chain = {d};
    t.commands.push_back(std::move(c));
  };
  for (const Decl* d : mode.actions) add_action(d);
  if (mode.config) {
    for (const Decl* d : set.everywhere()) add_action(d);
  }
  return t;
}

}  // namespace

const ModeTable& CommandSet::table(const Mode& mode) const {
  if (tables_generation_ != generation_) {
    tables_.clear();
    tables_generation_ = generation_;
  }
  for (const auto& [m, t] : tables_) {
    if (m == &mode) return *t;
  }
  tables_.emplace_back(&mode, std::make_shared<const ModeTable>(build_table(*this, mode)));
  return *tables_.back().second;
}

Match match_line(const CommandSet& set, const Mode& mode, std::string_view line, const MatchEnv& env) {
  const detail::Words words = detail::split_words(line);
  Match m;
  if (words.empty()) return m;
  detail::Core core = detail::run_core(set, mode, words, words.size(), env);
  m.form = core.form;
  if (core.status != Match::Status::Ok) {
    m.status = core.status;
    m.error_offset = core.err_word < words.size() ? words[core.err_word].offset : line.size();
    return m;
  }
  core.line = line;
  return detail::finish(set, mode, words, core, env);
}

}  // namespace ravelin::grammar
