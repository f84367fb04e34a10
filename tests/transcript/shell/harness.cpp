#include "tests/transcript/shell/harness.hpp"

#include <unistd.h>

#include <atomic>

#include "cli/builtins.hpp"
#include "grammar/interpreter.hpp"

// The transcripts must see exactly the command set the ravelin binary builds, so its one definition
// (cli/main_commands.cpp, not part of the ravelin_cli library) is compiled into this test too.
#include "cli/main_commands.cpp"  // NOLINT(bugprone-suspicious-include)

namespace ravelin::cli::testing {
namespace {

// A small two-level family with IOS's real prompts, for sub-mode, `exit` and fall-through
// transcripts that must not depend on the crypto families.
void add_keychain_family(grammar::CommandSet& set) {
  set.help("key", "Key management");
  auto chain = set.list("key chain WORD$name", {.enters = "config-keychain",
                                                .help = {{"chain", "Key-chain management"}, {"$name", "Key-chain name"}}});
  auto key = chain.list("key <0-2147483647>$id",
                        {.enters = "config-keychain-key", .help = {{"key", "Configure a key"}, {"$id", "Key identifier"}}});
  key.leaf("key-string LINE$text", {.help = {{"key-string", "Set key string"}, {"$text", "The key"}}});
  chain.leaf("description LINE$text", {.help = {{"description", "Key chain description"}}});
}

std::filesystem::path fresh_dir() {
  static std::atomic<int> n{0};
  auto d = std::filesystem::temp_directory_path() /
           ("rv-transcript-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

}  // namespace

ShellHarness::ShellHarness(HarnessOptions o)
    : options_(std::move(o)),
      dir_(fresh_dir()),
      inventory_({{"GigabitEthernet0/0", "eth0"}, {"GigabitEthernet0/1", "eth1"}, {"Loopback0", "lo"}}),
      names_{inventory_.names()} {
  set_ = build_command_set(options_.dialect, options_.hostname);
  if (!set_) {
    decl_errors_.push_back("build_command_set failed");
    set_ = std::make_unique<grammar::CommandSet>(grammar::Dialect::Ios);
  }
  if (options_.keychain_family) add_keychain_family(*set_);
  decl_errors_.insert(decl_errors_.end(), set_->errors().begin(), set_->errors().end());
  store_ = std::make_unique<grammar::config::ConfigStore>(*set_);
  sys_ = SystemInfo{options_.dialect, startup_path(), "ravelin", &clock_, clock_.now(), &inventory_, &names_};
  services_.provide(sys_);
}

ShellHarness::~ShellHarness() {
  sessions_.clear();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

Session& ShellHarness::session(std::size_t i) {
  while (sessions_.size() <= i) {
    sessions_.push_back(std::make_unique<Session>(*set_, *store_, services_, &names_,
                                                  SessionOptions{"", options_.privilege, 10, options_.log_source}));
  }
  return *sessions_[i];
}

std::string ShellHarness::type(std::string_view line, std::size_t s) {
  Session& ss = session(s);
  bool secret = ss.prompt() == "Password: ";
  std::string out = ss.prompt() + (secret ? std::string() : std::string(line)) + "\n";
  ExecResult r = ss.execute(line);
  out += r.output;
  for (const auto& l : ss.take_async_output()) out += l + "\n";
  if (r.close_session) out += "[session closed]\n";
  return out;
}

std::string ShellHarness::ask_help(std::string_view line, std::size_t s) {
  Session& ss = session(s);
  return ss.prompt() + std::string(line) + "?\n" + ss.help(line);
}

std::string ShellHarness::tab(std::string_view line, std::size_t s) {
  Session& ss = session(s);
  std::string out = ss.prompt() + std::string(line) + "<TAB>\n";
  Completion c = ss.complete(line);
  if (!c.choices.empty()) {
    for (const auto& ch : c.choices) out += ch + "  ";
    out += "\n";
  }
  return out + ss.prompt() + c.line + "\n";
}

std::string ShellHarness::ctrl_z(std::size_t s) {
  Session& ss = session(s);
  std::string out = ss.prompt() + "^Z\n";
  out += ss.ctrl_z().output;
  for (const auto& l : ss.take_async_output()) out += l + "\n";
  return out;
}

}  // namespace ravelin::cli::testing
