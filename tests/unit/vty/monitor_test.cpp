// `terminal monitor` over the real vty server with real cli::Sessions sharing one cli::Monitor:
// log lines reach only the monitoring vty lines, `terminal no monitor` stops them, a closed session
// leaves the registry; and the Monitor's own rules (line numbers, console sink) in isolation.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "cli/builtins.hpp"
#include "cli/monitor.hpp"
#include "cli/session.hpp"
#include "cli/vty/client.hpp"
#include "grammar/command_set.hpp"
#include "grammar/config/store.hpp"
#include "tests/unit/vty/vty_fixture.hpp"

namespace ravelin::cli {
namespace {

using vty::FrameType;
using vty::VtyClient;

// The vty server of the process, in miniature: builtins only, one Monitor among the Services, real
// cli::Sessions made by the server's factory.
class MonitorVty {
 public:
  // `dir` holds the socket; it is removed with the server.
  explicit MonitorVty(std::filesystem::path dir) : set_(grammar::Dialect::Ios), store_(declared(set_)), server_(std::move(dir)) {
    services_.provide(monitor);
  }

  Status start(const std::string& socket_path) {
    return server_.start(socket_path, [this] {
      return std::make_unique<Session>(set_, store_, services_, nullptr, SessionOptions{"", 1, 10, ""});
    });
  }
  template <typename Fn>
  auto on_loop(Fn fn) -> decltype(fn()) {
    return server_.on_loop(std::move(fn));
  }

  Monitor monitor;

 private:
  static grammar::CommandSet& declared(grammar::CommandSet& set) {
    register_builtins(set, BuiltinOptions{"Router"});
    return set;
  }
  grammar::CommandSet set_;
  grammar::config::ConfigStore store_;
  grammar::Services services_;
  testing::VtyServerThread server_;  // last: its sessions go before the rest
};

std::string run(VtyClient& c, const std::string& line) {
  auto f = c.request(FrameType::kExecute, vty::encode_string_payload(line), 5000);
  if (!f.ok()) return "<" + f.error().message + ">";
  auto r = vty::decode_result(f->payload);
  return r.ok() ? r->result.output : "<undecodable>";
}

// Async lines pushed to `c` within `ms` (the server pushes every 100 ms).
std::vector<std::string> async_within(VtyClient& c, int ms) {
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < until) {
    if (!c.poll()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return c.take_async_output();
}

class TerminalMonitorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (dir_ / "vty.sock").string();
    ASSERT_TRUE(vty_.start(path_).ok());
  }
  VtyClient connect_privileged() {
    auto c = VtyClient::connect(path_);
    EXPECT_TRUE(c.ok());
    EXPECT_EQ(run(*c, "enable"), "");
    return std::move(*c);
  }

  std::filesystem::path dir_ = testing::unique_test_dir();
  std::string path_;
  MonitorVty vty_{dir_};
};

TEST_F(TerminalMonitorTest, ConfigChangeOfOneVtyReachesOnlyTheMonitoringVty) {
  VtyClient watcher = connect_privileged();
  VtyClient quiet = connect_privileged();
  VtyClient editor = connect_privileged();
  EXPECT_EQ(run(watcher, "terminal monitor"), "");
  run(editor, "configure terminal");
  run(editor, "hostname R2");
  run(editor, "end");
  // The editor is the third vty line (vty2): IOS names the line that left config mode.
  EXPECT_EQ(async_within(watcher, 600), std::vector<std::string>{"%SYS-5-CONFIG_I: Configured from console by vty2"});
  EXPECT_TRUE(async_within(quiet, 300).empty());
  EXPECT_TRUE(async_within(editor, 100).empty());
}

TEST_F(TerminalMonitorTest, PublishedDebugLineStopsAfterTerminalNoMonitor) {
  VtyClient watcher = connect_privileged();
  VtyClient quiet = connect_privileged();
  run(watcher, "terminal monitor");
  vty_.on_loop([this] {
    vty_.monitor.publish("IKEv2:(SESSION ID = 1,SA ID = 1):Sending Packet [To 10.0.0.2:500/From 10.0.0.1:500]");
    return 0;
  });
  auto seen = async_within(watcher, 600);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0].starts_with("IKEv2:(SESSION ID = 1"));
  EXPECT_TRUE(async_within(quiet, 200).empty());

  EXPECT_EQ(run(watcher, "terminal no monitor"), "");
  vty_.on_loop([this] {
    vty_.monitor.publish("%IKEV2-5-SA_DOWN: (SA ID = 1) deleted");
    return 0;
  });
  EXPECT_TRUE(async_within(watcher, 400).empty());
}

