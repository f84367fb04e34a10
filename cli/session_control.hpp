#pragma once
// What builtin command handlers (cli/builtins*.cpp) reach besides grammar's ExecContext:
//  - SystemInfo: facts about the process, provided once by main in the shared grammar::Services;
//  - SessionControl: the session running the line, provided in each session's own Services copy.
// Everything runs on the single event-loop thread, so neither needs a lock.
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cli/interface_inventory.hpp"
#include "cli/options.hpp"
#include "grammar/interface_name.hpp"
#include "grammar/question.hpp"
#include "platform/clock.hpp"

namespace ravelin::cli {

struct SystemInfo {
  Dialect dialect = Dialect::Ios;
  std::optional<std::string> startup_path;  // where `write memory` saves; unset: no startup file
  std::string image_path = "ravelin";       // argv[0] as started (show version)
  const platform::Clock* clock = nullptr;   // for uptime; nullptr: uptime not shown
  platform::TimePoint started{};
  const InterfaceInventory* inventory = nullptr;
  const grammar::InterfaceInventory* interface_names = nullptr;  // the same names, for the matcher
};

using Question = grammar::Question;

class SessionControl : public grammar::Asker {
 public:
  ~SessionControl() override = default;
  [[nodiscard]] virtual std::string prompt() const = 0;
  // The session's command history, oldest first (at most 10 + the current line; passwords never).
  [[nodiscard]] virtual const std::deque<std::string>& history() const = 0;
  // Replaces the line being run in the history (a command that carries a clear-text secret).
  virtual void redact_current_line(std::string replacement) = 0;
  // `do LINE`: runs `line` as if typed at privileged EXEC (pipes included), in this session.
  virtual bool run_exec_line(std::string_view line, std::string& out) = 0;
  // `exit`/`logout` at EXEC: the terminal closes the session after this line.
  virtual void close() = 0;
  // `enable` succeeded / `disable`.
  virtual void set_privilege(int level) = 0;
};

}  // namespace ravelin::cli
