#pragma once
// The shell's own commands, declared into a dialect's CommandSet like every other command:
//   EXEC:    enable, disable, exit, logout, configure terminal, configure replace FILE [force],
//            show running-config, show startup-config, show version, show history, show privilege,
//            write [memory], copy running-config startup-config, copy startup-config running-config,
//            terminal length <0-512>
//   config:  hostname WORD, enable secret [0] LINE | 9 HASH, enable password [0] LINE (IOS)
//   every config mode: exit, end, do LINE
// Handlers reach the session through cli::SessionControl and the process through cli::SystemInfo
// (cli/session_control.hpp), both found in ExecContext::services.
#include <string>
#include <string_view>

#include "cli/options.hpp"
#include "grammar/command_set.hpp"
#include "grammar/config/node.hpp"
#include "grammar/config/store.hpp"

namespace ravelin::cli {

struct SystemInfo;

struct BuiltinOptions {
  std::string default_hostname;  // "Router" (IOS) / "ciscoasa" (ASA) unless --hostname
};

[[nodiscard]] std::string default_hostname(Dialect d);
[[nodiscard]] Dialect dialect_of(const grammar::CommandSet& set);

// Declares every builtin into `set`.
void register_builtins(grammar::CommandSet& set, const BuiltinOptions& opts);

// The hostname in a running-config (the declared default when no `hostname` line).
[[nodiscard]] std::string hostname_of(const grammar::config::Snapshot& running, std::string_view dflt);

// True when `typed` opens privileged EXEC under `running`'s enable secret / password; also true
// when neither is set. `needs_password` tells whether a `Password:` question is due at all.
[[nodiscard]] bool enable_password_set(const grammar::config::Snapshot& running);
[[nodiscard]] bool enable_password_matches(const grammar::config::Snapshot& running, std::string_view typed);

// `copy startup-config running-config` / `configure memory`: merges the startup-config into the
// running one, printing the load report; false (and a `%Error` line) when it cannot be read or has problems.
bool merge_startup_config(grammar::config::ConfigStore& store, const SystemInfo* sys, std::string& out);

// Split registration (one file each).
void register_exec_builtins(grammar::CommandSet& set);
void register_config_builtins(grammar::CommandSet& set, const BuiltinOptions& opts);
void register_file_builtins(grammar::CommandSet& set);

}  // namespace ravelin::cli
