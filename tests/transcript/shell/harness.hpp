#pragma once
// A process's worth of shell in one test: the command set ravelin itself builds (cli/main_commands.cpp),
// one running-config, a fake clock, a temp directory for the startup-config, and any number of
// sessions on them. type() drives a session the way the console does in script mode
// (`<prompt><line>` echoed, then the output), so transcripts read like a terminal screen.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/interface_inventory.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "grammar/command_set.hpp"
#include "grammar/config/store.hpp"
#include "tests/support/fake_clock.hpp"

namespace ravelin::cli::testing {

struct HarnessOptions {
  Dialect dialect = Dialect::Ios;
  std::string hostname;          // --hostname ("" = the dialect's default)
  bool keychain_family = false;  // add a small two-level test family (key chain / key) for sub-mode tests
  int privilege = 1;
  std::string log_source;  // SessionOptions::log_source of every session ("console"); "" = no logs
};

class ShellHarness {
 public:
  explicit ShellHarness(HarnessOptions o = {});
  ~ShellHarness();

  // Session `i` (created on first use, starting in user EXEC unless options say otherwise).
  Session& session(std::size_t i = 0);
  // One line as the console's script mode shows it: "<prompt><line>\n" (or "<prompt>\n" for an
  // answer to a secret question), then the output.
  std::string type(std::string_view line, std::size_t s = 0);
  // `?` after `line`: "<prompt><line>?\n" then the help text.
  std::string ask_help(std::string_view line, std::size_t s = 0);
  // TAB after `line`: "<prompt><line><TAB>\n", the choices (if any, on one line) and the completed line.
  std::string tab(std::string_view line, std::size_t s = 0);
  // Ctrl-Z: "<prompt>^Z\n".
  std::string ctrl_z(std::size_t s = 0);

  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  [[nodiscard]] std::string startup_path() const { return (dir_ / "startup-config").string(); }
  grammar::config::ConfigStore& store() { return *store_; }
  test::FakeClock& clock() { return clock_; }
  [[nodiscard]] const std::vector<std::string>& declaration_errors() const { return decl_errors_; }

 private:
  HarnessOptions options_;
  std::filesystem::path dir_;
  test::FakeClock clock_;
  InterfaceInventory inventory_;
  grammar::InterfaceInventory names_;
  std::unique_ptr<grammar::CommandSet> set_;
  std::unique_ptr<grammar::config::ConfigStore> store_;
  SystemInfo sys_;
  grammar::Services services_;
  std::vector<std::unique_ptr<Session>> sessions_;
  std::vector<std::string> decl_errors_;
};

}  // namespace ravelin::cli::testing
