// Interpreter: running a resolved line, `?` and TAB.
#include <algorithm>

#include "grammar/interpreter.hpp"

namespace ravelin::grammar {
namespace {

void rstrip(std::string& s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
}

std::string two_columns(const std::vector<HelpItem>& items) {
  size_t width = 0;
  for (const auto& i : items) width = std::max(width, i.token.size());
  std::string out;
  for (const auto& i : items) {
    std::string l = "  " + i.token;
    l.append(width - i.token.size() + 2, ' ');
    l += i.help;
    rstrip(l);
    out += l + '\n';
  }
  return out + '\n';
}

std::string one_line(const std::vector<HelpItem>& items, int width) {
  std::string out, cur;
  for (const auto& i : items) {
    if (!cur.empty() && static_cast<int>(cur.size() + 2 + i.token.size()) > width) {
      out += cur + '\n';
      cur.clear();
    }
    if (!cur.empty()) cur += "  ";
    cur += i.token;
  }
  if (!cur.empty()) out += cur + '\n';
  return out + '\n';
}

}  // namespace

LineResult Interpreter::run(SessionState& st, const Resolution& r) {
  LineResult out;
  switch (r.kind) {
    case Resolution::Kind::Empty:
      return out;
    case Resolution::Kind::Error:
      out.output = r.error;
      out.rejected = true;
      return out;
    case Resolution::Kind::Config:
    case Resolution::Kind::Verbatim: {
      if (!store_) {
        out.output = "% Configuration is not available in this session\n";
        out.rejected = true;
        return out;
      }
      if (st.frames.size() > r.pop_frames) st.frames.resize(st.frames.size() - r.pop_frames);
      if (r.edit.op == config::Edit::Op::Set && r.edit.verbatim_lines.empty() &&
          r.edit.target->kind == DeclKind::Verbatim && r.edit.target->verbatim.delimited) {
        // A new `banner motd ^C` text replaces the old one, as on IOS (config/load.cpp does the same).
        config::Edit drop = r.edit;
        drop.op = config::Edit::Op::Negate;
        (void)store_->apply(drop);
      }
      auto res = store_->apply(r.edit);
      if (!res) {
        out.output = res.error().message + "\n";
        out.rejected = true;
        return out;
      }
      out.output = res->notes;
      const bool continuation = !r.edit.verbatim_lines.empty();
      if (continuation) {
        const Frame& f = st.frames.back();
        if (f.mode->raw && r.edit.verbatim_lines[0].find(f.delimiter) != std::string::npos) st.frames.pop_back();
        return out;
      }
      if (r.edit.op != config::Edit::Op::Set) return out;
      const Decl& d = *r.edit.target;
      if (d.kind == DeclKind::Verbatim && d.verbatim.delimited) {
        if (const char c = open_delimiter(r.edit.words)) {
          st.frames.push_back(Frame{set_->find_mode(d.id + " text"), res->entered, c});
        }
      } else if (d.enters) {
        st.frames.push_back(Frame{d.enters, res->entered});
      }
      return out;
    }
    case Resolution::Kind::Action: {
      if (st.frames.size() > r.pop_frames) st.frames.resize(st.frames.size() - r.pop_frames);
      ExecContext ctx{out.output, st, *services_, store_, *set_, r.args};
      Status s = r.decl->handler ? r.decl->handler(ctx) : Status();
      if (!s) {
        out.output += s.error().message;
        if (out.output.empty() || out.output.back() != '\n') out.output += '\n';
        out.rejected = true;
      }
      return out;
    }
  }
  return out;
}

std::string Interpreter::help(const SessionState& st, std::string_view line, size_t prompt_len) const {
  const MatchEnv env{st.facts.privilege, inventory_};
  std::vector<const Mode*> modes;
  if (st.frames.empty()) modes.push_back(&set_->exec_mode());
  for (size_t k = st.frames.size(); k-- > 0;) {
    modes.push_back(st.frames[k].mode);
    if (!st.frames[k].mode->config) break;
    if (k == 1) break;
  }
  // The current mode answers; a line that only parses in a parent mode (fall-through) gets that help.
  HelpResult first = help_items(*set_, *modes[0], line, env);
  for (size_t i = 1; i < modes.size() && first.status != Match::Status::Ok; ++i) {
    HelpResult h = help_items(*set_, *modes[i], line, env);
    if (h.status == Match::Status::Ok) first = std::move(h);
  }
  const Dialect d = set_->dialect();
  if (first.status == Match::Status::Ambiguous) return ambiguous_text(d, line);
  if (first.status != Match::Status::Ok) return invalid_input_text(d, prompt_len + first.error_offset);
  if (first.items.empty()) return d == Dialect::Asa ? "ERROR: % Unrecognized command\n" : "% Unrecognized command\n";
  return first.partial ? one_line(first.items, st.facts.terminal_width) : two_columns(first.items);
}

Interpreter::Completed Interpreter::complete(const SessionState& st, std::string_view line) const {
  const MatchEnv env{st.facts.privilege, inventory_};
  const Mode& mode = st.mode(*set_);
  Completed c{std::string(line), {}};
  auto choices = completions(*set_, mode, line, env);
  if (choices.empty() && mode.config && st.frames.size() > 2) {
    choices = completions(*set_, set_->config_mode(), line, env);
  }
  if (choices.size() == 1) {
    const auto sp = line.find_last_of(" \t");
    const size_t start = sp == std::string_view::npos ? 0 : sp + 1;
    c.line = std::string(line.substr(0, start)) + choices[0] + " ";
    return c;
  }
  if (choices.size() > 1) c.choices = std::move(choices);
  return c;
}

}  // namespace ravelin::grammar
