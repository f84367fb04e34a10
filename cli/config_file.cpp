#include "cli/config_file.hpp"

#include "cli/running_config.hpp"

namespace ravelin::cli {

LoadSummary summary_of(const grammar::config::LoadReport& report) {
  LoadSummary s;
  s.lines = report.lines_applied + report.errors.size();
  for (const auto& e : report.errors) {
    LoadProblem p{e.line_number, e.line, e.message, std::nullopt};
    if (e.column != std::string::npos && e.column <= e.line.size()) p.caret_column = e.column;
    s.problems.push_back(std::move(p));
  }
  return s;
}

LoadSummary merge_config_text(grammar::config::ConfigStore& store, std::string_view text,
                              const grammar::InterfaceInventory* inventory) {
  grammar::config::LoadOptions o;
  o.inventory = inventory;
  return summary_of(grammar::config::load(store, strip_config_headers(text), o));
}

ParsedConfig parse_config_text(const grammar::config::ConfigStore& store, std::string_view text,
                               const grammar::InterfaceInventory* inventory) {
  grammar::config::LoadOptions o;
  o.inventory = inventory;
  o.replace = true;
  grammar::config::LoadReport report;
  ParsedConfig out;
  out.candidate = grammar::config::parse_config(store.commands(), store.empty(), strip_config_headers(text), o, report);
  out.summary = summary_of(report);
  return out;
}

}  // namespace ravelin::cli
