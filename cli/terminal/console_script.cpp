// Script input: stdin is a pipe or a file, so there is no line editing. Each line is echoed as
// `<prompt><line>` (a password line is not), run as if typed, and its output printed unpaged.
#include <unistd.h>

#include <array>
#include <cerrno>
#include <memory>

#include <boost/asio/post.hpp>

#include "cli/terminal/console_impl.hpp"

namespace ravelin::cli::terminal {

namespace {
constexpr std::size_t kChunk = 4096;
}

void Console::Impl::script_read() {
  if (regular_file_) {
    // A regular file is always readable (epoll refuses it): read a chunk per turn of the loop so
    // that other work on the io_context keeps running between lines.
    auto buf = std::make_shared<std::array<char, kChunk>>();
    std::weak_ptr<bool> alive = alive_;
    boost::asio::post(io_, [this, alive, buf] {
      if (alive.expired() || mode_ != Mode::kScript) return;
      ssize_t n;
      do {
        n = ::read(options_.input_fd, buf->data(), buf->size());
      } while (n < 0 && errno == EINTR);
      if (n <= 0) return script_eof();
      script_bytes(std::string_view(buf->data(), static_cast<std::size_t>(n)));
      if (mode_ == Mode::kScript) script_read();
    });
    return;
  }
  auto buf = std::make_shared<std::array<char, kChunk>>();
  input_.async_read_some(boost::asio::buffer(*buf), [this, buf](boost::system::error_code ec, std::size_t n) {
    if (ec == boost::asio::error::operation_aborted || mode_ == Mode::kClosed) return;
    if (ec) return script_eof();
    script_bytes(std::string_view(buf->data(), n));
    if (mode_ == Mode::kScript) script_read();
  });
}

void Console::Impl::script_bytes(std::string_view bytes) {
  script_buffer_.append(bytes);
  std::size_t start = 0;
  for (;;) {
    std::size_t nl = script_buffer_.find('\n', start);
    if (nl == std::string::npos) break;
    std::string line = script_buffer_.substr(start, nl - start);
    start = nl + 1;
    script_line(std::move(line));
    if (mode_ != Mode::kScript) return;
  }
  script_buffer_.erase(0, start);
}

void Console::Impl::script_line(std::string line) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  drain_async_output();
  if (password_next_) {  // the question is the prompt; the answer is not echoed
    password_next_ = false;
    write_out(shell_.prompt() + "\n");
  } else {
    write_out(shell_.prompt() + line + "\n");
  }
  ExecResult r = shell_.execute(line);
  line.assign(line.size(), '\0');
  write_out(r.output);
  password_next_ = r.wants_password;
  if (r.close_session) close();
}

void Console::Impl::script_eof() {
  if (!script_buffer_.empty() && mode_ == Mode::kScript) {
    std::string last = std::move(script_buffer_);
    script_buffer_.clear();
    script_line(std::move(last));
  }
  close();
}

}  // namespace ravelin::cli::terminal
