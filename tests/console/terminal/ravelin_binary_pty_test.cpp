// The real build/ravelin in a pseudo-terminal: `?`, TAB, history recall and Ctrl-Z against the real
// Session, and `ravelin connect` against the running process's vty socket.
#include <filesystem>

#include <gtest/gtest.h>

#include "tests/console/terminal/pty_harness.hpp"
#include "tests/unit/vty/vty_fixture.hpp"

namespace ravelin::cli::terminal {
namespace {

using testing::PtyChild;

constexpr std::string_view kUp = "\x1b[A";
constexpr std::string_view kCtrlZ = "\x1a";

class RavelinBinary : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(binary_)) GTEST_SKIP() << binary_ << " is not built";
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  PtyChild start() {
    auto c = PtyChild::exec({binary_, "--hostname", "R1", "--vty-socket", socket_});
    if (!c) throw std::runtime_error("forkpty failed");
    return std::move(*c);
  }

  // `ravelin connect -c ...` in its own pty; returns the exit status and what it printed.
  std::pair<std::optional<int>, std::string> connect(const std::vector<std::string>& commands) {
    std::vector<std::string> argv = {binary_, "connect", "--vty-socket", socket_};
    for (const auto& c : commands) {
      argv.push_back("-c");
      argv.push_back(c);
    }
    auto c = PtyChild::exec(argv);
    if (!c) return {std::nullopt, {}};
    auto status = c->wait_exit(10000);
    c->settle(100);
    return {status, c->screen()};
  }

  std::string binary_ = std::string(RAVELIN_BINARY_DIR) + "/ravelin";
  std::filesystem::path dir_ = cli::testing::unique_test_dir();
  std::string socket_ = (dir_ / "vty.sock").string();
};

TEST_F(RavelinBinary, HelpTabHistoryAndCtrlZWorkOnTheRealShell) {
  auto c = start();
  ASSERT_TRUE(c.wait_for("R1>", 10000)) << c.screen();
  c.type("enable\r");
  ASSERT_TRUE(c.wait_for("R1#")) << c.screen();

  c.mark();
  c.type("show ?");
  ASSERT_TRUE(c.wait_past("running-config")) << c.since_mark();
  ASSERT_TRUE(c.wait_for("R1#show ")) << c.since_mark();  // the line is back, the `?` is not in it
  c.type("\x15");                                          // Ctrl-U
  c.mark();
  c.type("conf\t");
  ASSERT_TRUE(c.wait_for("configure ")) << c.since_mark();
  c.type("terminal\r");
  ASSERT_TRUE(c.wait_for("R1(config)#")) << c.since_mark();

  c.type("hostname Edge\r");
  ASSERT_TRUE(c.wait_for("Edge(config)#")) << c.since_mark();
  c.mark();
  c.type(kCtrlZ);
  ASSERT_TRUE(c.wait_past("Edge#")) << c.since_mark();

  c.type("show running-config | include hostname\r");
  ASSERT_TRUE(c.wait_past("hostname Edge\r\n")) << c.since_mark();
  ASSERT_TRUE(c.wait_past("Edge#"));
  c.type(kUp);
  c.type("\r");
  ASSERT_TRUE(c.wait_past("hostname Edge\r\n")) << c.since_mark();  // the recalled line ran again

  // Meanwhile a vty session sees the change (it starts in user EXEC, like a vty line).
  auto [status, out] = connect({"enable", "show running-config | include hostname"});
  EXPECT_EQ(status, std::optional<int>(0)) << out;
  EXPECT_NE(out.find("hostname Edge"), std::string::npos) << out;
  auto [bad_status, bad_out] = connect({"show no-such-thing"});
  EXPECT_EQ(bad_status, std::optional<int>(1)) << bad_out;

}

TEST_F(RavelinBinary, ExitFromExecEndsTheProcessCleanly) {
  auto c = start();
  ASSERT_TRUE(c.wait_for("R1>", 10000)) << c.screen();
  c.type("exit\r");
  EXPECT_EQ(c.wait_exit(10000), std::optional<int>(0)) << c.screen();
  EXPECT_FALSE(std::filesystem::exists(socket_)) << "the vty socket is removed on the way out";
}

}  // namespace
}  // namespace ravelin::cli::terminal
