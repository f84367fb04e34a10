#include "cli/session.hpp"

#include <algorithm>
#include <cctype>

#include "cli/builtins.hpp"
#include "cli/output_filter.hpp"

namespace ravelin::cli {
namespace {

// "do" followed by a blank: the rest of the line is an EXEC command (IOS `do` in config modes).
std::optional<std::size_t> do_prefix(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (line.size() < i + 3) return std::nullopt;
  if (std::tolower(static_cast<unsigned char>(line[i])) != 'd' ||
      std::tolower(static_cast<unsigned char>(line[i + 1])) != 'o' || line[i + 2] != ' ') {
    return std::nullopt;
  }
  i += 3;
  while (i < line.size() && line[i] == ' ') ++i;
  return i;
}

// IOS's two-column `?` layout: two spaces, the token padded to the longest + 2, the help.
std::string two_columns(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::size_t width = 0;
  for (const auto& r : rows) width = std::max(width, r.first.size());
  std::string out;
  for (const auto& r : rows) {
    out += "  " + r.first + std::string(width - r.first.size() + 2, ' ') + r.second + "\n";
  }
  return out + "\n";
}

grammar::SessionState exec_copy(const grammar::SessionState& st) {
  grammar::SessionState e = st;
  if (e.frames.size() > 1) e.frames.resize(1);
  return e;
}

}  // namespace

Session::Session(const grammar::CommandSet& set, grammar::config::ConfigStore& store, const grammar::Services& shared,
                 const grammar::InterfaceInventory* inventory, SessionOptions options)
    : set_(&set),
      store_(&store),
      services_(shared),
      interp_(set, &store, services_, inventory),
      options_(std::move(options)) {
  services_.provide<SessionControl>(static_cast<SessionControl&>(*this));
  services_.provide<grammar::Asker>(static_cast<grammar::Asker&>(*this));
  services_.provide<MonitorTarget>(static_cast<MonitorTarget&>(*this));
  if (options_.default_hostname.empty()) options_.default_hostname = default_hostname(dialect_of(set));
  st_.facts.privilege = options_.privilege;
  monitor_ = services_.get<Monitor>();
  if (monitor_ != nullptr) {
    line_number_ = monitor_->attach(*this, options_.log_source.empty() ? LineKind::Vty : LineKind::Console);
  }
}

Session::~Session() {
  if (monitor_ != nullptr) monitor_->detach(*this);
}

std::string Session::line_name() const {
  return options_.log_source.empty() ? "vty" + std::to_string(line_number_) : options_.log_source;
}

std::string Session::base_prompt() const {
  std::string p = hostname_of(store_->running(), options_.default_hostname);
  std::string mode = st_.prompt_mode();
  if (!mode.empty()) p += "(" + mode + ")";
  p += st_.facts.privilege >= 15 ? "#" : ">";
  if (asa()) p += " ";  // ASA prompts end with one space (cisco-cli.md §1.2)
  return p;
}

std::string Session::prompt() const { return question_ ? question_->prompt : base_prompt(); }

void Session::remember(std::string_view line) {
  std::string l(line);
  while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.pop_back();
  if (l.find_first_not_of(" \t") == std::string::npos) return;
  history_.push_back(std::move(l));
  while (history_.size() > options_.history_size) history_.pop_front();
}

bool Session::run_with_filters(grammar::SessionState& st, std::string_view line, std::size_t caret_base,
                               std::string& out) {
  if (line.find('|') == std::string_view::npos) {
    auto res = interp_.run(st, interp_.resolve(st, line, caret_base));
    out += res.output;
    return !res.rejected;
  }
  PipeParse pp = split_output_filters(line);
  if (pp.error) {
    out += pp.error->kind == PipeError::Kind::Invalid
               ? grammar::invalid_input_text(set_->dialect(), caret_base + pp.error->column)
               : grammar::incomplete_text(set_->dialect());
    return false;
  }
  auto res = interp_.run(st, interp_.resolve(st, pp.split.command, caret_base));
  if (res.rejected) {
    out += res.output;
    return false;
  }
  out += apply_output_filters(pp.split.filters, res.output);
  return true;
}

void Session::log_config_exit(bool was_in_config) {
  // IOS only (cisco-cli.md §1.1, [V X3b]); the ASA logs nothing here by default.
  if (!was_in_config || st_.in_config() || asa()) return;
  std::string line = "%SYS-5-CONFIG_I: Configured from console by " + line_name();
  // The console shows its own log line at once; the Monitor then skips its console sink (nothing
  // printed twice) and hands the line to every monitoring vty, this one included.
  if (!options_.log_source.empty()) post_async(line);
  if (monitor_ != nullptr) monitor_->publish(line, this);
}

ExecResult Session::execute(std::string_view line) {
  if (question_) return answer(line);
  remember(line);
  ExecResult r;
  std::string p = base_prompt();
  const bool was_in_config = st_.in_config();
  if (was_in_config) {
    auto res = interp_.run(st_, interp_.resolve(st_, line, p.size()));
    r.output = std::move(res.output);
    r.rejected = res.rejected;
  } else {
    r.rejected = !run_with_filters(st_, line, p.size(), r.output);
  }
  log_config_exit(was_in_config);
  r.close_session = closing_;
  r.wants_password = question_ && question_->secret;
  return r;
}

ExecResult Session::answer(std::string_view line) {
  Question q = std::move(*question_);
  question_.reset();
  ExecResult r;
  q.on_answer(line, r.output, r.rejected);  // may ask again (a second `Password:`)
  r.close_session = closing_;
  r.wants_password = question_ && question_->secret;
  return r;
}

void Session::redact_current_line(std::string replacement) {
  if (!history_.empty()) history_.back() = std::move(replacement);
}

void Session::ask(Question q) { question_ = std::move(q); }

bool Session::run_exec_line(std::string_view line, std::string& out) {
  grammar::SessionState exec = exec_copy(st_);
  // The caret counts the prompt and the `do ` before the EXEC command.
  std::size_t base = base_prompt().size() + 3;
  bool ok = run_with_filters(exec, line, base, out);
  st_.facts = exec.facts;  // `do terminal length 0` lasts; the mode stays
  return ok;
}

ExecResult Session::ctrl_z() {
  if (question_) return {};
  const bool was_in_config = st_.in_config();
  st_.to_exec();
  log_config_exit(was_in_config);
  return {};
}

std::vector<std::string> Session::take_async_output() { return std::exchange(async_, {}); }

std::string Session::pipe_help(std::string_view after_bar) const {
  std::size_t i = after_bar.find_first_not_of(' ');
  std::string_view rest = i == std::string_view::npos ? std::string_view{} : after_bar.substr(i);
  auto sp = rest.find(' ');
  if (sp != std::string_view::npos) return two_columns({{"LINE", "Regular Expression"}});
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& h : output_filter_help()) {
    if (h.keyword.substr(0, rest.size()) == rest) rows.emplace_back(h.keyword, h.help);
  }
  if (rest.empty()) return two_columns(rows);
  std::string out;  // `| inc?`: the keywords that complete the word, on one line
  for (const auto& r : rows) out += (out.empty() ? "" : "  ") + r.first;
  return rows.empty() ? grammar::invalid_input_text(set_->dialect(), base_prompt().size()) : out + "\n\n";
}

std::string Session::help(std::string_view line) const {
  if (question_) return {};
  std::size_t base = base_prompt().size();
  if (st_.in_config()) {
    auto d = do_prefix(line);
    if (!d) return interp_.help(st_, line, base);
    line.remove_prefix(*d);
    base += *d;
  }
  auto bar = line.find('|');
  if (bar != std::string_view::npos) return pipe_help(line.substr(bar + 1));
  return interp_.help(exec_copy(st_), line, base);
}

Completion Session::complete(std::string_view line) const {
  if (question_ || line.find('|') != std::string_view::npos) return {std::string(line), {}};
  if (st_.in_config()) {
    auto d = do_prefix(line);
    if (!d) {
      auto c = interp_.complete(st_, line);
      return {c.line, c.choices};
    }
    auto c = interp_.complete(exec_copy(st_), line.substr(*d));
    return {std::string(line.substr(0, *d)) + c.line, c.choices};
  }
  auto c = interp_.complete(st_, line);
  return {c.line, c.choices};
}

}  // namespace ravelin::cli
