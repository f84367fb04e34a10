#include "cli/terminal/console.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>

#include <boost/asio/post.hpp>

#include "cli/terminal/console_impl.hpp"

namespace ravelin::cli::terminal {

Console::Impl::Impl(boost::asio::io_context& io, Shell& shell, ConsoleOptions options)
    : io_(io), shell_(shell), options_(options), input_(io), timer_(io) {}

Console::Impl::~Impl() {
  if (running()) {
    on_closed_ = nullptr;
    close();
  }
}

void Console::Impl::write_out(std::string_view text) const {
  // Readline writes through a FILE*: what it buffered goes out first, in order.
  if (out_file_) std::fflush(out_file_.get());
  while (!text.empty()) {
    ssize_t n = ::write(options_.output_fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
}

void Console::Impl::start(std::function<void()> on_closed) {
  if (mode_ != Mode::kIdle) return;
  on_closed_ = std::move(on_closed);
  tty_ = ::isatty(options_.input_fd) == 1;
  struct stat st {};
  regular_file_ = ::fstat(options_.input_fd, &st) == 0 && !S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode) &&
                  !S_ISCHR(st.st_mode);
  if (!regular_file_) {
    boost::system::error_code ec;
    int fd = ::dup(options_.input_fd);
    input_.assign(fd, ec);
    if (ec) {  // epoll refuses some fds (/dev/null): read them like files
      if (fd >= 0) ::close(fd);
      regular_file_ = true;
    }
  }
  if (tty_ && !regular_file_) {
    readline_setup();
    mode_ = Mode::kEditing;
    readline_install();
    wait_input();
  } else {
    mode_ = Mode::kScript;
    script_read();
  }
  arm_async_timer();
}

void Console::Impl::stop() {
  if (!running()) return;
  if (mode_ == Mode::kEditing) write_out("\n");
  close();
}

void Console::Impl::close() {
  if (mode_ == Mode::kClosed) return;
  if (tty_ && mode_ != Mode::kScript) readline_teardown();
  restore_termios();
  mode_ = Mode::kClosed;
  timer_.cancel();
  boost::system::error_code ignored;
  input_.cancel(ignored);
  input_.close(ignored);
  if (on_closed_) boost::asio::post(io_, std::move(on_closed_));
  on_closed_ = nullptr;
}

void Console::Impl::wait_input() {
  input_.async_wait(boost::asio::posix::stream_descriptor::wait_read, [this](boost::system::error_code ec) {
    if (ec || mode_ == Mode::kClosed) return;  // cancelled: `this` may be gone, touch nothing else
    on_readable();
    if (mode_ != Mode::kClosed) wait_input();
  });
}

void Console::Impl::on_readable() {
  if (mode_ == Mode::kEditing) {
    readline_read_char();
    return;
  }
  std::array<char, 256> buf{};
  ssize_t n = ::read(input_.native_handle(), buf.data(), buf.size());
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n <= 0) {
    write_out("\n");
    close();
    return;
  }
  std::string_view bytes(buf.data(), static_cast<std::size_t>(n));
  if (mode_ == Mode::kPaging) {
    on_pager_key(bytes.front());  // typeahead behind the key is dropped, as IOS does
  } else if (mode_ == Mode::kPassword) {
    on_password_bytes(bytes);
  }
}

void Console::Impl::arm_async_timer() {
  timer_.expires_after(std::chrono::milliseconds(std::max(options_.async_poll_ms, 1)));
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || mode_ == Mode::kClosed) return;
    drain_async_output();
    if (mode_ != Mode::kClosed) arm_async_timer();
  });
}

void Console::Impl::drain_async_output() {
  // Lines wait in the Shell while the pager or a password prompt owns the screen.
  if (mode_ != Mode::kEditing && mode_ != Mode::kScript) return;
  auto lines = shell_.take_async_output();
  if (lines.empty() || mode_ == Mode::kClosed) return;
  std::string text;
  for (auto& l : lines) text += l + "\n";
  if (mode_ == Mode::kEditing) {
    readline_print_above(text);
  } else {
    write_out(text);
  }
}

