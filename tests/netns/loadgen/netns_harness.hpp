#pragma once
// Shared by the netns load-generator tests: a namespace pair joined by a veth, removed on every exit
// path, and a scope that moves the calling thread into a namespace and back.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "ike/io/loadgen.hpp"
#include "ike/loadgen/options.hpp"

namespace ravelin::ike::io::netns_test {

inline bool run(const std::string& cmd) { return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0; }

// Runs a shell command; its stdout and stderr, and its exit code (-1 when it did not exit normally).
struct Captured {
  std::string out;
  int code = -1;
};
inline Captured capture(const std::string& cmd) {
  Captured c;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return c;
  std::array<char, 4096> buf{};
  while (size_t n = fread(buf.data(), 1, buf.size(), p)) c.out.append(buf.data(), n);
  const int st = pclose(p);
  if (WIFEXITED(st)) c.code = WEXITSTATUS(st);
  return c;
}

// <pfx>-a holds the generator (192.0.2.1 and .11-.13), <pfx>-b the responder (192.0.2.2 on <pfx>b0,
// 198.51.100.1 on lo). Removed in the destructor, on every exit path.
class Topology {
 public:
  explicit Topology(std::string pfx) : p_(std::move(pfx)) {
    ok_ = run("ip netns add " + p_ + "-a") && run("ip netns add " + p_ + "-b") &&
          run("ip link add " + p_ + "a0 netns " + p_ + "-a type veth peer name " + p_ + "b0 netns " + p_ + "-b");
    for (const char* a : {"192.0.2.1/24", "192.0.2.11/24", "192.0.2.12/24", "192.0.2.13/24"}) {
      ok_ = ok_ && run("ip -n " + p_ + "-a addr add " + a + " dev " + p_ + "a0");
    }
    // 198.51.100.1 on lo: libipsec routes the child's traffic from an address inside its local_ts.
    ok_ = ok_ && run("ip -n " + p_ + "-b addr add 192.0.2.2/24 dev " + p_ + "b0") &&
          run("ip -n " + p_ + "-b addr add 198.51.100.1/32 dev lo") &&
          run("ip -n " + p_ + "-a link set lo up") && run("ip -n " + p_ + "-b link set lo up") &&
          run("ip -n " + p_ + "-a link set " + p_ + "a0 up") && run("ip -n " + p_ + "-b link set " + p_ + "b0 up");
  }
  ~Topology() {
    run("ip netns del " + p_ + "-a");
    run("ip netns del " + p_ + "-b");
  }
  Topology(const Topology&) = delete;
  Topology& operator=(const Topology&) = delete;
  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] const std::string& prefix() const { return p_; }

 private:
  std::string p_;
  bool ok_ = false;
};

// Enters a network namespace for the calling thread and returns to the original one on destruction.
class InNetns {
 public:
  explicit InNetns(const std::string& ns) {
    home_ = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    int fd = open(("/var/run/netns/" + ns).c_str(), O_RDONLY | O_CLOEXEC);
    entered_ = home_ >= 0 && fd >= 0 && setns(fd, CLONE_NEWNET) == 0;
    if (fd >= 0) close(fd);
  }
  ~InNetns() {
    if (entered_) (void)setns(home_, CLONE_NEWNET);
    if (home_ >= 0) close(home_);
  }
  InNetns(const InNetns&) = delete;
  InNetns& operator=(const InNetns&) = delete;
  [[nodiscard]] bool ok() const { return entered_; }

 private:
  int home_ = -1;
  bool entered_ = false;
};

// SIGTERM, up to 5 s for the process to exit, then SIGKILL; always reaped. Returns its wait status.
inline int stop_child(pid_t pid) {
  using namespace std::chrono_literals;
  int status = 0;
  if (pid <= 0) return status;
  kill(pid, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid, &status, WNOHANG) == pid) return status;
    std::this_thread::sleep_for(50ms);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return status;
}

// The load generator (`ravelin bench ike`'s code) in namespace `ns` against 192.0.2.2 from .11-.13.
inline Result<loadgen::LoadReport> drive(const std::string& ns, const std::string& psk, std::vector<std::string> extra) {
  std::vector<std::string> args{"--peer", "192.0.2.2", "--psk", psk, "--source", "192.0.2.11-192.0.2.13",
                                "--timeout", "60"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto o = loadgen::parse_load_args(args);
  if (!o) return o.error();
  InNetns in(ns);
  if (!in.ok()) return make_error("cannot enter namespace " + ns);
  boost::asio::io_context io;
  LoadGenerator gen(io, std::move(*o));
  return gen.run();
}

}  // namespace ravelin::ike::io::netns_test
