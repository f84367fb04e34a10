#include "grammar/interpreter.hpp"

#include <algorithm>

namespace ravelin::grammar {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// The text after the first word (`no router ospf 1` -> `router ospf 1`).
std::string_view after_first_word(std::string_view s) {
  s = trim(s);
  const auto sp = s.find_first_of(" \t");
  return sp == std::string_view::npos ? std::string_view() : trim(s.substr(sp));
}

std::string_view first_word(std::string_view s) {
  s = trim(s);
  return s.substr(0, s.find_first_of(" \t"));
}

bool is_everywhere_action(const CommandSet& set, const Decl* d) {
  const auto& all = set.everywhere();
  return std::find(all.begin(), all.end(), d) != all.end();
}

std::vector<Frame> effective_frames(const CommandSet& set, const SessionState& st) {
  if (!st.frames.empty()) return st.frames;
  return {Frame{&set.exec_mode(), {}}};
}

Resolution build(const Match& m, size_t pop, const Frame& frame, std::string_view line) {
  Resolution r;
  const Decl* d = m.decl();
  r.decl = d;
  r.pop_frames = pop;
  if (d->kind == DeclKind::Action) {
    r.kind = Resolution::Kind::Action;
    r.args = m.args.back();
    return r;
  }
  r.kind = d->kind == DeclKind::Verbatim ? Resolution::Kind::Verbatim : Resolution::Kind::Config;
  r.edit.op = m.form == Match::Form::Plain ? config::Edit::Op::Set
              : m.form == Match::Form::No  ? config::Edit::Op::Negate
                                           : config::Edit::Op::Default;
  r.edit.path = frame.path;
  for (size_t i = 0; i + 1 < m.chain.size(); ++i) r.edit.path.push_back({m.chain[i], m.args[i], m.words[i]});
  r.edit.target = d;
  r.edit.args = m.args.back();
  r.edit.words = m.words.back();
  if (d->kind == DeclKind::Verbatim) {
    // Kept exactly as typed (abbreviations included), so it renders back unchanged.
    r.edit.words = std::string(m.form == Match::Form::Plain ? trim(line) : after_first_word(line));
    r.edit.args = Args();
  }
  return r;
}

// A line that joins the verbatim block the session is in (router sub-mode lines, banner text).
Resolution continuation(const Frame& f, std::string line) {
  Resolution r;
  const config::PathStep& block = f.path.back();
  r.kind = Resolution::Kind::Verbatim;
  r.decl = block.decl;
  r.edit.path.assign(f.path.begin(), f.path.end() - 1);
  r.edit.target = block.decl;
  r.edit.args = block.args;
  r.edit.words = block.words;
  r.edit.verbatim_lines = {std::move(line)};
  return r;
}

}  // namespace

char open_delimiter(std::string_view w) {
  const auto sp = w.find(' ');
  if (sp == std::string_view::npos) return 0;
  const auto sp2 = w.find(' ', sp + 1);
  if (sp2 == std::string_view::npos || sp2 + 1 >= w.size()) return 0;
  const char c = w[sp2 + 1];
  return w.find(c, sp2 + 2) == std::string_view::npos ? c : 0;
}

std::string invalid_input_text(Dialect d, size_t caret_column) {
  std::string s(caret_column, ' ');
  s += "^\n";
  s += d == Dialect::Asa ? "ERROR: % Invalid input detected at '^' marker.\n" : "% Invalid input detected at '^' marker.\n\n";
  return s;
}

std::string incomplete_text(Dialect d) {
  return d == Dialect::Asa ? "ERROR: % Incomplete command\n" : "% Incomplete command.\n\n";
}

std::string ambiguous_text(Dialect d, std::string_view line) {
  const std::string l(trim(line));
  return d == Dialect::Asa ? "ERROR: % Ambiguous command: \"" + l + "\"\n" : "% Ambiguous command:  \"" + l + "\"\n";
}

std::string unknown_exec_text(Dialect d, std::string_view word, bool domain_lookup) {
  if (d == Dialect::Asa) return invalid_input_text(d, 0);
  std::string s;
  if (domain_lookup) s += "Translating \"" + std::string(word) + "\"...domain server (255.255.255.255)\n";
  s += "% Unknown command or computer name, or unable to find computer address\n";
  return s;
}

