// Session behaviour that a transcript cannot show: flags handed to the terminal, history privacy,
// per-session terminal length, completion, and that saved text loads back to the same config.
#include <gtest/gtest.h>

#include "cli/atomic_file.hpp"
#include "cli/config_file.hpp"
#include "cli/running_config.hpp"
#include "tests/transcript/shell/harness.hpp"

namespace ravelin::cli::testing {
namespace {

TEST(Session, BuiltinDeclarationsAreSoundInBothDialects) {
  EXPECT_TRUE(ShellHarness({.dialect = Dialect::Ios}).declaration_errors().empty());
  EXPECT_TRUE(ShellHarness({.dialect = Dialect::Asa}).declaration_errors().empty());
}

TEST(Session, EnableWithSecretAsksForPasswordWithoutEchoAndKeepsItOutOfHistory) {
  ShellHarness h({.privilege = 15});
  Session& s = h.session();
  s.execute("configure terminal");
  s.execute("enable secret 0 TopSecret1");
  s.execute("end");
  s.execute("disable");
  ExecResult r = s.execute("enable");
  EXPECT_TRUE(r.wants_password);
  EXPECT_EQ(s.prompt(), "Password: ");
  EXPECT_EQ(s.help("x"), "");  // `?` means nothing while a password is typed
  r = s.execute("TopSecret1");
  EXPECT_FALSE(r.wants_password);
  EXPECT_FALSE(r.rejected);
  EXPECT_EQ(s.prompt(), "Router#");
  for (const auto& l : s.history()) EXPECT_EQ(l.find("TopSecret1"), std::string::npos) << l;
}

TEST(Session, PlainSecretNeverReachesTheRunningConfigOrTheStartupFile) {
  ShellHarness h({.privilege = 15});
  Session& s = h.session();
  s.execute("configure terminal");
  s.execute("enable secret 0 TopSecret1");
  s.execute("end");
  std::string run = s.execute("show running-config").output;
  EXPECT_EQ(run.find("TopSecret1"), std::string::npos);
  EXPECT_NE(run.find("enable secret 9 $9$"), std::string::npos);
  ASSERT_FALSE(s.execute("write memory").rejected);
  auto saved = read_whole_file(h.startup_path());
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->find("TopSecret1"), std::string::npos);
}

TEST(Session, ThirdWrongPasswordIsRejectedAndStaysInUserExec) {
  ShellHarness h({.privilege = 15});
  Session& s = h.session();
  s.execute("configure terminal");
  s.execute("enable secret 0 right");
  s.execute("end");
  s.execute("disable");
  s.execute("enable");
  EXPECT_FALSE(s.execute("w1").rejected);
  EXPECT_FALSE(s.execute("w2").rejected);
  ExecResult r = s.execute("w3");
  EXPECT_TRUE(r.rejected);
  EXPECT_EQ(r.output, "% Bad secrets\n\n");
  EXPECT_EQ(s.prompt(), "Router>");
}

TEST(Session, ExitAtExecClosesTheSessionButNotInConfig) {
  ShellHarness h({.privilege = 15});
  Session& s = h.session();
  s.execute("configure terminal");
  EXPECT_FALSE(s.execute("exit").close_session);
  EXPECT_TRUE(s.execute("exit").close_session);
}

TEST(Session, TerminalLengthBelongsToOneSession) {
  ShellHarness h;
  EXPECT_EQ(h.session(0).terminal_length(), 24);
  h.session(0).execute("terminal length 0");
  h.session(1).execute("terminal length 50");
  EXPECT_EQ(h.session(0).terminal_length(), 0);
  EXPECT_EQ(h.session(1).terminal_length(), 50);
}

TEST(Session, DoKeepsTheModeAndItsTerminalLengthChangeLasts) {
  ShellHarness h({.privilege = 15});
  Session& s = h.session();
  s.execute("configure terminal");
  EXPECT_FALSE(s.execute("do terminal length 7").rejected);
  EXPECT_EQ(s.terminal_length(), 7);
  EXPECT_EQ(s.prompt(), "Router(config)#");
}

TEST(Session, CtrlZLeavesAnyConfigModeForPrivilegedExec) {
  ShellHarness h({.keychain_family = true, .privilege = 15});
  Session& s = h.session();
  s.execute("configure terminal");
  s.execute("key chain K");
  s.execute("key 1");
  EXPECT_EQ(s.prompt(), "Router(config-keychain-key)#");
  s.ctrl_z();
  EXPECT_EQ(s.prompt(), "Router#");
  s.ctrl_z();  // harmless at EXEC
  EXPECT_EQ(s.prompt(), "Router#");
}

TEST(Session, TabCompletesBuiltinsAndDoLines) {
  ShellHarness h({.privilege = 15});
  Session& s = h.session();
  EXPECT_EQ(s.complete("conf").line, "configure ");
  s.execute("configure terminal");
  EXPECT_EQ(s.complete("do sh").line, "do show ");
  EXPECT_EQ(s.complete("hostn").line, "hostname ");
}

TEST(Session, SavedConfigLoadsBackToTheSameText) {
  ShellHarness h({.hostname = "R9", .keychain_family = true, .privilege = 15});
  Session& s = h.session();
  for (const char* l : {"configure terminal", "hostname EDGE", "enable secret 0 x", "enable password p w",
                        "key chain A", "key 3", "key-string k s", "end"}) {
    ASSERT_FALSE(s.execute(l).rejected) << l;
  }
  std::string saved = startup_config_text(h.store().running(), Dialect::Ios);
  ShellHarness fresh({.hostname = "R9", .keychain_family = true});
  LoadSummary sum = merge_config_text(fresh.store(), saved, nullptr);
  EXPECT_TRUE(sum.clean()) << format_load_report("saved", sum);
  EXPECT_EQ(startup_config_text(fresh.store().running(), Dialect::Ios), saved);
}

TEST(Session, AsaPromptsEndWithASpace) {
  ShellHarness h({.dialect = Dialect::Asa});
  EXPECT_EQ(h.session().prompt(), "ciscoasa> ");
  h.session().execute("enable");
  EXPECT_EQ(h.session().prompt(), "ciscoasa# ");
}

TEST(Session, WriteMemoryWithoutStartupFileIsRefused) {
  ShellHarness h({.privilege = 15});
  std::filesystem::remove_all(h.dir());  // the directory the startup-config would go to is gone
  ExecResult r = h.session().execute("write memory");
  EXPECT_TRUE(r.rejected);
  EXPECT_NE(r.output.find("%Error writing startup-config"), std::string::npos) << r.output;
}

TEST(Session, ShowVersionUptimeUsesIosUnitsAndLeavesOutZeros) {
  ShellHarness h;
  h.clock().advance(std::chrono::hours(24 * 8 + 2) + std::chrono::minutes(1) + std::chrono::seconds(59));
  std::string out = h.session().execute("show version").output;
  EXPECT_NE(out.find("Router uptime is 1 week, 1 day, 2 hours, 1 minute\n"), std::string::npos) << out;
}

TEST(Session, ConfigureReplaceFromNvramStartupConfigAppliesOnlyTheDifference) {
  ShellHarness h({.keychain_family = true, .privilege = 15});
  Session& s = h.session();
  for (const char* l : {"configure terminal", "key chain KEEP", "key 1", "key-string same", "end", "write memory",
                        "configure terminal", "key chain EXTRA", "end"}) {
    ASSERT_FALSE(s.execute(l).rejected) << l;
  }
  struct Recorder : grammar::config::Subscriber {
    grammar::config::ChangeSet seen;
    void apply(const grammar::config::Snapshot&, const grammar::config::ChangeSet& c) override { seen = c; }
  } rec;
  h.store().subscribe(rec);
  ExecResult r = s.execute("configure replace nvram:startup-config force");
  ASSERT_FALSE(r.rejected) << r.output;
  EXPECT_EQ(r.output, "Total number of passes: 1\nRollback Done\n\n");
  const auto& root = h.store().running().root();
  EXPECT_NE(root.entry("key chain", {"KEEP"}), nullptr);
  EXPECT_EQ(root.entry("key chain", {"EXTRA"}), nullptr);
  // Subscribers (the IKE engine, the kernel reconciler) see only the difference.
  ASSERT_EQ(rec.seen.size(), 1u) << grammar::config::describe(rec.seen);
  EXPECT_EQ(rec.seen[0].op, grammar::config::Change::Op::Delete);
  EXPECT_EQ(rec.seen[0].path, std::vector<std::string>{"key chain EXTRA"});
}

}  // namespace
}  // namespace ravelin::cli::testing