void Console::Impl::run_line(const std::string& line, bool then_ctrl_z) {
  pending_ctrl_z_ = false;
  bool blank = line.find_first_not_of(" \t") == std::string::npos;
  if (then_ctrl_z && blank) {
    ExecResult z = shell_.ctrl_z();
    close_after_output_ = z.close_session;
    password_next_ = z.wants_password;
    page(std::move(z.output));
    return;
  }
  ExecResult r = shell_.execute(line);
  close_after_output_ = r.close_session;
  password_next_ = r.wants_password;
  pending_ctrl_z_ = then_ctrl_z && !r.close_session && !r.wants_password;
  page(std::move(r.output));
}

void Console::Impl::page(std::string text) {
  pager_.emplace(std::move(text), tty_ ? shell_.terminal_length() : 0);
  write_out(pager_->first_page());
  if (pager_->waiting()) {
    write_out(kMorePrompt);
    set_termios(/*canonical=*/false, /*echo=*/false);
    mode_ = Mode::kPaging;
    return;
  }
  pager_.reset();
  after_output();
}

void Console::Impl::on_pager_key(char key) {
  write_out(more_prompt_eraser());
  write_out(pager_->on_key(key));
  if (pager_->waiting()) {
    write_out(kMorePrompt);
    return;
  }
  restore_termios();
  pager_.reset();
  after_output();
}

void Console::Impl::after_output() {
  if (close_after_output_) {
    close();
    return;
  }
  if (pending_ctrl_z_) {
    run_line({}, true);
    return;
  }
  if (password_next_) {
    password_next_ = false;
    enter_password_mode();
    return;
  }
  mode_ = Mode::kEditing;
  readline_install();
}

void Console::Impl::enter_password_mode() {
  password_.clear();
  set_termios(/*canonical=*/true, /*echo=*/false);
  mode_ = Mode::kPassword;
  write_out(shell_.prompt());  // the Shell's question, e.g. "Password: "
}

void Console::Impl::on_password_bytes(std::string_view bytes) {
  for (char c : bytes) {
    if (c != '\n' && c != '\r') {
      password_.push_back(c);
      continue;
    }
    restore_termios();
    write_out("\n");
    std::string secret = std::move(password_);
    password_.assign(secret.size(), '\0');
    password_.clear();
    run_line(secret, false);
    secret.assign(secret.size(), '\0');  // do not leave the secret in freed memory
    return;
  }
}

void Console::Impl::set_termios(bool canonical, bool echo) {
  if (!tty_) return;
  if (!saved_termios_) {
    termios t{};
    if (::tcgetattr(options_.input_fd, &t) != 0) return;
    saved_termios_ = t;
  }
  termios t = *saved_termios_;
  if (canonical) {
    t.c_lflag |= ICANON;
  } else {
    t.c_lflag &= ~static_cast<tcflag_t>(ICANON);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
  }
  if (echo) {
    t.c_lflag |= ECHO;
  } else {
    t.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHONL);
  }
  ::tcsetattr(options_.input_fd, TCSANOW, &t);
}

void Console::Impl::restore_termios() {
  if (!saved_termios_) return;
  ::tcsetattr(options_.input_fd, TCSANOW, &*saved_termios_);
  saved_termios_.reset();
}

Console::Console(boost::asio::io_context& io, Shell& shell, ConsoleOptions options)
    : impl_(std::make_unique<Impl>(io, shell, options)) {}
Console::~Console() = default;
void Console::start(std::function<void()> on_closed) { impl_->start(std::move(on_closed)); }
void Console::stop() { impl_->stop(); }
bool Console::running() const { return impl_->running(); }

}  // namespace ravelin::cli::terminal