std::string SessionState::prompt_mode() const {
  return frames.size() <= 1 ? std::string() : frames.back().mode->prompt;
}

void SessionState::enter_config(const CommandSet& set) {
  frames.clear();
  frames.push_back(Frame{&set.exec_mode(), {}});
  frames.push_back(Frame{&set.config_mode(), {}});
}

void SessionState::to_exec() {
  if (frames.size() > 1) frames.resize(1);
}

void SessionState::exit_one() {
  if (frames.size() > 1) frames.pop_back();
}

Interpreter::Interpreter(const CommandSet& set, config::ConfigStore* store, const Services& services,
                         const InterfaceInventory* inventory)
    : set_(&set), store_(store), services_(&services), inventory_(inventory) {}

Resolution Interpreter::resolve(const SessionState& st, std::string_view line, size_t prompt_len) const {
  Resolution r;
  const std::string_view t = trim(line);
  const std::vector<Frame> frames = effective_frames(*set_, st);
  const Mode& cur = *frames.back().mode;
  if (cur.raw && !frames.back().path.empty()) {  // banner text: taken as typed, up to the delimiter
    const std::string_view keep = line.substr(0, line.find_last_not_of(" \t\r\n") + 1);
    return continuation(frames.back(), std::string(keep));
  }
  if (t.empty() || (cur.config && t.front() == '!')) return r;
  const MatchEnv env{st.facts.privilege, inventory_};
  const size_t n = frames.size();
  const size_t lowest = cur.config ? 1 : n - 1;
  Match err;
  bool have_err = false;
  // IOS fall-through: the current mode first, then each parent mode up to global config. A verbatim
  // block's mode takes every line, so its parents are asked first.
  const size_t top = cur.verbatim ? n - 1 : n;
  for (size_t k = top; k-- > lowest;) {
    Match m = match_line(*set_, *frames[k].mode, line, env);
    if (m.status == Match::Status::Ok) {
      // An action of every config mode (`exit`, `end`, `do`) found while asking a parent first still
      // belongs to the verbatim block: `exit` in `(config-router)#` goes up one level, as on IOS.
      const bool own = cur.verbatim && is_everywhere_action(*set_, m.decl());
      return build(m, own ? 0 : n - 1 - k, frames[k], line);
    }
    const size_t off = m.status == Match::Status::Incomplete ? line.size() : m.error_offset;
    const size_t err_off = err.status == Match::Status::Incomplete ? line.size() : err.error_offset;
    if (!have_err || off > err_off) {
      err = m;
      have_err = true;
    }
  }
  // Stored one level deeper than the block's header, so that a saved file reads it back into the block
  // (` network …` under `router ospf 1`, `  3082…` under ` certificate 02`).
  if (cur.verbatim && n >= 2 && !frames.back().path.empty()) {
    return continuation(frames.back(), std::string(frames.back().path.size(), ' ') + std::string(t));
  }
  return error_resolution(st, err, line, prompt_len, cur.config);
}

Resolution Interpreter::error_resolution(const SessionState& st, const Match& err, std::string_view line,
                                         size_t prompt_len, bool config_mode) const {
  Resolution r;
  r.kind = Resolution::Kind::Error;
  const Dialect d = set_->dialect();
  switch (err.status) {
    case Match::Status::Incomplete:
      r.error = incomplete_text(d);
      r.message = d == Dialect::Asa ? "ERROR: % Incomplete command" : "% Incomplete command.";
      break;
    case Match::Status::Ambiguous:
      r.error = ambiguous_text(d, line);
      r.message = r.error.substr(0, r.error.size() - 1);
      break;
    default:
      r.error_offset = err.error_offset;
      if (!config_mode && err.error_offset == line.find_first_not_of(" \t")) {
        r.error = unknown_exec_text(d, first_word(line), st.facts.domain_lookup);
        r.message = r.error.substr(r.error.rfind('%'));
        r.message.pop_back();
        if (d == Dialect::Ios) r.error_offset = std::string::npos;
      } else {
        r.error = invalid_input_text(d, prompt_len + err.error_offset);
        r.message = d == Dialect::Asa ? "ERROR: % Invalid input detected at '^' marker."
                                      : "% Invalid input detected at '^' marker.";
      }
  }
  return r;
}

}  // namespace ravelin::grammar
