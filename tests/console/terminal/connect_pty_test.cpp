// `ravelin connect` as an operator uses it: an interactive console in a pty, talking to a vty
// server in another process, with a second console open on the same server at the same time.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "cli/vty/connect.hpp"
#include "cli/vty/server.hpp"
#include "tests/console/terminal/pty_harness.hpp"
#include "tests/unit/vty/fake_shell.hpp"
#include "tests/unit/vty/vty_fixture.hpp"

namespace ravelin::cli::vty {
namespace {

using testing::FakeShell;
using testing::FakeWorld;
using testing::PtyChild;

// A vty server in a child process; killed by pid and reaped when the fixture ends.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& path) {
    pid_ = ::fork();
    if (pid_ == 0) {
      boost::asio::io_context io;
      FakeWorld world;
      auto server = VtyServer::listen(io, VtyServerOptions{path, 20},
                                      [&world] { return std::make_unique<FakeShell>(world); });
      if (!server.ok()) std::_Exit(3);
      io.run();
      std::_Exit(0);
    }
  }
  ~ServerProcess() { kill(); }
  void kill() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

 private:
  pid_t pid_ = -1;
};

bool wait_for_socket(const std::string& path) {
  for (int i = 0; i < 500; ++i) {  // bounded: 5 s
    if (std::filesystem::is_socket(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

PtyChild start_client(const std::string& path) {
  auto child = PtyChild::spawn([path] {
    std::vector<std::string> args = {"connect", "--vty-socket", path};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return run_connect(static_cast<int>(argv.size()), argv.data());
  });
  if (!child) throw std::runtime_error("forkpty failed");
  return std::move(*child);
}

class ConnectPty : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_);
    ASSERT_TRUE(wait_for_socket(path_)) << "the vty server did not come up";
  }
  void TearDown() override {
    server_.kill();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::filesystem::path dir_ = testing::unique_test_dir();
  std::string path_ = (dir_ / "vty.sock").string();
  ServerProcess server_{path_};
};

TEST_F(ConnectPty, HelpTabAndCtrlZAreForwardedAndAChangeShowsInTheOtherConsole) {
  auto a = start_client(path_);
  auto b = start_client(path_);
  ASSERT_TRUE(a.wait_for("R>"));
  ASSERT_TRUE(b.wait_for("R>"));

  a.type("show ?");
  ASSERT_TRUE(a.wait_for("hostname  The system name")) << a.screen();
  ASSERT_TRUE(a.wait_for("R>show ")) << a.screen();
  a.type("\x15");  // Ctrl-U: drop the line
  a.mark();
  a.type("ena\t");
  ASSERT_TRUE(a.wait_for("ble ")) << a.since_mark();
  a.type("\r");
  ASSERT_TRUE(a.wait_for("R#"));
  a.type("configure terminal\r");
  ASSERT_TRUE(a.wait_for("R(config)#"));
  a.type("hostname Edge\r");
  ASSERT_TRUE(a.wait_for("Edge(config)#"));
  a.mark();
  a.type("\x1a");
  ASSERT_TRUE(a.wait_for("^Z\r\nEdge#")) << a.since_mark();

  b.mark();
  b.type("show hostname\r");
  ASSERT_TRUE(b.wait_for("Edge\r\nEdge>")) << b.since_mark();  // b stayed in user EXEC

  a.type("exit\r");
  EXPECT_EQ(a.wait_exit(), std::optional<int>(0));
  b.type("echo b lives\r");
  ASSERT_TRUE(b.wait_for("b lives\r\n"));
}

TEST_F(ConnectPty, AsyncOutputFromTheServerAppearsAboveThePrompt) {
  auto a = start_client(path_);
  ASSERT_TRUE(a.wait_for("R>"));
  a.type("say %IKEV2-5-SA_DOWN: gone\r");
  ASSERT_TRUE(a.wait_past("say %IKEV2-5-SA_DOWN: gone\r\n"));  // the echo of the typed line
  ASSERT_TRUE(a.wait_past("%IKEV2-5-SA_DOWN: gone\r\n")) << a.screen();
  ASSERT_TRUE(a.wait_for("R>")) << a.screen();  // and the prompt again below it
}

TEST_F(ConnectPty, ConsoleEndsWhenTheServerGoesAway) {
  auto a = start_client(path_);
  ASSERT_TRUE(a.wait_for("R>"));
  server_.kill();
  EXPECT_EQ(a.wait_exit(), std::optional<int>(2));
  EXPECT_NE(a.screen().find("the connection to ravelin was lost"), std::string::npos) << a.screen();
}

}  // namespace
}  // namespace ravelin::cli::vty
