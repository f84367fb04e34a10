#pragma once
// The operator's console: a cli::Shell driven from a terminal on the process's single io_context.
//
// On a terminal (isatty(input_fd)) it uses GNU readline's callback interface: history, emacs keys,
// `?` prints shell.help(line) and redraws the line (nothing executes), TAB calls shell.complete(),
// Ctrl-Z calls shell.ctrl_z(), output longer than shell.terminal_length() goes through the IOS
// ` --More-- ` pager, a line after ExecResult::wants_password is read without echo, and
// shell.take_async_output() lines are printed above the prompt without disturbing the typed line.
//
// When the input is not a terminal, there is no readline: every line is echoed as
// `<prompt><line>\n` (a line answering a secret question as `<prompt>\n` only) and run as if typed,
// then its output is printed unpaged — it reads like the screen of an interactive session
// (docs/VTY.md).
//
// Readline has process-global state: at most one Console may be started per process.
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "cli/shell.hpp"

namespace ravelin::cli::terminal {

struct ConsoleOptions {
  int input_fd = 0;   // read keystrokes / script lines from here
  int output_fd = 1;  // write the screen here
  // How often take_async_output() is polled (debug output from `terminal monitor`).
  int async_poll_ms = 100;
  // Script mode (input not a terminal): echo `<prompt><line>` before each line's output.
  bool echo_script_lines = true;
};

class Console {
 public:
  Console(boost::asio::io_context& io, Shell& shell, ConsoleOptions options = {});
  ~Console();
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  // Prints the prompt and starts reading. `on_closed` runs once on the loop when the session ends:
  // `exit`/`logout` from EXEC (ExecResult::close_session), Ctrl-D on an empty line, end of input,
  // or stop(). The terminal is restored before it runs.
  void start(std::function<void()> on_closed);
  // Ends the console from outside (e.g. SIGTERM, or the vty client losing its server).
  void stop();
  [[nodiscard]] bool running() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ravelin::cli::terminal
