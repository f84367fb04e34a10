#pragma once
// A small IOS-like Shell for terminal and vty tests. Sessions created from one FakeWorld share its
// state (the hostname), so a change made in one session is visible in the others.
//   enable                 -> R# (asks for a password when world.secret is set)
//   configure terminal     -> R(config)#        hostname NAME   (config) renames the world
//   terminal length N      -> pager length      show lines N    prints "line 1".."line N"
//   echo TEXT              -> prints TEXT       say TEXT        queues TEXT as async output
//   show hostname, end, exit; anything else is rejected with "% Invalid input: LINE"
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/shell.hpp"

namespace ravelin::cli::testing {

struct FakeWorld {
  std::string hostname = "R";
  std::string secret;          // enable secret; empty = none
  int sessions_created = 0;
};

class FakeShell final : public Shell {
 public:
  explicit FakeShell(FakeWorld& world) : world_(world) { ++world_.sessions_created; }

  [[nodiscard]] std::string prompt() const override {
    if (awaiting_password_) return "Password: ";  // like cli::Session: the question is the prompt
    switch (mode_) {
      case Mode::kUser: return world_.hostname + ">";
      case Mode::kPriv: return world_.hostname + "#";
      case Mode::kConfig: return world_.hostname + "(config)#";
    }
    return {};
  }

  ExecResult execute(std::string_view raw) override {
    ++executed_;
    std::string line(raw);
    if (awaiting_password_) return check_password(line);
    std::istringstream in(line);
    std::string word, rest;
    in >> word;
    std::getline(in >> std::ws, rest);
    if (word.empty()) return {};
    if (word == "echo") return ok(rest + "\n");
    if (word == "say") {
      async_.push_back(rest);
      return {};
    }
    if (word == "enable") return enable();
    if (word == "exit") return exit_mode();
    if (word == "end") return leave_config();
    if (word == "terminal" && rest.rfind("length ", 0) == 0) {
      length_ = std::stoi(rest.substr(7));
      return {};
    }
    if (word == "show" && rest == "hostname") return ok(world_.hostname + "\n");
    if (word == "show" && rest.rfind("lines ", 0) == 0) return show_lines(std::stoi(rest.substr(6)));
    if ((word == "configure" || word == "conf") && mode_ == Mode::kPriv) {
      mode_ = Mode::kConfig;
      return ok("Enter configuration commands, one per line.  End with CNTL/Z.\n");
    }
    if (word == "hostname" && mode_ == Mode::kConfig && !rest.empty()) {
      world_.hostname = rest;
      return {};
    }
    return rejected("% Invalid input: " + line + "\n");
  }

  [[nodiscard]] std::string help(std::string_view line) const override {
    if (line.rfind("show ", 0) == 0) return "  hostname  The system name\n  lines     Numbered lines\n\n";
    return "  echo      Print text\n  show      Show running system information\n\n";
  }

  [[nodiscard]] Completion complete(std::string_view line) const override {
    static const std::vector<std::string> kWords = {"configure", "echo", "enable", "end", "exit", "show"};
    Completion c{std::string(line), {}};
    if (line.find(' ') != std::string_view::npos) return c;
    std::vector<std::string> hits;
    for (const auto& w : kWords) {
      if (w.rfind(line, 0) == 0) hits.push_back(w);
    }
    if (hits.size() == 1) c.line = hits[0] + " ";
    if (hits.size() > 1) c.choices = hits;
    return c;
  }

  [[nodiscard]] int terminal_length() const override { return length_; }

  ExecResult ctrl_z() override {
    ++ctrl_z_count_;
    if (mode_ == Mode::kConfig) mode_ = Mode::kPriv;
    return {};
  }

  std::vector<std::string> take_async_output() override {
    std::vector<std::string> out;
    out.swap(async_);
    return out;
  }

  void queue_async(std::string line) { async_.push_back(std::move(line)); }
  [[nodiscard]] int executed() const { return executed_; }
  [[nodiscard]] int ctrl_z_count() const { return ctrl_z_count_; }

 private:
  enum class Mode { kUser, kPriv, kConfig };

  static ExecResult ok(std::string out) { return ExecResult{std::move(out), false, false, false}; }
  static ExecResult rejected(std::string out) { return ExecResult{std::move(out), true, false, false}; }

  ExecResult enable() {
    if (world_.secret.empty()) {
      mode_ = Mode::kPriv;
      return {};
    }
    awaiting_password_ = true;
    return ExecResult{"", false, false, true};
  }

  ExecResult check_password(const std::string& line) {
    awaiting_password_ = false;
    if (line != world_.secret) return rejected("% Access denied\n");
    mode_ = Mode::kPriv;
    return {};
  }

  ExecResult exit_mode() {
    if (mode_ == Mode::kConfig) {
      mode_ = Mode::kPriv;
      return {};
    }
    return ExecResult{"", false, true, false};
  }

  ExecResult leave_config() {
    if (mode_ != Mode::kConfig) return rejected("% Invalid input: end\n");
    mode_ = Mode::kPriv;
    return {};
  }

  static ExecResult show_lines(int n) {
    std::string out;
    for (int i = 1; i <= n; ++i) out += "line " + std::to_string(i) + "\n";
    return ok(out);
  }

  FakeWorld& world_;
  Mode mode_ = Mode::kUser;
  int length_ = 0;
  bool awaiting_password_ = false;
  int executed_ = 0;
  int ctrl_z_count_ = 0;
  std::vector<std::string> async_;
};

}  // namespace ravelin::cli::testing