TEST_F(TerminalMonitorTest, ClosedSessionLeavesTheRegistry) {
  {
    VtyClient watcher = connect_privileged();
    run(watcher, "terminal monitor");
    EXPECT_EQ(vty_.on_loop([this] { return vty_.monitor.monitoring_count(); }), 1u);
    ASSERT_TRUE(watcher.send(FrameType::kClose, "").ok());
  }
  std::size_t attached = 1;
  for (int i = 0; i < 100 && attached != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    attached = vty_.on_loop([this] { return vty_.monitor.attached(); });
  }
  EXPECT_EQ(attached, 0u);
  // Publishing to nobody must not touch the destroyed session.
  vty_.on_loop([this] {
    vty_.monitor.publish("%IKEV2-5-SA_UP: (SA ID = 2) up");
    return 0;
  });
}

TEST_F(TerminalMonitorTest, TerminalMonitorNeedsPrivilegedExec) {
  auto c = VtyClient::connect(path_);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(run(*c, "terminal monitor").find("% Invalid input"), std::string::npos);
  EXPECT_EQ(vty_.on_loop([this] { return vty_.monitor.monitoring_count(); }), 0u);
}

struct Recorder : MonitorTarget {
  void post_async(std::string line) override { lines.push_back(std::move(line)); }
  std::vector<std::string> lines;
};

TEST(Monitor, VtyLinesAreNumberedLowestFreeFirstAndTheConsoleApart) {
  Monitor m;
  Recorder console, a, b, c;
  EXPECT_EQ(m.attach(console, LineKind::Console), 0);
  EXPECT_EQ(m.attach(a, LineKind::Vty), 0);
  EXPECT_EQ(m.attach(b, LineKind::Vty), 1);
  m.detach(a);
  EXPECT_EQ(m.attach(c, LineKind::Vty), 0);
  EXPECT_EQ(m.attach(b, LineKind::Vty), 1);  // attaching twice keeps the line
  EXPECT_EQ(m.attached(), 3u);
}

TEST(Monitor, ConsoleSinkSeesEveryLineExceptTheConsolesOwn) {
  std::vector<std::string> sink;
  Monitor m([&](const std::string& l) { sink.push_back(l); });
  Recorder console, vty;
  m.attach(console, LineKind::Console);
  m.attach(vty, LineKind::Vty);
  EXPECT_TRUE(m.set_monitoring(console, true));
  m.publish("%SYS-5-CONFIG_I: Configured from console by console", &console);
  m.publish("%SYS-5-CONFIG_I: Configured from console by vty0", &vty);
  m.publish("%IKEV2-5-SA_UP: (SA ID = 1) up");
  EXPECT_EQ(sink, (std::vector<std::string>{"%SYS-5-CONFIG_I: Configured from console by vty0",
                                            "%IKEV2-5-SA_UP: (SA ID = 1) up"}));
  EXPECT_TRUE(console.lines.empty());  // the console line is fed by the sink, never twice
  EXPECT_TRUE(vty.lines.empty());      // not monitoring
}

TEST(Monitor, UnknownTargetCannotMonitor) {
  Monitor m;
  Recorder stranger;
  EXPECT_FALSE(m.set_monitoring(stranger, true));
  EXPECT_FALSE(m.monitoring(stranger));
  m.detach(stranger);
  EXPECT_EQ(m.attached(), 0u);
}

}  // namespace
}  // namespace ravelin::cli
