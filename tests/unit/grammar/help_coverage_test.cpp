// Walks the `?` listings of the command sets ravelin really ships (IOS and ASA, every mode) and
// checks that each keyword `?` lists carries a help text, as on IOS: a bare keyword with an empty
// second column (`show ?` listing `ip` alone) is a declaration that forgot its `help`.
#include <gtest/gtest.h>

#include <cctype>
#include <deque>
#include <string>
#include <vector>

#include "grammar/matcher.hpp"

// The command set the ravelin binary builds: its one definition (cli/main_commands.cpp, not part of
// the ravelin_cli library) is compiled into this test, as the shell transcripts do.
#include "cli/main_commands.cpp"  // NOLINT(bugprone-suspicious-include)

namespace ravelin::grammar {
namespace {

// Keywords are lower-case words or numbers (`ikev2`, `aes-cbc-128`, `14`); placeholders (`WORD`,
// `<1-65535>`, `A.B.C.D`), `<cr>` and pipes are not walked into.
bool is_keyword(const std::string& t) {
  if (t.empty() || t == "<cr>") return false;
  for (char c : t) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::islower(u) || std::isdigit(u) || c == '-' || c == '_' || c == '.')) return false;
  }
  return true;
}

// Every "mode: line -> keyword" listed with no help, walking keyword paths up to `depth` words.
std::vector<std::string> keywords_without_help(const CommandSet& set, size_t depth) {
  std::vector<std::string> missing;
  const MatchEnv env{15, nullptr};
  size_t budget = 200000;  // bounds the walk whatever the command set grows into
  for (const auto& mode : set.modes()) {
    if (mode->raw) continue;
    std::deque<std::pair<std::string, size_t>> todo{{"", 0}};
    while (!todo.empty() && budget > 0) {
      auto [line, words] = todo.front();
      todo.pop_front();
      --budget;
      const HelpResult h = help_items(set, *mode, line, env);
      if (h.status != Match::Status::Ok) continue;
      for (const HelpItem& item : h.items) {
        if (!is_keyword(item.token)) continue;
        if (item.help.empty()) missing.push_back(mode->name + ": \"" + line + item.token + "\"");
        if (words + 1 < depth && item.token != "no" && item.token != "default" && item.token != "do") {
          todo.emplace_back(line + item.token + " ", words + 1);
        }
      }
    }
    EXPECT_GT(budget, 0u) << "the walk did not finish in mode " << mode->name;
  }
  return missing;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& e : v) s += "  " + e + "\n";
  return s;
}

TEST(GrammarHelpCoverage, EveryKeywordListedByQuestionMarkHasHelpInTheIosCommandSet) {
  auto set = cli::build_command_set(cli::Dialect::Ios, "Router");
  ASSERT_NE(set, nullptr);
  const auto missing = keywords_without_help(*set, 6);
  EXPECT_TRUE(missing.empty()) << "keywords listed by ? with no help:\n" << joined(missing);
}

TEST(GrammarHelpCoverage, EveryKeywordListedByQuestionMarkHasHelpInTheAsaCommandSet) {
  auto set = cli::build_command_set(cli::Dialect::Asa, "ciscoasa");
  ASSERT_NE(set, nullptr);
  const auto missing = keywords_without_help(*set, 6);
  EXPECT_TRUE(missing.empty()) << "keywords listed by ? with no help:\n" << joined(missing);
}

TEST(GrammarHelpCoverage, TheWalkFindsAKeywordWithoutHelp) {
  // The checker itself can fail: a family that declares `show widget` without help is reported.
  CommandSet s(Dialect::Ios);
  s.exec().add("show widget", [](ExecContext&) -> Status { return {}; },
               {.help = {{"show", "Show running system information"}}});
  const auto missing = keywords_without_help(s, 3);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0], "exec: \"show widget\"");
}

}  // namespace
}  // namespace ravelin::grammar
