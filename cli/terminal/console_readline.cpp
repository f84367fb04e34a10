// GNU readline glue for the Console. Readline is process-global, hence the one active console.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

// readline's headers need <cstdio> first.
#include <readline/history.h>
#include <readline/readline.h>

#include "cli/terminal/console_impl.hpp"

namespace ravelin::cli::terminal {
namespace {

Console::Impl* g_console = nullptr;

constexpr int kCtrlC = 3;
constexpr int kCtrlZ = 26;

void line_handler(char* raw) {
  std::unique_ptr<char, decltype(&std::free)> line(raw, &std::free);
  if (g_console == nullptr) return;
  g_console->on_line(line ? std::optional<std::string>(line.get()) : std::nullopt);
}

int help_key(int, int) {
  if (g_console != nullptr) g_console->on_help_key();
  return 0;
}

int tab_key(int, int) {
  if (g_console != nullptr) g_console->on_tab_key();
  return 0;
}

int ctrl_z_key(int, int) {
  if (g_console != nullptr) g_console->on_ctrl_z_key();
  return 0;
}

// Ctrl-C abandons the line being typed (the tty does not turn it into SIGINT, see below).
int ctrl_c_key(int, int) {
  if (g_console == nullptr) return 0;
  rl_point = rl_end;
  rl_redisplay();
  g_console->write_out("^C\n");
  rl_replace_line("", 0);
  rl_on_new_line();
  rl_redisplay();
  return 0;
}

// Ctrl-Z and Ctrl-C are editing keys on an IOS console, not job control: readline prepares the
// terminal, then the suspend and interrupt characters are switched off (readline restores the
// original settings, saved before this, when it deprepares).
void prep_terminal(int meta) {
  rl_prep_terminal(meta);
  int fd = rl_instream != nullptr ? fileno(rl_instream) : STDIN_FILENO;
  termios t{};
  if (::tcgetattr(fd, &t) != 0) return;
  t.c_cc[VSUSP] = _POSIX_VDISABLE;
  t.c_cc[VINTR] = _POSIX_VDISABLE;
  ::tcsetattr(fd, TCSANOW, &t);
}

// A FILE* of its own on a copy of `fd` (closing it leaves `fd` open); nullptr on failure.
std::FILE* fdopen_dup(int fd, const char* mode) {
  int copy = ::dup(fd);
  if (copy < 0) return nullptr;
  std::FILE* f = ::fdopen(copy, mode);
  if (f == nullptr) ::close(copy);
  return f;
}

void ensure_newline_end(std::string& text) {
  if (!text.empty() && text.back() != '\n') text.push_back('\n');
}

}  // namespace

void Console::Impl::readline_setup() {
  g_console = this;
  in_file_.reset(fdopen_dup(options_.input_fd, "r"));
  out_file_.reset(fdopen_dup(options_.output_fd, "w"));
  rl_instream = in_file_ ? in_file_.get() : stdin;
  rl_outstream = out_file_ ? out_file_.get() : stdout;
  rl_readline_name = "ravelin";
  rl_catch_signals = 0;
  rl_prep_term_function = &prep_terminal;
  rl_initialize();
  // A pasted configuration must run line by line, as on a router console.
  rl_variable_bind("enable-bracketed-paste", "off");
  rl_bind_key('?', &help_key);
  rl_bind_key('\t', &tab_key);
  rl_bind_key(kCtrlZ, &ctrl_z_key);
  rl_bind_key(kCtrlC, &ctrl_c_key);
  using_history();
  stifle_history(256);
}

void Console::Impl::readline_install() {
  std::string prompt = shell_.prompt();
  rl_callback_handler_install(prompt.c_str(), &line_handler);
}

void Console::Impl::readline_remove() { rl_callback_handler_remove(); }

void Console::Impl::readline_teardown() {
  if (mode_ == Mode::kEditing) rl_callback_handler_remove();
  if (g_console == this) g_console = nullptr;
  rl_instream = nullptr;
  rl_outstream = nullptr;
  rl_prep_term_function = &rl_prep_terminal;
  if (out_file_) std::fflush(out_file_.get());
  in_file_.reset();
  out_file_.reset();
}

void Console::Impl::readline_read_char() { rl_callback_read_char(); }

// Prints `text` above the prompt, then redraws the prompt and the half-typed line as they were.
void Console::Impl::readline_print_above(const std::string& text) {
  rl_clear_visible_line();
  write_out(text);
  rl_forced_update_display();
}

void Console::Impl::on_line(std::optional<std::string> line) {
  readline_remove();  // inside the handler: readline does not set up the next line by itself
  mode_ = Mode::kIdle;
  if (!line) {  // Ctrl-D on an empty line
    write_out("\n");
    close();
    return;
  }
  if (line->find_first_not_of(" \t") != std::string::npos) add_history(line->c_str());
  bool z = pending_ctrl_z_;
  pending_ctrl_z_ = false;
  run_line(*line, z);
}

// `?`: IOS shows the `?`, the help below the line, and the prompt with the line again (the `?`
// is not inserted and nothing runs).
void Console::Impl::on_help_key() {
  std::string line(rl_line_buffer, static_cast<std::size_t>(rl_end));
  rl_point = rl_end;
  rl_redisplay();
  std::string text = "?\n" + shell_.help(line);
  ensure_newline_end(text);
  write_out(text);
  rl_on_new_line();
  rl_redisplay();
}

void Console::Impl::on_tab_key() {
  std::string line(rl_line_buffer, static_cast<std::size_t>(rl_end));
  Completion c = shell_.complete(line);
  if (!c.choices.empty()) {
    std::string list = "\n";
    for (std::size_t i = 0; i < c.choices.size(); ++i) list += (i ? "  " : "") + c.choices[i];
    list += "\n";
    rl_point = rl_end;
    rl_redisplay();
    write_out(list);
    rl_on_new_line();
  }
  if (c.line != line) {
    rl_replace_line(c.line.c_str(), 0);
    rl_point = rl_end;
  }
  rl_redisplay();
}

// Ctrl-Z ends the line like Return (what was typed runs first), then returns to privileged EXEC.
void Console::Impl::on_ctrl_z_key() {
  rl_point = rl_end;
  rl_redisplay();
  write_out("^Z\n");
  pending_ctrl_z_ = true;
  rl_done = 1;
}

}  // namespace ravelin::cli::terminal
