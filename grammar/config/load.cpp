#include "grammar/config/load.hpp"

#include <optional>

#include "grammar/interpreter.hpp"

namespace ravelin::grammar::config {
namespace {

std::string_view rtrim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Leading blanks; a line of blanks only counts as its length.
size_t indent_of(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  return b == std::string_view::npos ? s.size() : b;
}

bool ieq_word(std::string_view line, std::string_view word) {
  const auto b = line.find_first_not_of(" \t");
  if (b == std::string_view::npos) return false;
  line = line.substr(b);
  if (line.size() != word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != word[i]) return false;
  }
  return true;
}

// Lines a saved `show running-config` carries that are not commands.
bool is_comment(std::string_view t, Dialect d) {
  if (t.empty() || t.front() == '!') return true;
  if (d == Dialect::Asa && t.front() == ':') return true;
  return t == "Building configuration..." || t.starts_with("Current configuration :");
}

struct Loader {
  const CommandSet& set;
  Candidate cand;
  LoadReport& report;
  const LoadOptions& opts;
  const ConfigStore* per_line;  // fallback: each line also validated by subscribers
  Services services;
  Interpreter in;
  SessionState st;
  // The verbatim block being read: its header edit waits until the block ends, so the block is applied
  // once with all its lines, in order and with repeated lines kept (a certificate's hex, `quit`).
  std::optional<Edit> block;
  size_t block_no = 0;
  std::string block_raw;
  size_t block_indent = 0;  // the header's indentation: the block's lines are indented deeper
  char delim = 0;           // inside a delimited banner
  size_t verbatim_count = 0;

  Loader(const CommandSet& s, const Snapshot& base, LoadReport& r, const LoadOptions& o, const ConfigStore* pl)
      : set(s), cand(base), report(r), opts(o), per_line(pl), in(s, nullptr, services, o.inventory) {
    st.facts.privilege = 15;
    st.enter_config(s);
  }

  void error(size_t no, std::string_view line, size_t col, std::string msg) {
    report.errors.push_back({no, std::string(line), col, std::move(msg)});
  }

  void append_verbatim(std::string_view line) { block->verbatim_lines.emplace_back(line); }

  // Applies the pending verbatim block (header and lines) as one edit.
  void flush_block() {
    if (!block) return;
    Edit e = std::move(*block);
    block.reset();
    delim = 0;
    if (e.target->verbatim.delimited) {
      // A second `banner motd` replaces the text, as on IOS (merged, the two texts would not read back).
      Edit drop = e;
      drop.op = Edit::Op::Negate;
      drop.verbatim_lines.clear();
      (void)cand.apply(drop);
    }
    EditResult res;
    if (!apply_edit(block_no, block_raw, e, res)) return;
    ++report.lines_applied;
    ++verbatim_count;
    if (!res.notes.empty()) report.notes.push_back(res.notes);
  }

  bool apply_edit(size_t no, std::string_view line, const Edit& e, EditResult& out) {
    std::optional<Candidate> saved;  // only the slow path pays for a rollback point
    if (per_line) saved.emplace(cand);
    auto r = cand.apply(e);
    if (!r) {
      error(no, line, std::string::npos, r.error().message);
      return false;
    }
    if (per_line) {
      const Snapshot before = saved->snapshot(0), after = cand.snapshot(0);
      Status s = per_line->validate(after, diff(before, after));
      if (!s) {
        cand = *saved;
        error(no, line, std::string::npos, s.error().message);
        return false;
      }
    }
    out = std::move(r.value());
    return true;
  }

