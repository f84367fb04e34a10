// The readline console in a real pseudo-terminal, driving a FakeShell: what an operator's fingers do.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "cli/terminal/console.hpp"
#include "tests/console/terminal/pty_harness.hpp"
#include "tests/unit/vty/fake_shell.hpp"

namespace ravelin::cli::terminal {
namespace {

using testing::FakeShell;
using testing::FakeWorld;
using testing::PtyChild;

constexpr std::string_view kUp = "\x1b[A";
constexpr std::string_view kCtrlU = "\x15";
constexpr std::string_view kCtrlZ = "\x1a";
constexpr std::string_view kCtrlD = "\x04";

// The child: one console on the pty, until the session ends.
int console_main(const std::string& secret) {
  boost::asio::io_context io;
  FakeWorld world;
  world.secret = secret;
  FakeShell shell(world);
  Console console(io, shell, ConsoleOptions{0, 1, 20, true});
  console.start([&io] { io.stop(); });
  io.run();
  return 0;
}

PtyChild start_console(const std::string& secret = {}) {
  auto child = PtyChild::spawn([secret] { return console_main(secret); });
  if (!child) throw std::runtime_error("forkpty failed");
  return std::move(*child);
}

std::size_t count(const std::string& hay, std::string_view needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

TEST(ConsolePty, QuestionMarkPrintsHelpAndRedrawsTheLineWithoutRunningIt) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.mark();
  c.type("show ?");
  ASSERT_TRUE(c.wait_for("lines     Numbered lines\r\n\r\n")) << c.since_mark();
  ASSERT_TRUE(c.wait_for("R>show ")) << c.since_mark();  // prompt and line drawn again
  c.settle(200);
  EXPECT_EQ(c.since_mark().find("Invalid"), std::string::npos);  // nothing ran
  c.type("\r");
  ASSERT_TRUE(c.wait_for("% Invalid input: show \r\n"));  // the `?` was not inserted
  EXPECT_EQ(count(c.since_mark(), "% Invalid input"), 1u);
}

TEST(ConsolePty, TabCompletesAUniquePrefixAndListsAmbiguousChoices) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.mark();
  c.type("sh\t");
  ASSERT_TRUE(c.wait_for("ow ")) << c.since_mark();
  c.type("hostname\r");
  ASSERT_TRUE(c.wait_for("\r\nR\r\nR>")) << c.since_mark();
  c.mark();
  c.type("e\t");
  ASSERT_TRUE(c.wait_for("echo  enable  end  exit\r\n")) << c.since_mark();
  ASSERT_TRUE(c.wait_for("R>e")) << c.since_mark();
  c.type("cho tabbed\r");
  ASSERT_TRUE(c.wait_for("tabbed\r\n")) << c.since_mark();
}

TEST(ConsolePty, UpArrowRecallsThePreviousLines) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.type("echo first\r");
  ASSERT_TRUE(c.wait_for("first\r\nR>"));
  c.type("show hostname\r");
  ASSERT_TRUE(c.wait_for("R\r\nR>"));
  c.mark();
  c.type(kUp);
  ASSERT_TRUE(c.wait_for("show hostname")) << c.since_mark();
  c.type(kUp);  // readline redraws only what differs, so check what runs rather than the screen
  c.type("\r");
  ASSERT_TRUE(c.wait_for("first\r\nR>")) << c.since_mark();
  c.mark();
  c.type(kUp);
  c.type("\r");
  ASSERT_TRUE(c.wait_for("first\r\nR>")) << c.since_mark();  // the recalled line joined the history
}

TEST(ConsolePty, CtrlZReturnsToPrivilegedExecInsteadOfSuspending) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.type("enable\r");
  ASSERT_TRUE(c.wait_for("R#"));
  c.type("configure terminal\r");
  ASSERT_TRUE(c.wait_for("R(config)#"));
  c.mark();
  c.type(kCtrlZ);
  ASSERT_TRUE(c.wait_for("^Z\r\nR#")) << c.since_mark();
  c.type("echo alive\r");  // the process was not stopped by SIGTSTP
  ASSERT_TRUE(c.wait_for("alive\r\nR#"));
}

