// `?` and TAB, derived from the same match as execution: the tokens that may come next.
#include <algorithm>
#include <cctype>

#include "grammar/matcher_internal.hpp"

namespace ravelin::grammar {
namespace {

using detail::Command;

std::string token_help(const CommandSet& set, const Token& t) {
  if (!t.help.empty()) return t.help;
  if (t.kind == TokenKind::Keyword) return std::string(set.keyword_help(t.text));
  return {};
}

void add_item(std::vector<HelpItem>& items, std::string token, std::string help) {
  for (auto& i : items) {
    if (i.token == token) {
      if (i.help.empty()) i.help = std::move(help);
      return;
    }
  }
  items.push_back({std::move(token), std::move(help)});
}

// Candidate next tokens for every live state (and whether the line could end here).
template <typename F>
void for_each_next(const CommandSet& set, const Mode& mode, const detail::Core& core, F&& f) {
  const ModeTable& table = set.table(mode);
  for (const auto& s : core.states) {
    const Command& c = table.commands[s.cmd];
    if (s.pending) continue;
    const auto& next = s.tok < 0 ? c.pattern.start : c.pattern.tokens[s.tok].next;
    for (uint16_t n : next) f(c.pattern.tokens[n]);
  }
}

bool any_end(const CommandSet& set, const Mode& mode, const detail::Core& core) {
  const ModeTable& table = set.table(mode);
  for (const auto& s : core.states) {
    if (!s.pending && detail::can_end(table.commands[s.cmd], s.tok, core.form)) return true;
  }
  return !core.line_done.empty();
}

// The interface types a name may start with: the inventory's, or every known IOS/ASA type.
std::vector<std::string> interface_types(const MatchEnv& env) {
  if (!env.inventory) return known_interface_types();
  std::vector<std::string> types;
  for (const auto& n : env.inventory->names) {
    size_t i = 0;
    while (i < n.size() && (std::isalpha(static_cast<unsigned char>(n[i])) || n[i] == '-')) ++i;
    if (i > 0 && std::find(types.begin(), types.end(), n.substr(0, i)) == types.end()) types.push_back(n.substr(0, i));
  }
  return types;
}

void sort_items(std::vector<HelpItem>& items) {
  std::sort(items.begin(), items.end(), [](const HelpItem& a, const HelpItem& b) {
    if (a.token == "<cr>" || b.token == "<cr>") return b.token == "<cr>" && a.token != "<cr>";
    return a.token < b.token;
  });
}

}  // namespace

HelpResult help_items(const CommandSet& set, const Mode& mode, std::string_view line, const MatchEnv& env) {
  HelpResult r;
  const detail::Words words = detail::split_words(line);
  const bool trailing_space = line.empty() || line.back() == ' ' || line.back() == '\t';
  r.partial = !trailing_space && !words.empty();
  const size_t consume = r.partial ? words.size() - 1 : words.size();
  const std::string_view last = r.partial ? words.back().text : std::string_view();
  detail::Core core;
  if (r.partial && consume == 0 && mode.config) {
    // `n?` at the start: the no/default prefixes are candidates too.
    core = detail::run_core(set, mode, {}, 0, env);
    if (detail::iprefix(last, "no")) add_item(r.items, "no", "Negate a command or set its defaults");
    if (detail::iprefix(last, "default")) add_item(r.items, "default", "Set a command to its defaults");
  } else {
    core = detail::run_core(set, mode, words, consume, env);
  }
  if (core.status != Match::Status::Ok) {
    r.status = core.status;
    r.error_offset = core.err_word < words.size() ? words[core.err_word].offset : line.size();
    return r;
  }
  // After `no`/`default` with nothing else, the form word was consumed by detection.
  for_each_next(set, mode, core, [&](const Token& t) {
    if (t.kind == TokenKind::Interface) {  // IOS lists the interface types, not a placeholder
      for (const auto& ty : interface_types(env)) {
        if (!r.partial || detail::iprefix(last, ty)) add_item(r.items, ty, r.partial ? "" : ty + " interface");
      }
      return;
    }
    if (r.partial) {
      if (t.kind == TokenKind::Keyword && detail::iprefix(last, t.text)) add_item(r.items, t.text, "");
      return;
    }
    add_item(r.items, t.text, token_help(set, t));
  });
  if (!r.partial) {
    if (words.empty() && mode.config) {
      add_item(r.items, "no", "Negate a command or set its defaults");
      add_item(r.items, "default", "Set a command to its defaults");
    }
    if (any_end(set, mode, core)) add_item(r.items, "<cr>", "");
  }
  sort_items(r.items);
  return r;
}

std::vector<std::string> completions(const CommandSet& set, const Mode& mode, std::string_view line,
                                     const MatchEnv& env) {
  std::vector<std::string> out;
  const detail::Words words = detail::split_words(line);
  if (words.empty() || line.back() == ' ' || line.back() == '\t') return out;
  const std::string_view last = words.back().text;
  detail::Core core = detail::run_core(set, mode, words, words.size() - 1, env);
  if (core.status != Match::Status::Ok) return out;
  auto add = [&](const std::string& s) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  if (words.size() == 1 && mode.config) {
    if (detail::iprefix(last, "no")) add("no");
    if (detail::iprefix(last, "default")) add("default");
  }
  for_each_next(set, mode, core, [&](const Token& t) {
    if (t.kind == TokenKind::Keyword && detail::iprefix(last, t.text)) add(t.text);
    if (t.kind == TokenKind::Interface) {
      const bool alpha = std::all_of(last.begin(), last.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || c == '-';
      });
      if (!alpha) return;
      for (const auto& ty : interface_types(env)) {
        if (detail::iprefix(last, ty)) add(ty);
      }
    }
  });
  // An exact keyword is the completion even when longer keywords share the prefix.
  for (const auto& o : out) {
    if (o.size() == last.size() && detail::iprefix(last, o)) return {o};
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ravelin::grammar
