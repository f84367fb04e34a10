#pragma once
// The texts around grammar's rendered tree: `show running-config` (IOS "Building configuration..."
// header, ASA ": Saved" header), the startup-config file that `write memory` saves, and the
// clean-up of such texts before they are loaded again (headers are not commands).
#include <string>
#include <string_view>

#include "cli/options.hpp"
#include "grammar/config/node.hpp"

namespace ravelin::cli {

// What `write memory` saves and `show startup-config` shows after "Using N out of M bytes".
[[nodiscard]] std::string startup_config_text(const grammar::config::Snapshot& running, Dialect d);
// `show running-config`: the header, then startup_config_text().
[[nodiscard]] std::string show_running_config_text(const grammar::config::Snapshot& running, Dialect d);

// The config text with header and trailer lines (Building configuration..., Current configuration,
// Using N out of M, ASA ': ' comments and `ASA Version`, a final `end`) blanked, so that line
// numbers stay those of the file.
[[nodiscard]] std::string strip_config_headers(std::string_view text);

// The dialect a config text is written in: ASA when an `ASA Version` line comes before any command,
// or when any line is one only the ASA has (`tunnel-group`, `nameif`, `crypto ikev2 enable`, ...);
// else `fallback`.
[[nodiscard]] Dialect detect_dialect(std::string_view text, Dialect fallback);

// The version the ASA header claims (ravelin speaks the 9.x syntax).
inline constexpr const char* kAsaVersionLine = "ASA Version 9.8(4)";

}  // namespace ravelin::cli
