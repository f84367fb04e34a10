#pragma once
// Loading config text into a store (boot, `copy startup-config running-config`, `configure replace`,
// `ravelin check`) and turning grammar's per-line errors into the cli's report (cli/load_report.hpp).
#include <string>
#include <string_view>

#include "cli/load_report.hpp"
#include "grammar/config/load.hpp"
#include "grammar/config/store.hpp"

namespace ravelin::cli {

[[nodiscard]] LoadSummary summary_of(const grammar::config::LoadReport& report);

// Merges `text` (headers stripped) into the running-config: good lines are kept, bad ones reported.
[[nodiscard]] LoadSummary merge_config_text(grammar::config::ConfigStore& store, std::string_view text,
                                            const grammar::InterfaceInventory* inventory);

// Parses `text` into a fresh tree without touching the running-config (`check`, `configure replace`).
struct ParsedConfig {
  grammar::config::Snapshot candidate;
  LoadSummary summary;
};
[[nodiscard]] ParsedConfig parse_config_text(const grammar::config::ConfigStore& store, std::string_view text,
                                             const grammar::InterfaceInventory* inventory);

}  // namespace ravelin::cli