  void line(size_t no, std::string_view raw) {
    const std::string_view l = rtrim(raw);
    if (delim) {  // inside a delimited block: everything up to the closing delimiter
      append_verbatim(l);
      if (l.find(delim) != std::string_view::npos) delim = 0;
      return;
    }
    if (block && indent_of(l) > block_indent && indent_of(l) < l.size()) {
      // The header renders at its depth in the tree, whatever its indentation in this file: a line
      // kept as typed must still be deeper than that, or a reload would not give it back to the block.
      const size_t depth = block->path.size();
      const size_t ind = indent_of(l);
      append_verbatim(ind > depth ? std::string(l) : std::string(depth + 1 - ind, ' ') + std::string(l));
      return;
    }
    flush_block();
    const auto b = l.find_first_not_of(" \t");
    if (b == std::string_view::npos || is_comment(l.substr(b), set.dialect())) return;
    if (ieq_word(l, "end")) {
      st.enter_config(set);
      return;
    }
    if (ieq_word(l, "exit")) {
      if (st.frames.size() > 2) st.exit_one();
      return;
    }
    Resolution r = in.resolve(st, l, 0);
    switch (r.kind) {
      case Resolution::Kind::Empty:
        return;
      case Resolution::Kind::Error:
        error(no, raw, r.error_offset, r.message);
        return;
      case Resolution::Kind::Action:
        error(no, raw, std::string::npos, "% Not a configuration command");
        return;
      case Resolution::Kind::Config:
      case Resolution::Kind::Verbatim:
        break;
    }
    if (st.frames.size() > r.pop_frames) st.frames.resize(st.frames.size() - r.pop_frames);
    if (r.edit.op == Edit::Op::Set && r.edit.target->kind == DeclKind::Verbatim) {
      start_verbatim(no, raw, std::move(r.edit));
      return;  // in a file, the indented lines below belong to the block (no mode needed)
    }
    EditResult res;
    if (!apply_edit(no, raw, r.edit, res)) return;
    ++report.lines_applied;
    if (!res.notes.empty()) report.notes.push_back(res.notes);
    if (r.edit.op != Edit::Op::Set) return;
    if (r.edit.target->enters) st.frames.push_back(Frame{r.edit.target->enters, res.entered});
  }

  void start_verbatim(size_t no, std::string_view raw, Edit e) {
    block_no = no;
    block_raw = std::string(raw);
    block_indent = indent_of(raw);
    // `banner motd ^C` with the text on the next lines: everything up to the closing delimiter.
    if (e.target->verbatim.delimited) delim = open_delimiter(e.words);
    block = std::move(e);
  }
};

}  // namespace

Snapshot parse_config(const CommandSet& set, const Snapshot& base, std::string_view text, const LoadOptions& opts,
                      LoadReport& report) {
  return parse_config_checked(set, base, text, opts, report, nullptr);
}

Snapshot parse_config_checked(const CommandSet& set, const Snapshot& base, std::string_view text,
                              const LoadOptions& opts, LoadReport& report, const ConfigStore* per_line) {
  Loader ld(set, base, report, opts, per_line);
  size_t no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    const std::string_view l = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (nl == std::string_view::npos && l.empty()) break;  // the text's final newline ends it
    ++no;
    ld.line(no, l);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  ld.flush_block();
  if (ld.verbatim_count > 0) {
    report.notes.push_back("% NOTE: " + std::to_string(ld.verbatim_count) +
                           " command block(s) of subsystems ravelin does not manage were kept verbatim\n");
  }
  return ld.cand.snapshot(0);
}

LoadReport load(ConfigStore& store, std::string_view text, const LoadOptions& opts) {
  LoadReport report;
  const Snapshot base = opts.replace ? store.empty() : store.running();
  const Snapshot cand = parse_config(store.commands(), base, text, opts, report);
  auto committed = store.commit(cand);
  if (committed) {
    report.changes = std::move(committed.value());
    report.committed = true;
    return report;
  }
  // A subscriber refused the batch: redo it line by line so that only the refused lines are dropped.
  LoadReport retry;
  const Snapshot cand2 = parse_config_checked(store.commands(), base, text, opts, retry, &store);
  auto again = store.commit(cand2);
  if (again) {
    retry.changes = std::move(again.value());
    retry.committed = true;
  } else {
    retry.errors.push_back({0, std::string(), std::string::npos, again.error().message});
  }
  return retry;
}

std::string format_error(std::string_view file, const LineError& e) {
  std::string s = std::string(file) + ":" + std::to_string(e.line_number) + ": " + e.message + "\n";
  if (!e.line.empty()) s += e.line + "\n";
  if (e.column != std::string::npos) s += std::string(e.column, ' ') + "^\n";
  return s;
}

}  // namespace ravelin::grammar::config