TEST(ConsolePty, CtrlZRunsTheTypedLineFirst) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.type("enable\r");
  c.type("configure terminal\r");
  ASSERT_TRUE(c.wait_for("R(config)#"));
  c.mark();
  c.type("hostname Edge");
  c.type(kCtrlZ);
  ASSERT_TRUE(c.wait_for("^Z\r\nEdge#")) << c.since_mark();
}

TEST(ConsolePty, PagerShowsMoreAndHonoursSpaceReturnAndQ) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.type("terminal length 5\r");
  ASSERT_TRUE(c.wait_for("R>"));
  c.mark();
  c.type("show lines 12\r");
  ASSERT_TRUE(c.wait_for("line 4\r\n --More-- ")) << c.since_mark();
  c.settle(200);
  EXPECT_EQ(c.since_mark().find("line 5"), std::string::npos);
  c.mark();
  c.type(" ");  // space: the next page (length - 1 lines)
  ASSERT_TRUE(c.wait_for("line 8\r\n --More-- ")) << c.since_mark();
  EXPECT_EQ(c.since_mark().rfind("\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bline 5", 0), 0u)
      << "the --More-- prompt is erased in place";
  c.mark();
  c.type("\r");  // return: one more line
  ASSERT_TRUE(c.wait_for("line 9\r\n --More-- ")) << c.since_mark();
  EXPECT_EQ(c.since_mark().find("line 10"), std::string::npos);
  c.mark();
  c.type("q");
  ASSERT_TRUE(c.wait_for("R>")) << c.since_mark();
  c.settle(200);
  EXPECT_EQ(c.since_mark().find("line 10"), std::string::npos);
}

TEST(ConsolePty, LengthZeroMeansNoPaging) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.mark();
  c.type("show lines 40\r");
  ASSERT_TRUE(c.wait_for("line 40\r\nR>")) << c.since_mark();
  EXPECT_EQ(c.since_mark().find("--More--"), std::string::npos);
}

TEST(ConsolePty, PasswordIsReadWithoutEcho) {
  auto c = start_console("s3cret");
  ASSERT_TRUE(c.wait_for("R>"));
  c.type("enable\r");
  ASSERT_TRUE(c.wait_for("Password: "));
  c.type("s3cret\r");
  ASSERT_TRUE(c.wait_for("R#")) << c.screen();
  EXPECT_EQ(c.screen().find("s3cret"), std::string::npos);
  c.type("echo echoing again\r");  // echo is back on after the password
  ASSERT_TRUE(c.wait_for("R#echo echoing again\r\n"));
}

TEST(ConsolePty, AsyncOutputAppearsAboveThePromptWithoutLosingTheTypedLine) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.type("say %IKEV2-5-SA_UP: up\r");
  ASSERT_TRUE(c.wait_past("say %IKEV2-5-SA_UP: up\r\n"));  // the echo of the typed line
  c.type("echo half");
  ASSERT_TRUE(c.wait_past("%IKEV2-5-SA_UP: up\r\n")) << c.screen();
  ASSERT_TRUE(c.wait_for("R>echo half")) << c.screen();  // redrawn under the message
  c.type("way\r");
  ASSERT_TRUE(c.wait_for("halfway\r\n")) << c.since_mark();
}

TEST(ConsolePty, ExitFromExecEndsTheConsole) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.type("exit\r");
  EXPECT_EQ(c.wait_exit(), std::optional<int>(0));
}

TEST(ConsolePty, CtrlDOnAnEmptyLineEndsTheConsole) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.type(kCtrlD);
  EXPECT_EQ(c.wait_exit(), std::optional<int>(0));
}

TEST(ConsolePty, CtrlCAbandonsTheLineWithoutKillingTheProcess) {
  auto c = start_console();
  ASSERT_TRUE(c.wait_for("R>"));
  c.type("echo never");
  c.type("\x03");
  ASSERT_TRUE(c.wait_for("^C\r\nR>"));
  c.mark();
  c.type(kCtrlU);
  c.type("echo ok\r");
  ASSERT_TRUE(c.wait_for("ok\r\n"));
  EXPECT_EQ(c.since_mark().find("never"), std::string::npos);
}

}  // namespace
}  // namespace ravelin::cli::terminal
