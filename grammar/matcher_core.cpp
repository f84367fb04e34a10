// The word-by-word matcher: all commands of a mode advance together; at each word only the best
// kind of match survives (exact keyword > keyword prefix > typed value > WORD/LINE), and two
// different keywords matched by the same prefix make the line ambiguous (IOS behaviour).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "grammar/matcher_internal.hpp"

namespace ravelin::grammar::detail {
namespace {

constexpr size_t kMaxWords = 1024;

bool ieq(std::string_view a, std::string_view b) { return a.size() == b.size() && iprefix(a, b); }

bool parse_i64(std::string_view w, int64_t& out) {
  if (w.empty() || w.size() > 18) return false;
  for (char c : w) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return std::from_chars(w.data(), w.data() + w.size(), out).ec == std::errc();
}

bool parse_hex(std::string_view w, int64_t& out) {
  if (w.size() > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) w.remove_prefix(2);
  if (w.empty() || w.size() > 15) return false;
  return std::from_chars(w.data(), w.data() + w.size(), out, 16).ptr == w.data() + w.size();
}

std::optional<platform::IpAddress> v4(std::string_view w) {
  if (std::count(w.begin(), w.end(), '.') != 3) return std::nullopt;
  auto a = platform::IpAddress::parse(w);
  if (!a || !a->is_v4()) return std::nullopt;
  return a;
}

std::optional<platform::IpAddress> v6(std::string_view w) {
  if (w.find(':') == std::string_view::npos) return std::nullopt;
  auto a = platform::IpAddress::parse(w);
  if (!a || !a->is_v6()) return std::nullopt;
  return a;
}

// "A/len" keeping the host bits of A.
bool parse_prefix(std::string_view w, bool want_v6, platform::IpAddress& a, uint8_t& len) {
  const auto slash = w.find('/');
  if (slash == std::string_view::npos) return false;
  auto addr = want_v6 ? v6(w.substr(0, slash)) : v4(w.substr(0, slash));
  int64_t l = 0;
  if (!addr || !parse_i64(w.substr(slash + 1), l) || l > (want_v6 ? 128 : 32)) return false;
  a = *addr;
  len = static_cast<uint8_t>(l);
  return true;
}

}  // namespace

namespace {
// ASCII only, as IOS keywords are; inline, since every keyword of a mode is tried against the first
// word of every line (a libc tolower call per character showed in the 100,000-line load profile).
constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool iprefix(std::string_view prefix, std::string_view full) {
  if (prefix.size() > full.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (ascii_lower(prefix[i]) != ascii_lower(full[i])) return false;
  }
  return true;
}

Words split_words(std::string_view line) {
  Words w;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    w.push_back({line.substr(start, i - start), start});
  }
  return w;
}

int score(const Token& t, std::string_view w, const MatchEnv& env) {
  int64_t n = 0;
  platform::IpAddress a;
  uint8_t len = 0;
  switch (t.kind) {
    case TokenKind::Keyword:
      return !iprefix(w, t.text) ? 0 : w.size() == t.text.size() ? 4 : 3;
    case TokenKind::Word:
    case TokenKind::Line:
      return 1;
    case TokenKind::Range:
      return parse_i64(w, n) && n >= t.lo && n <= t.hi ? 2 : 0;
    case TokenKind::Hex:
      return parse_hex(w, n) ? 2 : 0;
    case TokenKind::Ipv4:
      return v4(w) ? 2 : 0;
    case TokenKind::Mask: {
      auto m = v4(w);
      return m && platform::Prefix::from_mask(platform::IpAddress(), *m) ? 2 : 0;
    }
    case TokenKind::Wildcard: {
      auto m = v4(w);
      return m && platform::Prefix::from_wildcard(platform::IpAddress(), *m) ? 2 : 0;
    }
    case TokenKind::Ipv4Prefix:
      return parse_prefix(w, false, a, len) ? 2 : 0;
    case TokenKind::Ipv6:
      return v6(w) ? 2 : 0;
    case TokenKind::Ipv6Prefix:
      return parse_prefix(w, true, a, len) ? 2 : 0;
    case TokenKind::Interface: {
      auto r = match_interface(w, {}, env.inventory);
      return r.status == IfMatch::Ok ? 2 : r.status == IfMatch::NeedNumber ? -1 : 0;
    }
  }
  return 0;
}

bool can_end(const Command& c, int tok, Match::Form form) {
  if (tok < 0) return false;
  const Token& t = c.pattern.tokens[tok];
  if (form == Match::Form::Plain) return t.can_end && !c.no_only;
  return t.can_end || t.identity;
}

bool visible(const Command& c, const MatchEnv& env, Match::Form form) {
  const Decl* d = c.chain.back();
  if (form != Match::Form::Plain) return c.config;
  return d->kind != DeclKind::Action || d->privilege <= env.privilege;
}

namespace {

struct Cand {
  State from;
  uint16_t tok;
  int score;
  bool second;
};

// The `no`/`default` prefix of a config line; Ambiguous when the word also abbreviates a command.
Match::Form detect_form(const ModeTable& t, const Mode& mode, std::string_view w, bool& ambiguous) {
  ambiguous = false;
  if (!mode.config) return Match::Form::Plain;
  if (ieq(w, "no")) return Match::Form::No;
  if (ieq(w, "default")) return Match::Form::Default;
  const bool n = iprefix(w, "no"), d = iprefix(w, "default");
  if (!n && !d) return Match::Form::Plain;
  for (const auto& c : t.commands) {
    for (auto s : c.pattern.start) {
      const Token& tok = c.pattern.tokens[s];
      if (tok.kind == TokenKind::Keyword && iprefix(w, tok.text)) {
        if (ieq(w, tok.text)) return Match::Form::Plain;
        ambiguous = true;
      }
    }
  }
  if (n && d) ambiguous = true;
  return n ? Match::Form::No : Match::Form::Default;
}

// Candidates for word `wi` from every live state; `best` is the strongest score seen.
void collect(const ModeTable& table, const Core& core, const Words& words, size_t wi, const MatchEnv& env,
             std::vector<Cand>& cands, int& best) {
  const std::string_view w = words[wi].text;
  for (const State& s : core.states) {
    const Command& c = table.commands[s.cmd];
    if (s.pending) {
      auto r = match_interface(words[wi - 1].text, w, env.inventory);
      if (r.status == IfMatch::Ok) {
        cands.push_back({s, static_cast<uint16_t>(s.tok), 2, true});
        best = std::max(best, 2);
      }
      continue;
    }
    const auto& next = s.tok < 0 ? c.pattern.start : c.pattern.tokens[s.tok].next;
    for (uint16_t n : next) {
      const int sc = score(c.pattern.tokens[n], w, env);
      if (sc == 0) continue;
      cands.push_back({s, n, sc, false});
      best = std::max(best, sc < 0 ? 2 : sc);
    }
  }
}

// Two different keywords abbreviated by the same word: ambiguous, unless exactly one of them is
// preferred (then the others' candidates are dropped).
bool ambiguous(const CommandSet& set, const ModeTable& table, std::vector<Cand>& cands) {
  std::vector<std::string_view> texts;
  for (const Cand& c : cands) {
    if (c.score != 3) continue;
    const std::string& text = table.commands[c.from.cmd].pattern.tokens[c.tok].text;
    if (std::find(texts.begin(), texts.end(), text) == texts.end()) texts.push_back(text);
  }
  if (texts.size() <= 1) return false;
  std::string_view winner;
  for (auto t : texts) {
    if (!set.preferred(t)) continue;
    if (!winner.empty()) return true;
    winner = t;
  }
  if (winner.empty()) return true;
  std::erase_if(cands, [&](const Cand& c) {
    return c.score == 3 && table.commands[c.from.cmd].pattern.tokens[c.tok].text != winner;
  });
  return false;
}

}  // namespace

Core run_core(const CommandSet& set, const Mode& mode, const Words& words, size_t consume, const MatchEnv& env) {
  const ModeTable& table = set.table(mode);
  Core core;
  if (!words.empty() && consume > 0) {
    bool amb = false;
    core.form = detect_form(table, mode, words[0].text, amb);
    if (amb) {
      core.status = Match::Status::Ambiguous;
      return core;
    }
    if (core.form != Match::Form::Plain) core.first = 1;
  }
  core.states.reserve(table.commands.size());
  for (uint32_t i = 0; i < table.commands.size(); ++i) {
    if (visible(table.commands[i], env, core.form)) core.states.push_back({i, -1, -1, false});
  }
  // Buffers reused word after word: matching runs once per line of a 100,000-line load.
  std::vector<Cand> cands;
  std::vector<State> next_states;
  std::vector<std::pair<uint16_t, bool>> seen;  // (token, pending) already kept for seen_cmd
  cands.reserve(64);
  next_states.reserve(64);
  core.steps.reserve(4 * consume);
  for (size_t wi = core.first; wi < consume; ++wi) {
    if (wi >= kMaxWords) {  // no command is this long; also keeps step indices in range
      core.status = Match::Status::Invalid;
      core.err_word = wi;
      return core;
    }
    cands.clear();
    int best = 0;
    collect(table, core, words, wi, env, cands, best);
    if (cands.empty()) {
      if (!core.line_done.empty()) {
        core.states.clear();
        return core;
      }
      core.status = Match::Status::Invalid;
      core.err_word = wi;
      return core;
    }
    if (best == 3 && ambiguous(set, table, cands)) {
      core.status = Match::Status::Ambiguous;
      core.err_word = wi;
      return core;
    }
    next_states.clear();
    uint32_t seen_cmd = UINT32_MAX;
    for (const Cand& c : cands) {
      if ((c.score < 0 ? 2 : c.score) != best) continue;
      // Several paths reaching the same token of the same command are one state (candidates of a
      // command are contiguous), so optional and repeated parts cannot multiply the states.
      if (c.from.cmd != seen_cmd) {
        seen_cmd = c.from.cmd;
        seen.clear();
      }
      const std::pair<uint16_t, bool> id{c.tok, c.score < 0};
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
      seen.push_back(id);
      core.steps.push_back({c.from.step, c.tok, static_cast<uint16_t>(wi), c.second});
      State ns{c.from.cmd, c.tok, static_cast<int>(core.steps.size() - 1), c.score < 0};
      const Token& tok = table.commands[c.from.cmd].pattern.tokens[c.tok];
      (tok.kind == TokenKind::Line ? core.line_done : next_states).push_back(ns);
    }
    core.states.swap(next_states);
    if (core.states.empty() && !core.line_done.empty()) return core;
  }
  return core;
}

namespace {

Value token_value(const Token& t, const Words& words, const Step& st, std::string_view line,
                  const MatchEnv& env, std::string& canon) {
  const std::string_view w = words[st.word].text;
  int64_t n = 0;
  platform::IpAddress a;
  uint8_t len = 0;
  switch (t.kind) {
    case TokenKind::Keyword:
      canon = t.text;
      return Value(t.text);
    case TokenKind::Word:
      canon = std::string(w);
      return Value(canon);
    case TokenKind::Line: {
      std::string_view rest = line.substr(words[st.word].offset);
      while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\r')) rest.remove_suffix(1);
      canon = std::string(rest);
      return Value(canon);
    }
    case TokenKind::Range:
      (void)parse_i64(w, n);
      canon = std::to_string(n);
      return Value(n);
    case TokenKind::Hex:
      (void)parse_hex(w, n);
      canon = std::string(w);
      return Value::number_with_text(n, canon);
    case TokenKind::Ipv4:
    case TokenKind::Mask:
    case TokenKind::Wildcard:
    case TokenKind::Ipv6: {
      auto addr = platform::IpAddress::parse(w);
      Value v(addr.value_or(platform::IpAddress()));
      canon = v.text();
      return v;
    }
    case TokenKind::Ipv4Prefix:
    case TokenKind::Ipv6Prefix: {
      (void)parse_prefix(w, t.kind == TokenKind::Ipv6Prefix, a, len);
      Value v = Value::interface_prefix(a, len);
      canon = v.text();
      return v;
    }
    case TokenKind::Interface: {
      auto r = st.second ? match_interface(words[st.word - 1].text, w, env.inventory)
                         : match_interface(w, {}, env.inventory);
      canon = r.name;
      return Value(r.name);
    }
  }
  return Value();
}

}  // namespace

Match finish(const CommandSet& set, const Mode& mode, const Words& words, const Core& core, const MatchEnv& env) {
  const ModeTable& table = set.table(mode);
  Match m;
  m.form = core.form;
  const State* win = nullptr;
  for (const State& s : core.states) {
    if (s.pending || !can_end(table.commands[s.cmd], s.tok, core.form)) continue;
    if (!win || s.cmd < win->cmd) win = &s;
  }
  if (!win) {
    for (const State& s : core.line_done) {
      if (!can_end(table.commands[s.cmd], s.tok, core.form)) continue;
      if (!win || s.cmd < win->cmd) win = &s;
    }
  }
  if (!win) {
    m.status = Match::Status::Incomplete;
    return m;
  }
  const Command& c = table.commands[win->cmd];
  std::vector<const Step*> path;
  for (int s = win->step; s >= 0; s = core.steps[s].parent) path.push_back(&core.steps[s]);
  std::reverse(path.begin(), path.end());
  m.status = Match::Status::Ok;
  m.chain = c.chain;
  m.args.assign(c.chain.size(), Args());
  m.words.assign(c.chain.size(), std::string());
  for (size_t i = 0; i < path.size(); ++i) {
    const Step& st = *path[i];
    if (i + 1 < path.size() && path[i + 1]->second) continue;  // the type half of "tunnel 1"
    const Token& t = c.pattern.tokens[st.tok];
    size_t level = 0;
    while (level + 1 < c.level_start.size() && st.tok >= c.level_start[level + 1]) ++level;
    if (!m.words[level].empty()) m.words[level] += ' ';
    if (t.kind == TokenKind::Keyword && t.binding < 0) {  // most keywords: only the words need them
      m.words[level] += t.text;
      continue;
    }
    std::string canon;
    Value v = token_value(t, words, st, core.line, env, canon);
    if (t.binding >= 0) {
      const std::string& name = c.pattern.bindings[t.binding];
      if (t.repeated) m.args[level].append(name, std::move(v));
      else m.args[level].set(name, std::move(v));
    }
    m.words[level] += canon;
  }
  return m;
}

}  // namespace ravelin::grammar::detail
