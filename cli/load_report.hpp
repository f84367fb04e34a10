#pragma once
// How problems in a config file are reported (startup-config at boot, `ravelin check`, `copy … running-config`):
//
//   FILE:LINE: % message
//   <the line as written>
//   <spaces>^                     (only when the message points at a column)
//   ...
//   FILE: N lines, M rejected     (or "FILE: N lines, no problems")
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ravelin::cli {

struct LoadProblem {
  std::size_t line_no = 0;  // 1-based
  std::string line;         // as written in the file (no newline)
  std::string message;      // the IOS message, e.g. "% Invalid input detected at '^' marker."
  std::optional<std::size_t> caret_column;  // byte offset in `line` of the failing token
};

struct LoadSummary {
  std::size_t lines = 0;     // command lines read (blank and '!' comment lines not counted)
  std::vector<LoadProblem> problems;
  [[nodiscard]] bool clean() const { return problems.empty(); }
};

// One problem as three (or two) lines; the caret line copies the tabs before it.
[[nodiscard]] std::string format_problem(std::string_view file, const LoadProblem& p);
// Every problem, then the summary line.
[[nodiscard]] std::string format_load_report(std::string_view file, const LoadSummary& s);

// A message as the reports print it: "% " prefixed unless it already starts with '%' or "ERROR:".
[[nodiscard]] std::string as_ios_message(std::string_view message);

}  // namespace ravelin::cli
