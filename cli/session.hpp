#pragma once
// One operator session (console, vty line, scripted test): mode stack, prompt, privilege, history,
// questions (`Password: `), output filters; commands run through grammar's Interpreter against the
// running-config shared by every session (a change made in one is visible to all at once).
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/monitor.hpp"
#include "cli/session_control.hpp"
#include "cli/shell.hpp"
#include "grammar/config/store.hpp"
#include "grammar/interpreter.hpp"

namespace ravelin::cli {

struct SessionOptions {
  std::string default_hostname;  // prompt when the config has no `hostname` (normally the declared default)
  int privilege = 1;             // 1: starts in user EXEC (R>), 15: privileged
  std::size_t history_size = 10; // `show history` keeps this many (IOS default 10)
  // The line this session runs on, as IOS names it in `%SYS-5-CONFIG_I: Configured from console by
  // <log_source>` ("console"). IOS logs that line on the console each time config mode is left; a vty
  // sees logs only with `terminal monitor`, so vty sessions leave this empty: their line name is
  // `vtyN`, N from the shared cli::Monitor, and their CONFIG_I reaches the console and monitoring
  // lines through it (no Monitor among the Services: no message).
  std::string log_source;
};

class Session final : public Shell, public SessionControl, public MonitorTarget {
 public:
  // `shared` is copied and extended with this session's SessionControl; `store` and `set` outlive it.
  Session(const grammar::CommandSet& set, grammar::config::ConfigStore& store, const grammar::Services& shared,
          const grammar::InterfaceInventory* inventory, SessionOptions options = {});
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() override;

  // Shell
  [[nodiscard]] std::string prompt() const override;
  ExecResult execute(std::string_view line) override;
  [[nodiscard]] std::string help(std::string_view line) const override;
  [[nodiscard]] Completion complete(std::string_view line) const override;
  [[nodiscard]] int terminal_length() const override { return st_.facts.terminal_length; }
  ExecResult ctrl_z() override;
  std::vector<std::string> take_async_output() override;

  // SessionControl
  void ask(Question q) override;
  [[nodiscard]] const std::deque<std::string>& history() const override { return history_; }
  bool run_exec_line(std::string_view line, std::string& out) override;
  void redact_current_line(std::string replacement) override;
  void close() override { closing_ = true; }
  void set_privilege(int level) override { st_.facts.privilege = level; }

  [[nodiscard]] const grammar::SessionState& state() const { return st_; }
  // Lines printed unprompted (logs of `terminal monitor`, CONFIG_I); drained by take_async_output().
  void post_async(std::string line) override { async_.push_back(std::move(line)); }
  // The line name in logs: "console" (log_source) or "vtyN".
  [[nodiscard]] std::string line_name() const;

 private:
  [[nodiscard]] std::string base_prompt() const;
  [[nodiscard]] bool asa() const { return set_->dialect() == grammar::Dialect::Asa; }
  ExecResult answer(std::string_view line);
  // Runs `line` in `st` with `| filters`; the caret of errors counts `caret_base` columns before it.
  bool run_with_filters(grammar::SessionState& st, std::string_view line, std::size_t caret_base, std::string& out);
  [[nodiscard]] std::string pipe_help(std::string_view after_bar) const;
  void remember(std::string_view line);
  // After a line or Ctrl-Z: the CONFIG_I log when it took the session out of config mode.
  void log_config_exit(bool was_in_config);

  const grammar::CommandSet* set_;
  grammar::config::ConfigStore* store_;
  grammar::Services services_;
  grammar::Interpreter interp_;
  grammar::SessionState st_;
  SessionOptions options_;
  std::deque<std::string> history_;
  std::optional<Question> question_;
  std::vector<std::string> async_;
  bool closing_ = false;
  Monitor* monitor_ = nullptr;  // from the shared Services; outlives every session
  int line_number_ = 0;
};

}  // namespace ravelin::cli
