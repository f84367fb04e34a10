#pragma once
// Test helper: a network namespace created for one test ("rv<pid>n<k>"), entered by the calling
// thread with setns() (for good with enter(), or around a call with inside()), and left and deleted
// on every exit path (the destructor). run()/output() fork from this thread while it is inside.
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

  // A new namespace this thread is NOT in; use inside() or run() to act there. nullptr on failure.
  static std::unique_ptr<NetnsScope> create() {
    static int counter = 0;
    const std::string name = "rv" + std::to_string(getpid()) + "n" + std::to_string(counter++);
    if (std::system(("ip netns add " + name).c_str()) != 0) return nullptr;
    std::unique_ptr<NetnsScope> scope(new NetnsScope(name));
    scope->original_ = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    scope->target_ = open(("/run/netns/" + name).c_str(), O_RDONLY | O_CLOEXEC);
    if (scope->original_ < 0 || scope->target_ < 0) return nullptr;  // the destructor deletes it
    scope->inside([&] { (void)std::system("ip link set lo up"); });
    return scope;
  }

  // A new namespace this thread stays in until the scope ends. nullptr on failure.
  static std::unique_ptr<NetnsScope> enter() {
    auto scope = create();
    if (!scope || setns(scope->target_, CLONE_NEWNET) != 0) return nullptr;
    scope->entered_ = true;
    return scope;
  }

  ~NetnsScope() {
    if (original_ >= 0) (void)setns(original_, CLONE_NEWNET);
    if (original_ >= 0) close(original_);
    if (target_ >= 0) close(target_);
    (void)std::system(("ip netns del " + name_ + " 2>/dev/null").c_str());
  }
  NetnsScope(const NetnsScope&) = delete;
  NetnsScope& operator=(const NetnsScope&) = delete;

  // Runs f with this thread in the namespace: sockets f opens stay bound to it.
  template <typename F>
  void inside(F&& f) const {
    if (entered_) {
      f();
      return;
    }
    if (setns(target_, CLONE_NEWNET) != 0) return;
    f();
    (void)setns(original_, CLONE_NEWNET);
  }

  [[nodiscard]] const std::string& name() const { return name_; }

  // Runs a shell command inside the namespace; returns its exit status.
  int run(const std::string& command) const {
    int status = -1;
    inside([&] { status = std::system(command.c_str()); });
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  // Runs a command and returns its standard output (stderr included).
  [[nodiscard]] std::string output(const std::string& command) const {
    std::string out;
    inside([&] {
      std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
      if (!pipe) return;
      std::array<char, 4096> buf{};
      while (fgets(buf.data(), buf.size(), pipe.get()) != nullptr) out += buf.data();
    });
    return out;
  }

 private:
  explicit NetnsScope(std::string name) : name_(std::move(name)) {}
  std::string name_;
  int original_ = -1;
  int target_ = -1;
  bool entered_ = false;
};

}  // namespace ravelin::test
