#pragma once
// The seam between an operator session (modes, parser, commands: cli/session*) and a terminal
// (the readline console, a vty connection, a scripted test). A terminal owns line editing, the
// --More-- pager and echo; a Shell owns everything IOS decides: prompt, help, completion, output.
// All Shell calls happen on the process's single event-loop thread (see docs/ARCHITECTURE.md).
#include <string>
#include <string_view>
#include <vector>

namespace ravelin::cli {

struct ExecResult {
  std::string output;          // text to print, each line '\n'-terminated (may be empty)
  bool rejected = false;       // the line produced an IOS error (% Invalid input, ...) or was refused
  bool close_session = false;  // `exit`/`logout` from user or privileged EXEC
  bool wants_password = false; // `enable` with a secret: the next line is a password, read with no echo
};

struct Completion {
  std::string line;                  // the line after completion (unchanged when nothing is unique)
  std::vector<std::string> choices;  // when ambiguous: the candidates, for the terminal to list
};

class Shell {
 public:
  virtual ~Shell() = default;
  // "R>", "R#", "R(config)#", "R(config-ikev2-proposal)#", ASA "ciscoasa(config-tunnel-general)# "...
  [[nodiscard]] virtual std::string prompt() const = 0;
  // Runs one line as if typed at the prompt.
  virtual ExecResult execute(std::string_view line) = 0;
  // The output of typing '?' at the end of `line` (which is not executed).
  [[nodiscard]] virtual std::string help(std::string_view line) const = 0;
  // TAB at the end of `line`.
  [[nodiscard]] virtual Completion complete(std::string_view line) const = 0;
  // `terminal length N` for this session: 0 means no paging.
  [[nodiscard]] virtual int terminal_length() const = 0;
  // Ctrl-Z: back to privileged EXEC from any config mode (returns what to print, usually empty).
  virtual ExecResult ctrl_z() = 0;
  // Lines this session may print unprompted (`terminal monitor` debug output); drained by the terminal.
  virtual std::vector<std::string> take_async_output() = 0;
};

}  // namespace ravelin::cli
