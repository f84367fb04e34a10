// The load generator against the product itself (issue 10): `ravelin --daemon --dataplane none` in a
// network namespace of this test's own, configured by `ravelin bench responder-config` with the IOS
// dynamic crypto map scripts/bench-ike measures. 50 IKE SAs (one child each) are established and
// deleted, and the daemon's own `show crypto ikev2 sa` (over its vty, `ravelin connect -c`) is empty
// afterwards; a few SAs left up show there, so an empty table is not a broken show. Needs root and
// iproute2; skips with the reason when one is missing. About 3 s.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/netns/loadgen/netns_harness.hpp"

namespace ravelin::ike::io {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using netns_test::run;
using netns_test::Topology;

constexpr const char* kPsk = "loadgen-daemon-psk";
const std::string kBin = std::string(RAVELIN_BINARY_DIR) + "/ravelin";

size_t count_of(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + what.size())) ++n;
  return n;
}

// The daemon in <pfx>-b, its startup-config written by `ravelin bench responder-config`; stopped by
// its pid (SIGTERM, then SIGKILL) and its folder removed on every exit path.
class Daemon {
 public:
  explicit Daemon(const Topology& topo) : dir_(fs::temp_directory_path() / ("rvld-" + std::to_string(getpid()))) {
    fs::create_directories(dir_);
    const std::string cfg = (dir_ / "startup.cfg").string();
    configured_ = run("(umask 077; " + kBin + " bench responder-config --listen 192.0.2.2 --psk " + kPsk +
                      " --proposal aes256gcm16-prfsha256-x25519 --esp aes256gcm16 > " + cfg + ")") &&
                  fs::file_size(cfg) > 0;
    if (!configured_) return;
    const std::string log = (dir_ / "daemon.log").string();
    const std::string ns = topo.prefix() + "-b";
    const std::string itf = "GigabitEthernet0/0=" + topo.prefix() + "b0";
    pid_ = fork();
    if (pid_ == 0) {
      int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (fd >= 0) {
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
      }
      execlp("ip", "ip", "netns", "exec", ns.c_str(), kBin.c_str(), "--daemon", "--platform", "ios", "--dataplane",
             "none", "--local-address", "192.0.2.2", "--interface", itf.c_str(), "--startup-config", cfg.c_str(),
             "--vty-socket", socket().c_str(), nullptr);
      _exit(127);
    }
    // The vty socket opens after the startup-config is applied and the IKE sockets are bound.
    for (int i = 0; i < 200 && !fs::exists(socket()); ++i) std::this_thread::sleep_for(50ms);
  }
  ~Daemon() {
    netns_test::stop_child(pid_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  [[nodiscard]] bool ok() const { return configured_ && pid_ > 0 && fs::exists(socket()); }
  [[nodiscard]] std::string socket() const { return (dir_ / "vty.sock").string(); }
  [[nodiscard]] std::string log() const {
    std::ifstream f(dir_ / "daemon.log");
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
  }
  [[nodiscard]] std::string show_sa() const {
    return netns_test::capture(kBin + " connect --vty-socket " + socket() + " -c enable -c 'show crypto ikev2 sa'").out;
  }
  // Clean stop (SIGTERM); the exit status.
  int stop() {
    const int st = netns_test::stop_child(pid_);
    pid_ = -1;
    return st;
  }

 private:
  fs::path dir_;
  pid_t pid_ = -1;
  bool configured_ = false;
};

std::string missing_prerequisite() {
  if (geteuid() != 0) return "needs root (network namespaces)";
  if (!run("ip -V")) return "needs iproute2";
  if (access(kBin.c_str(), X_OK) != 0) return "the ravelin binary is not built: " + kBin;
  return "";
}

TEST(LoadgenDaemon, FiftySasThroughTheDynamicMapAreEstablishedDeletedAndGoneFromShow) {
  if (auto why = missing_prerequisite(); !why.empty()) GTEST_SKIP() << why;
  Topology topo("rvld" + std::to_string(getpid() % 100000));
  ASSERT_TRUE(topo.ok()) << "namespace setup failed";
  Daemon daemon(topo);
  ASSERT_TRUE(daemon.ok()) << "the daemon did not start:\n" << daemon.log();
  ASSERT_NE(daemon.log().find("startup.cfg: 28 lines, no problems"), std::string::npos) << daemon.log();

  // IKE_SA_INIT + IKE_AUTH { SA, TSi, TSr } --> x 50 from three source addresses, at most 8 in flight,
  // then INFORMATIONAL { D(IKE) } --> for each.
  auto r = netns_test::drive(topo.prefix() + "-a", kPsk, {"--count", "50", "--concurrency", "8", "--delete"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->established, 50u) << loadgen::format_report(*r) << daemon.log();
  EXPECT_EQ(r->failed, 0u);
  EXPECT_EQ(r->child_refused, 0u);
  EXPECT_EQ(r->deleted, 50u) << loadgen::format_report(*r);
  EXPECT_EQ(r->delete_unfinished, 0u);
  const std::string log = daemon.log();
  EXPECT_EQ(count_of(log, "%IKEV2-5-SA_UP"), 50u) << log;
  EXPECT_EQ(count_of(log, "%IKEV2-5-CHILD_SA_UP"), 50u) << log;
  EXPECT_EQ(log.find(kPsk), std::string::npos) << "the pre-shared key reached the log";

  const std::string empty = daemon.show_sa();
  EXPECT_EQ(empty.find("READY"), std::string::npos) << empty;
  EXPECT_EQ(empty.find("192.0.2.1"), std::string::npos) << empty;
  EXPECT_EQ(empty.find("% "), std::string::npos) << empty;  // no IOS error instead of a table

  // Control: SAs left up are listed by the same command.
  auto kept = netns_test::drive(topo.prefix() + "-a", kPsk, {"--count", "3", "--concurrency", "3"});
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(kept->established, 3u) << loadgen::format_report(*kept);
  const std::string three = daemon.show_sa();
  EXPECT_EQ(count_of(three, "READY"), 3u) << three;
  EXPECT_NE(three.find("192.0.2.11/500"), std::string::npos) << three;

  const int status = daemon.stop();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status << "\n" << daemon.log();
}

}  // namespace
}  // namespace ravelin::ike::io
