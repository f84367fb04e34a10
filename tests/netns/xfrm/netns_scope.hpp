#pragma once
// Test helper: a network namespace created for one test ("rv<pid>n<k>"), entered by the calling
// thread with setns(), and left and deleted on every exit path (the destructor). Commands run with
// run() fork from this thread and so run inside the namespace too.
#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

namespace ravelin::test {

class NetnsScope {
 public:
  // Why this machine cannot run namespace tests ("" when it can).
  static std::string unavailable_reason() {
    if (geteuid() != 0) return "needs root to create network namespaces";
    if (std::system("ip -V >/dev/null 2>&1") != 0) return "needs iproute2 (ip)";
    return {};
  }

  // nullptr when the namespace cannot be created or entered.
  static std::unique_ptr<NetnsScope> enter() {
    static int counter = 0;
    const std::string name = "rv" + std::to_string(getpid()) + "n" + std::to_string(counter++);
    if (std::system(("ip netns add " + name).c_str()) != 0) return nullptr;
    std::unique_ptr<NetnsScope> scope(new NetnsScope(name));
    scope->original_ = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    const int target = open(("/run/netns/" + name).c_str(), O_RDONLY | O_CLOEXEC);
    if (scope->original_ < 0 || target < 0 || setns(target, CLONE_NEWNET) != 0) {
      if (target >= 0) close(target);
      return nullptr;  // the destructor deletes the namespace
    }
    close(target);
    scope->entered_ = true;
    scope->run("ip link set lo up");
    return scope;
  }

  ~NetnsScope() {
    if (entered_) (void)setns(original_, CLONE_NEWNET);
    if (original_ >= 0) close(original_);
    (void)std::system(("ip netns del " + name_ + " 2>/dev/null").c_str());
  }
  NetnsScope(const NetnsScope&) = delete;
  NetnsScope& operator=(const NetnsScope&) = delete;

  [[nodiscard]] const std::string& name() const { return name_; }

  // Runs a shell command inside the namespace; returns its exit status.
  int run(const std::string& command) const {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  // Runs a command and returns its standard output (stderr included).
  [[nodiscard]] std::string output(const std::string& command) const {
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
    if (!pipe) return out;
    std::array<char, 4096> buf{};
    while (fgets(buf.data(), buf.size(), pipe.get()) != nullptr) out += buf.data();
    return out;
  }

 private:
  explicit NetnsScope(std::string name) : name_(std::move(name)) {}
  std::string name_;
  int original_ = -1;
  bool entered_ = false;
};

}  // namespace ravelin::test
