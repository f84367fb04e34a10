#include "tests/interop/strongswan/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ravelin::test::interop {
namespace {

int decode_status(int raw) { return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1; }

// In the child after fork: environment, then exec; never returns.
[[noreturn]] void exec_child(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
  for (const auto& e : env) {
    auto eq = e.find('=');
    if (eq != std::string::npos) setenv(e.substr(0, eq).c_str(), e.substr(eq + 1).c_str(), 1);
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execvp(args[0], args.data());
  _exit(127);
}

// Waits for pid until the deadline; true when it exited (status in *raw).
bool wait_for_exit(pid_t pid, std::chrono::steady_clock::time_point end, int* raw) {
  for (;;) {
    pid_t r = waitpid(pid, raw, WNOHANG);
    if (r == pid || r < 0) return true;
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(Millis(20));
  }
}

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv, Millis timeout, const std::vector<std::string>& env) {
  CommandResult result;
  if (argv.empty()) return result;
  std::array<int, 2> fds{};
  if (pipe2(fds.data(), O_CLOEXEC) != 0) return result;
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return result;
  }
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    exec_child(argv, env);
  }
  close(fds[1]);
  const auto end = std::chrono::steady_clock::now() + timeout;
  std::array<char, 4096> buf{};
  for (;;) {
    auto left = std::chrono::duration_cast<Millis>(end - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int n = poll(&p, 1, static_cast<int>(left));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;  // timeout is detected at the top of the loop
    ssize_t got = read(fds[0], buf.data(), buf.size());
    if (got <= 0) break;  // EOF: the child (and anything holding the pipe) is done writing
    result.output.append(buf.data(), static_cast<size_t>(got));
  }
  close(fds[0]);
  int raw = 0;
  if (result.timed_out || !wait_for_exit(pid, end + Millis(2000), &raw)) {
    kill(pid, SIGKILL);
    waitpid(pid, &raw, 0);
    result.timed_out = true;
    return result;
  }
  result.status = decode_status(raw);
  return result;
}

std::unique_ptr<Process> Process::spawn(const std::vector<std::string>& argv, const std::string& log_path,
                                        const std::vector<std::string>& env) {
  if (argv.empty()) return nullptr;
  pid_t pid = fork();
  if (pid < 0) return nullptr;
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
    dup2(devnull, 0);
    if (log >= 0) {
      dup2(log, 1);
      dup2(log, 2);
    }
    exec_child(argv, env);
  }
  return std::unique_ptr<Process>(new Process(pid));
}

Process::~Process() {
  if (!reaped_) stop(Millis(2000));
}

bool Process::running() {
  if (reaped_) return false;
  int raw = 0;
  pid_t r = waitpid(pid_, &raw, WNOHANG);
  if (r == 0) return true;
  reaped_ = true;
  exit_status_ = r == pid_ ? decode_status(raw) : -1;
  return false;
}

int Process::stop(Millis grace, int sig) {
  if (!running()) return exit_status_;
  kill(pid_, sig);
  int raw = 0;
  if (wait_for_exit(pid_, std::chrono::steady_clock::now() + grace, &raw)) {
    reaped_ = true;
    exit_status_ = decode_status(raw);
    return exit_status_;
  }
  kill_hard();
  return exit_status_;
}

void Process::kill_hard() {
  if (reaped_) return;
  kill(pid_, SIGKILL);
  reap_blocking();
}

void Process::reap_blocking() {
  int raw = 0;
  pid_t r = waitpid(pid_, &raw, 0);
  reaped_ = true;
  exit_status_ = r == pid_ ? decode_status(raw) : -1;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool write_file(const std::string& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  close(fd);
  return done == text.size();
}

}  // namespace ravelin::test::interop
