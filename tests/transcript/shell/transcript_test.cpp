// Golden transcripts: tests/transcript/shell/cases/NAME.script (input) -> NAME.golden (screen).
//
// Script lines:
//   # text                 a comment
//   #! platform asa        ASA dialect (default IOS)          #! hostname NAME   like --hostname
//   #! keychain            adds a small two-level test family (key chain / key) for sub-modes
//   #! privilege 15        sessions start in privileged EXEC
//   #! log console         sessions run on the console line: IOS's log lines (CONFIG_I) are shown
//   #! startup LINE        appends LINE to the startup-config, loaded (as at boot) before the first line
//   #! file NAME LINE      appends LINE to the file $TMP/NAME
//   @N                     the following lines go to session N (sessions share one running-config)
//   ^Z                     Ctrl-Z            LINE?   `?` after LINE       LINE<TAB>   TAB after LINE
//   anything else          typed and run, shown as the console's script mode shows it
// `$TMP` in input is the test's temporary directory; in the output it is printed back as `$TMP`.
// Goldens are only rewritten with RAVELIN_UPDATE_GOLDEN=1 (then review the diff before committing).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/atomic_file.hpp"
#include "cli/config_file.hpp"
#include "tests/transcript/shell/harness.hpp"

namespace ravelin::cli::testing {
namespace {

namespace fs = std::filesystem;

fs::path cases_dir() { return fs::path(RAVELIN_SOURCE_DIR) / "tests/transcript/shell/cases"; }

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(cases_dir(), ec)) {
    if (e.path().extension() == ".script") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct Script {
  HarnessOptions options;
  std::vector<std::string> startup;
  std::vector<std::pair<std::string, std::string>> files;  // name, line
  std::vector<std::string> input;
};

Script parse_script(const std::string& text) {
  Script s;
  for (const auto& l : lines_of(text)) {
    if (l.rfind("#! ", 0) == 0) {
      std::istringstream d(l.substr(3));
      std::string key;
      d >> key;
      std::string rest;
      std::getline(d >> std::ws, rest);
      if (key == "platform") s.options.dialect = rest == "asa" ? Dialect::Asa : Dialect::Ios;
      if (key == "hostname") s.options.hostname = rest;
      if (key == "keychain") s.options.keychain_family = true;
      if (key == "privilege") s.options.privilege = std::atoi(rest.c_str());
      if (key == "log") s.options.log_source = rest;
      if (key == "startup") s.startup.push_back(rest);
      if (key == "file") {
        auto sp = rest.find(' ');
        s.files.emplace_back(rest.substr(0, sp), sp == std::string::npos ? "" : rest.substr(sp + 1));
      }
      continue;
    }
    if (l.rfind("#", 0) == 0) continue;
    s.input.push_back(l);
  }
  return s;
}

std::string run_script(const Script& s) {
  ShellHarness h(s.options);
  std::string out;
  for (const auto& e : h.declaration_errors()) out += "declaration error: " + e + "\n";
  const std::string tmp = h.dir().string();
  for (const auto& [name, line] : s.files) {
    std::ofstream(h.dir() / name, std::ios::app) << line << "\n";
  }
  if (!s.startup.empty()) {
    std::string text;
    for (const auto& l : s.startup) text += l + "\n";
    EXPECT_TRUE(write_file_atomic(h.startup_path(), text).ok());
    out += "[boot] " + format_load_report("startup-config", merge_config_text(h.store(), text, nullptr));
  }
  std::size_t current = 0;
  for (std::string line : s.input) {
    replace_all(line, "$TMP", tmp);
    if (line.size() > 1 && line[0] == '@') {
      current = static_cast<std::size_t>(std::atoi(line.c_str() + 1));
      out += "--- session " + std::to_string(current) + " ---\n";
    } else if (line == "^Z") {
      out += h.ctrl_z(current);
    } else if (ends_with(line, "<TAB>")) {
      out += h.tab(line.substr(0, line.size() - 5), current);
    } else if (ends_with(line, "?")) {
      out += h.ask_help(line.substr(0, line.size() - 1), current);
    } else {
      out += h.type(line, current);
    }
  }
  out += h.session(current).prompt() + "\n";
  replace_all(out, tmp, "$TMP");
  return out;
}

class Transcript : public ::testing::TestWithParam<std::string> {};

TEST_P(Transcript, ScreenMatchesGolden) {
  auto script = read_whole_file((cases_dir() / (GetParam() + ".script")).string());
  ASSERT_TRUE(script.ok()) << script.error().message;
  std::string screen = run_script(parse_script(*script));
  fs::path golden = cases_dir() / (GetParam() + ".golden");
  const char* update = std::getenv("RAVELIN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    ASSERT_TRUE(write_file_atomic(golden.string(), screen).ok());
    return;
  }
  auto expected = read_whole_file(golden.string());
  ASSERT_TRUE(expected.ok()) << "no golden for " << GetParam() << " (run with RAVELIN_UPDATE_GOLDEN=1)";
  EXPECT_EQ(screen, *expected) << "transcript " << GetParam() << " differs from its golden";
}

INSTANTIATE_TEST_SUITE_P(Cases, Transcript, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string n = i.param;
                           std::replace_if(n.begin(), n.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
                           return n;
                         });

TEST(TranscriptCases, ThereAreCasesToRun) { EXPECT_GE(case_names().size(), 5u); }

}  // namespace
}  // namespace ravelin::cli::testing
