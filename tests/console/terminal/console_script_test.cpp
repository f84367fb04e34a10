// The console when stdin is not a terminal: lines run as if typed, echoed as `<prompt><line>`.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "cli/terminal/console.hpp"
#include "tests/unit/vty/fake_shell.hpp"

namespace ravelin::cli::terminal {
namespace {

using testing::FakeShell;
using testing::FakeWorld;

struct ScriptRun {
  std::string screen;
  bool closed = false;
};

enum class Input { kPipe, kFile };

// Readable test names in ctest ("… # GetParam() = pipe").
void PrintTo(Input in, std::ostream* os) { *os << (in == Input::kPipe ? "pipe" : "file"); }

// Feeds `script` on a pipe or a regular file and returns everything the console printed.
ScriptRun run_script(const std::string& script, Input kind, FakeWorld& world) {
  char out_name[] = "/tmp/rv-console-out-XXXXXX";
  int out_fd = ::mkstemp(out_name);
  int in_fd = -1;
  std::string in_name;
  if (kind == Input::kPipe) {
    int p[2];
    if (::pipe(p) != 0) return {};
    // The script fits in the pipe buffer: write it all, then close so the console sees EOF.
    EXPECT_EQ(::write(p[1], script.data(), script.size()), static_cast<ssize_t>(script.size()));
    ::close(p[1]);
    in_fd = p[0];
  } else {
    char name[] = "/tmp/rv-console-in-XXXXXX";
    int fd = ::mkstemp(name);
    EXPECT_EQ(::write(fd, script.data(), script.size()), static_cast<ssize_t>(script.size()));
    ::close(fd);
    in_name = name;
    in_fd = ::open(name, O_RDONLY);
  }
  ScriptRun run;
  {
    boost::asio::io_context io;
    FakeShell shell(world);
    Console console(io, shell, ConsoleOptions{in_fd, out_fd, 10, true});
    console.start([&] {
      run.closed = true;
      io.stop();
    });
    io.run_for(std::chrono::seconds(10));  // bounded: a hang fails the test instead of the suite
  }
  ::close(in_fd);
  ::close(out_fd);
  std::stringstream s;
  s << std::ifstream(out_name).rdbuf();
  run.screen = s.str();
  ::unlink(out_name);
  if (!in_name.empty()) ::unlink(in_name.c_str());
  return run;
}

class ConsoleScript : public ::testing::TestWithParam<Input> {
 protected:
  FakeWorld world_;
};

TEST_P(ConsoleScript, EachLineIsEchoedAfterItsPromptThenRun) {
  auto r = run_script("echo a\nenable\nconfigure terminal\nhostname X\nend\nshow hostname\n", GetParam(), world_);
  EXPECT_TRUE(r.closed);  // end of input ends the console
  EXPECT_EQ(r.screen,
            "R>echo a\na\n"
            "R>enable\n"
            "R#configure terminal\nEnter configuration commands, one per line.  End with CNTL/Z.\n"
            "R(config)#hostname X\n"
            "X(config)#end\n"
            "X#show hostname\nX\n");
}

TEST_P(ConsoleScript, PasswordLineIsNotEchoed) {
  world_.secret = "s3cret";
  auto r = run_script("enable\ns3cret\nshow hostname\n", GetParam(), world_);
  EXPECT_EQ(r.screen, "R>enable\nPassword: \nR#show hostname\nR\n");
}

TEST_P(ConsoleScript, ExitStopsReadingAndLaterLinesNeverRun) {
  auto r = run_script("exit\necho never\n", GetParam(), world_);
  EXPECT_TRUE(r.closed);
  EXPECT_EQ(r.screen, "R>exit\n");
}

TEST_P(ConsoleScript, LastLineWithoutNewlineAndCrLfLinesRun) {
  auto r = run_script("echo dos\r\necho tail", GetParam(), world_);
  EXPECT_EQ(r.screen, "R>echo dos\ndos\nR>echo tail\ntail\n");
}

TEST_P(ConsoleScript, OutputIsNeverPaged) {
  auto r = run_script("terminal length 3\nshow lines 5\n", GetParam(), world_);
  EXPECT_EQ(r.screen, "R>terminal length 3\nR>show lines 5\nline 1\nline 2\nline 3\nline 4\nline 5\n");
}

TEST_P(ConsoleScript, AsyncOutputIsPrintedBeforeTheNextLine) {
  auto r = run_script("say %DEBUG: hello\necho x\n", GetParam(), world_);
  EXPECT_EQ(r.screen, "R>say %DEBUG: hello\n%DEBUG: hello\nR>echo x\nx\n");
}

INSTANTIATE_TEST_SUITE_P(PipeAndFile, ConsoleScript, ::testing::Values(Input::kPipe, Input::kFile),
                         [](const auto& info) { return info.param == Input::kPipe ? "Pipe" : "File"; });

}  // namespace
}  // namespace ravelin::cli::terminal
