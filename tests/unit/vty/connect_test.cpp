#include "cli/vty/connect.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/unit/vty/vty_fixture.hpp"

namespace ravelin::cli::vty {
namespace {

using testing::unique_test_dir;
using testing::VtyServerThread;

struct Run {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs `ravelin connect ARGS...` in this process with stdout and stderr captured in files and,
// when `stdin_text` is given, stdin reading it from a pipe.
Run connect(const std::filesystem::path& dir, std::vector<std::string> args,
            const std::optional<std::string>& stdin_text = std::nullopt) {
  int saved_in = -1;
  if (stdin_text) {
    int p[2];
    if (::pipe(p) != 0) return {};
    EXPECT_EQ(::write(p[1], stdin_text->data(), stdin_text->size()), static_cast<ssize_t>(stdin_text->size()));
    ::close(p[1]);
    saved_in = ::dup(0);
    ::dup2(p[0], 0);
    ::close(p[0]);
  }
  args.insert(args.begin(), "connect");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string out_path = (dir / "out.txt").string(), err_path = (dir / "err.txt").string();
  std::filesystem::create_directories(dir);
  std::fflush(stdout);
  std::fflush(stderr);
  int saved_out = ::dup(1), saved_err = ::dup(2);
  int out_fd = ::open(out_path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
  int err_fd = ::open(err_path.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
  ::dup2(out_fd, 1);
  ::dup2(err_fd, 2);
  Run r;
  r.status = run_connect(static_cast<int>(args.size()), argv.data());
  std::fflush(stdout);
  std::fflush(stderr);
  ::dup2(saved_out, 1);
  ::dup2(saved_err, 2);
  for (int fd : {saved_out, saved_err, out_fd, err_fd}) ::close(fd);
  if (saved_in >= 0) {
    ::dup2(saved_in, 0);
    ::close(saved_in);
  }
  std::stringstream o, e;
  o << std::ifstream(out_path).rdbuf();
  e << std::ifstream(err_path).rdbuf();
  r.out = o.str();
  r.err = e.str();
  return r;
}

class ConnectTest : public ::testing::Test {
 protected:
  std::filesystem::path dir_ = unique_test_dir();
  std::string path_ = (dir_ / "vty.sock").string();
  VtyServerThread server_{dir_};
};

TEST_F(ConnectTest, CommandsRunInOrderAndPrintOnlyTheirOutput) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto r = connect(dir_, {"--vty-socket", path_, "-c", "echo one", "-c", "enable", "-c", "configure terminal",
                          "-c", "hostname Edge", "-c", "end", "-c", "show hostname"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "one\nEnter configuration commands, one per line.  End with CNTL/Z.\nEdge\n");
  EXPECT_EQ(server_.on_loop([this] { return server_.world.hostname; }), "Edge");
}

TEST_F(ConnectTest, ExitsOneWhenAnyCommandIsRejectedButRunsTheRest) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto r = connect(dir_, {"--vty-socket", path_, "-c", "bogus", "-c", "echo after"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out, "% Invalid input: bogus\nafter\n");
}

TEST_F(ConnectTest, FreshSessionStartsInUserExec) {
  ASSERT_TRUE(server_.start(path_).ok());
  // `configure terminal` needs privileged EXEC: refused in a fresh vty session.
  auto r = connect(dir_, {"--vty-socket=" + path_, "-c", "configure terminal"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(server_.on_loop([this] { return server_.world.sessions_created; }), 1);
}

TEST_F(ConnectTest, NextCommandIsThePasswordWhenEnableAsksForOne) {
  server_.world.secret = "s3cret";
  ASSERT_TRUE(server_.start(path_).ok());
  auto good = connect(dir_, {"--vty-socket", path_, "-c", "enable", "-c", "s3cret", "-c", "configure terminal"});
  EXPECT_EQ(good.status, 0) << good.out;
  auto bad = connect(dir_, {"--vty-socket", path_, "-c", "enable", "-c", "wrong"});
  EXPECT_EQ(bad.status, 1);
  EXPECT_EQ(bad.out.find("s3cret"), std::string::npos);
}

TEST_F(ConnectTest, ExitsTwoWithAClearMessageWhenNoServerListens) {
  auto r = connect(dir_, {"--vty-socket", path_, "-c", "show hostname"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("cannot connect to " + path_), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("is ravelin running?"), std::string::npos);
}

TEST_F(ConnectTest, PipedStdinRunsLikeAScriptOverTheVty) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto r = connect(dir_, {"--vty-socket", path_}, std::string("echo hi\nenable\nexit\necho never\n"));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "R>echo hi\nhi\nR>enable\nR#exit\n");
}

TEST_F(ConnectTest, ExitsTwoOnUnknownArgument) {
  auto r = connect(dir_, {"--frobnicate"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown argument: --frobnicate"), std::string::npos);
}

}  // namespace
}  // namespace ravelin::cli::vty
