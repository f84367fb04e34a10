#pragma once
// Internal to cli/terminal: the Console's state machine. Readline (console_readline.cpp) handles
// editing; this class owns the modes between lines (pager, password) and script input.
#include <termios.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include "cli/terminal/console.hpp"
#include "cli/terminal/pager.hpp"

namespace ravelin::cli::terminal {

class Console::Impl {
 public:
  enum class Mode { kIdle, kEditing, kPaging, kPassword, kScript, kClosed };

  Impl(boost::asio::io_context& io, Shell& shell, ConsoleOptions options);
  ~Impl();

  void start(std::function<void()> on_closed);
  void stop();
  [[nodiscard]] bool running() const { return mode_ != Mode::kIdle && mode_ != Mode::kClosed; }

  // Called from readline's callbacks (console_readline.cpp).
  void on_line(std::optional<std::string> line);  // nullopt = Ctrl-D on an empty line
  void on_help_key();
  void on_tab_key();
  void on_ctrl_z_key();
  Shell& shell() { return shell_; }
  void write_out(std::string_view text) const;

 private:
  // console_readline.cpp
  void readline_setup();
  void readline_install();
  void readline_remove();
  void readline_teardown();
  void readline_print_above(const std::string& text);
  void readline_read_char();

  // console.cpp
  void wait_input();
  void on_readable();
  void arm_async_timer();
  void drain_async_output();
  void run_line(const std::string& line, bool then_ctrl_z);
  void after_output();
  void page(std::string text);
  void on_pager_key(char key);
  void enter_password_mode();
  void on_password_bytes(std::string_view bytes);
  void set_termios(bool canonical, bool echo);
  void restore_termios();
  void close();

  // console_script.cpp
  void script_read();
  void script_bytes(std::string_view bytes);
  void script_line(std::string line);
  void script_eof();

  boost::asio::io_context& io_;
  Shell& shell_;
  ConsoleOptions options_;
  std::function<void()> on_closed_;
  Mode mode_ = Mode::kIdle;
  bool tty_ = false;
  bool regular_file_ = false;
  boost::asio::posix::stream_descriptor input_;
  boost::asio::steady_timer timer_;
  std::optional<Pager> pager_;
  bool pending_ctrl_z_ = false;    // Ctrl-Z ended the line: run ctrl_z() after it
  bool password_next_ = false;     // after the current output: read a password
  bool close_after_output_ = false;
  std::string password_;            // typed so far (never echoed, never logged)
  std::string script_buffer_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // posted work checks it is still wanted
  std::optional<termios> saved_termios_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in_file_{nullptr, &std::fclose};
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out_file_{nullptr, &std::fclose};
};

}  // namespace ravelin::cli::terminal
