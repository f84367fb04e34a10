#pragma once
// Interop harness: child processes with bounded lifetimes. Every process is started by fork/exec,
// remembered by pid and stopped by that pid (SIGTERM, then SIGKILL after a grace period); nothing
// is ever killed by name. Commands run to completion with a deadline and captured output.
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace ravelin::test::interop {

using Millis = std::chrono::milliseconds;

struct CommandResult {
  int status = -1;         // exit status; -1 when killed by a signal or not started
  bool timed_out = false;  // killed at the deadline
  std::string output;      // stdout and stderr interleaved
  [[nodiscard]] bool ok() const { return status == 0 && !timed_out; }
};

// Runs argv (no shell) with extra "NAME=value" environment entries; kills it at the deadline.
CommandResult run_command(const std::vector<std::string>& argv, Millis timeout,
                          const std::vector<std::string>& env = {});

// A long-running child whose stdout and stderr go to a file.
class Process {
 public:
  // nullptr when fork fails; an exec failure shows as an early exit (status 127).
  static std::unique_ptr<Process> spawn(const std::vector<std::string>& argv, const std::string& log_path,
                                        const std::vector<std::string>& env = {});
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  [[nodiscard]] pid_t pid() const { return pid_; }
  // True while the child has not exited (reaps it when it has).
  bool running();
  // `sig` (SIGTERM), wait up to grace, then SIGKILL; returns the exit status (-1 for a signal).
  int stop(Millis grace = Millis(3000), int sig = 15);
  // SIGKILL at once (a crash, as far as the peer can tell); reaps the child.
  void kill_hard();
  [[nodiscard]] int exit_status() const { return exit_status_; }

 private:
  explicit Process(pid_t pid) : pid_(pid) {}
  void reap_blocking();
  pid_t pid_ = -1;
  bool reaped_ = false;
  int exit_status_ = -1;
};

// Polls pred every `step` until it is true or `timeout` has passed; returns its last value.
template <typename Pred>
bool wait_until(Pred&& pred, Millis timeout, Millis step = Millis(100)) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (pred()) return true;
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(step);
  }
}

// Reads a whole file ("" when missing).
std::string read_file(const std::string& path);
// Writes a file (mode 0600: configs hold pre-shared keys); false on failure.
bool write_file(const std::string& path, const std::string& text);

}  // namespace ravelin::test::interop
