// cli::Session with a cli::Monitor among its Services: how `terminal [no] monitor` and the
// %SYS-5-CONFIG_I line behave on the console and on vty lines, without any socket.
#include <gtest/gtest.h>

#include <memory>

#include "cli/builtins.hpp"
#include "cli/monitor.hpp"
#include "cli/session.hpp"
#include "grammar/command_set.hpp"
#include "grammar/config/store.hpp"

namespace ravelin::cli {
namespace {

class SessionMonitor : public ::testing::Test {
 protected:
  SessionMonitor() : set_(grammar::Dialect::Ios), store_(declared(set_)) { services_.provide(monitor_); }

  std::unique_ptr<Session> session(std::string log_source, bool with_monitor = true) {
    const grammar::Services& s = with_monitor ? services_ : bare_;
    return std::make_unique<Session>(set_, store_, s, nullptr, SessionOptions{"", 15, 10, std::move(log_source)});
  }
  static void configure(Session& s) {
    s.execute("configure terminal");
    s.execute("hostname EDITED");
    s.execute("end");
  }

  std::vector<std::string> sink_;
  Monitor monitor_{[this](const std::string& l) { sink_.push_back(l); }};

 private:
  static grammar::CommandSet& declared(grammar::CommandSet& set) {
    register_builtins(set, BuiltinOptions{"Router"});
    return set;
  }
  grammar::CommandSet set_;
  grammar::config::ConfigStore store_;
  grammar::Services services_;
  grammar::Services bare_;
};

TEST_F(SessionMonitor, ConsoleConfigIsShownOnceOnTheConsoleAndSentToMonitoringVtys) {
  auto console = session("console");
  auto vty = session("");
  EXPECT_FALSE(vty->execute("terminal monitor").rejected);
  configure(*console);
  const std::string line = "%SYS-5-CONFIG_I: Configured from console by console";
  EXPECT_EQ(console->take_async_output(), std::vector<std::string>{line});
  EXPECT_TRUE(sink_.empty()) << "the console sink would print the console's own line twice";
  EXPECT_EQ(vty->take_async_output(), std::vector<std::string>{line});
}

TEST_F(SessionMonitor, VtyConfigNamesItsLineAndReachesTheConsoleSink) {
  auto first = session("");
  auto second = session("");
  configure(*second);
  EXPECT_EQ(sink_, std::vector<std::string>{"%SYS-5-CONFIG_I: Configured from console by vty1"});
  EXPECT_TRUE(second->take_async_output().empty()) << "not monitoring: a vty sees no log line, not even its own";
  EXPECT_TRUE(first->take_async_output().empty());
  second->execute("terminal monitor");
  configure(*second);
  EXPECT_EQ(second->take_async_output(), std::vector<std::string>{"%SYS-5-CONFIG_I: Configured from console by vty1"});
}

TEST_F(SessionMonitor, ConsoleAlreadyMonitorsAndNoMonitorIsSilent) {
  auto console = session("console");
  auto r = console->execute("terminal monitor");
  EXPECT_FALSE(r.rejected);
  EXPECT_EQ(r.output, "% Console already monitors\n");
  auto vty = session("");
  EXPECT_EQ(vty->execute("terminal monitor").output, "");
  EXPECT_EQ(vty->execute("terminal no monitor").output, "");
  EXPECT_FALSE(monitor_.monitoring(*vty));
}

TEST_F(SessionMonitor, WithoutAMonitorTerminalMonitorIsRefusedAndVtyConfigLogsNothing) {
  auto vty = session("", false);
  auto r = vty->execute("terminal monitor");
  EXPECT_TRUE(r.rejected);
  EXPECT_EQ(r.output, "% Terminal monitor is not available in this process\n");
  configure(*vty);
  EXPECT_TRUE(vty->take_async_output().empty());
  auto console = session("console", false);
  configure(*console);
  EXPECT_EQ(console->take_async_output(), std::vector<std::string>{"%SYS-5-CONFIG_I: Configured from console by console"});
}

TEST_F(SessionMonitor, DestroyedSessionsFreeTheirVtyNumber) {
  auto a = session("");
  {
    auto b = session("");
    EXPECT_EQ(b->line_name(), "vty1");
  }
  auto c = session("");
  EXPECT_EQ(c->line_name(), "vty1");
  EXPECT_EQ(a->line_name(), "vty0");
  EXPECT_EQ(monitor_.attached(), 2u);
}

}  // namespace
}  // namespace ravelin::cli
