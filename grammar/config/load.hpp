#pragma once
// Batch load of a config text (startup-config, `copy … running-config`, `check`): every line is run
// as if typed in configuration mode (fall-through decides the mode, never indentation — except that
// the indented lines under a verbatim block belong to it). Bad lines are reported with their line
// number and skipped; the good ones are committed in one transaction.
#include <string>
#include <string_view>
#include <vector>

#include "grammar/config/store.hpp"
#include "grammar/interface_name.hpp"

namespace ravelin::grammar::config {

struct LineError {
  size_t line_number = 0;  // 1-based
  std::string line;        // as in the file
  size_t column = 0;       // caret column within `line` (Invalid input only), else npos
  std::string message;     // "% Invalid input detected at '^' marker." / "% Incomplete command." / refusal
};

struct LoadReport {
  std::vector<LineError> errors;
  std::vector<std::string> notes;  // notes printed by accepted lines, and one note for verbatim blocks
  size_t lines_applied = 0;
  ChangeSet changes;               // what the commit changed
  bool committed = false;          // false only when subscribers refused everything
};

struct LoadOptions {
  const InterfaceInventory* inventory = nullptr;
  bool replace = false;  // true: start from an empty tree (`configure replace`); false: merge
};

[[nodiscard]] LoadReport load(ConfigStore& store, std::string_view text, const LoadOptions& opts = {});
// Parses into a candidate on top of `base` without committing (for `check` and `configure replace`).
[[nodiscard]] Snapshot parse_config(const CommandSet& set, const Snapshot& base, std::string_view text,
                                    const LoadOptions& opts, LoadReport& report);
// Same, and each accepted line is also checked by `per_line`'s subscribers (slow path of load()).
[[nodiscard]] Snapshot parse_config_checked(const CommandSet& set, const Snapshot& base, std::string_view text,
                                            const LoadOptions& opts, LoadReport& report,
                                            const ConfigStore* per_line);
// "FILE:LINE: % message\nLINE\n    ^\n" as the cli prints it.
[[nodiscard]] std::string format_error(std::string_view file, const LineError& e);

}  // namespace ravelin::grammar::config
