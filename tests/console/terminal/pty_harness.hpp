#pragma once
// A pseudo-terminal harness: a child process runs on the slave side (a function, or a program),
// the test types keystrokes on the master and reads the screen. Every read is bounded in time;
// the child is killed by its pid and reaped when the harness goes.
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ravelin::cli::testing {

class PtyChild {
 public:
  // Forks a child on a new 80x24 pty; the child runs `body` and _exits with its value.
  static std::optional<PtyChild> spawn(const std::function<int()>& body) {
    winsize ws{};
    ws.ws_row = 24;
    ws.ws_col = 80;
    int master = -1;
    pid_t pid = ::forkpty(&master, nullptr, nullptr, &ws);
    if (pid < 0) return std::nullopt;
    if (pid == 0) {
      ::setenv("TERM", "vt100", 1);
      ::setenv("INPUTRC", "/dev/null", 1);  // the developer's ~/.inputrc must not change the keys
      std::_Exit(body());
    }
    return PtyChild(pid, master);
  }

  // Forks a child on a new pty that execs `argv`.
  static std::optional<PtyChild> exec(std::vector<std::string> argv) {
    return spawn([argv]() mutable {
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(a.data());
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      return 127;
    });
  }

  PtyChild(PtyChild&& o) noexcept : pid_(o.pid_), master_(o.master_), screen_(std::move(o.screen_)) {
    o.pid_ = -1;
    o.master_ = -1;
  }
  PtyChild(const PtyChild&) = delete;
  PtyChild& operator=(const PtyChild&) = delete;
  PtyChild& operator=(PtyChild&&) = delete;
  ~PtyChild() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) ::close(master_);
  }

  void type(std::string_view keys) {
    while (!keys.empty()) {
      ssize_t n = ::write(master_, keys.data(), keys.size());
      if (n <= 0) return;
      keys.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // Reads until `needle` appears in the screen text after the mark, or the timeout passes.
  bool wait_for(std::string_view needle, int timeout_ms = 5000) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (screen_.find(needle, mark_) == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !read_some(static_cast<int>(left.count()))) return false;
    }
    return true;
  }

  // wait_for(), then moves the mark just past the match: the next wait looks only after it.
  bool wait_past(std::string_view needle, int timeout_ms = 5000) {
    if (!wait_for(needle, timeout_ms)) return false;
    mark_ = screen_.find(needle, mark_) + needle.size();
    return true;
  }

  // Reads whatever arrives within `ms` (for asserting that something did NOT appear).
  void settle(int ms = 300) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || !read_some(static_cast<int>(left.count()))) return;
    }
  }

  // Screen text since the mark; mark() moves the mark to the end of what has been read.
  [[nodiscard]] std::string since_mark() const { return screen_.substr(mark_); }
  void mark() { mark_ = screen_.size(); }
  [[nodiscard]] const std::string& screen() const { return screen_; }

  // Waits (bounded) for the child to exit; its exit status, or nullopt when it is still running.
  std::optional<int> wait_exit(int timeout_ms = 5000) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      pid_t r = ::waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        pid_ = -1;
        while (read_some(50)) {
        }  // what it wrote last may still be in the pty

        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      read_some(20);  // keep draining the pty so the child never blocks on output
    }
    return std::nullopt;
  }

  [[nodiscard]] pid_t pid() const { return pid_; }

 private:
  PtyChild(pid_t pid, int master) : pid_(pid), master_(master) {}

  bool read_some(int timeout_ms) {
    pollfd p{master_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[4096];
    ssize_t n = ::read(master_, buf, sizeof(buf));
    if (n <= 0) return false;  // EIO once the child has gone
    screen_.append(buf, static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int master_ = -1;
  std::string screen_;
  std::size_t mark_ = 0;
};

}  // namespace ravelin::cli::testing
