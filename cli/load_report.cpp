#include "cli/load_report.hpp"

namespace ravelin::cli {

std::string as_ios_message(std::string_view message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.remove_suffix(1);
  if (message.empty()) return "% Error";
  if (message.front() == '%' || message.substr(0, 6) == "ERROR:") return std::string(message);
  return "% " + std::string(message);
}

std::string format_problem(std::string_view file, const LoadProblem& p) {
  std::string out;
  out.append(file).append(":").append(std::to_string(p.line_no)).append(": ");
  out += as_ios_message(p.message);
  out += "\n";
  out += p.line;
  out += "\n";
  if (p.caret_column && *p.caret_column <= p.line.size()) {
    // Tabs before the failing token are copied so that the caret lines up on any tab width.
    for (std::size_t i = 0; i < *p.caret_column; ++i) out.push_back(p.line[i] == '\t' ? '\t' : ' ');
    out += "^\n";
  }
  return out;
}

std::string format_load_report(std::string_view file, const LoadSummary& s) {
  std::string out;
  for (const auto& p : s.problems) out += format_problem(file, p);
  out.append(file).append(": ").append(std::to_string(s.lines)).append(s.lines == 1 ? " line, " : " lines, ");
  if (s.clean()) {
    out += "no problems\n";
  } else {
    out += std::to_string(s.problems.size()) + " rejected\n";
  }
  return out;
}

}  // namespace ravelin::cli
