// `copy startup-config running-config` (merge) and `configure replace FILE [force]` (the difference).
#include <string>

#include "cli/atomic_file.hpp"
#include "cli/builtins.hpp"
#include "cli/config_file.hpp"
#include "cli/session_control.hpp"
#include "grammar/config/store.hpp"
#include "grammar/interpreter.hpp"

namespace ravelin::cli {
namespace {

using grammar::ExecContext;

// IOS's confirmation for `configure replace` without `force` [K: wording from IOS 12.4+ captures].
constexpr const char* kReplaceQuestion =
    "This will apply all necessary additions and deletions\n"
    "to replace the current running configuration with the\n"
    "contents of the specified configuration file, which is\n"
    "assumed to be a complete configuration, not a partial\n"
    "configuration. Enter Y if you are sure you want to proceed. ? [no]: ";

std::string trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// `nvram:startup-config` / `startup-config` is the startup file; `flash:X` and `file:X` are paths.
Result<std::string> resolve_file(std::string_view name, const SystemInfo* sys) {
  if (name == "startup-config" || name == "nvram:startup-config") {
    if (sys == nullptr || !sys->startup_path) return make_error("%Error opening nvram:startup-config (No such file)");
    return *sys->startup_path;
  }
  for (std::string_view prefix : {"flash:", "file:", "disk0:"}) {
    if (name.substr(0, prefix.size()) == prefix) return std::string(name.substr(prefix.size()));
  }
  return std::string(name);
}

void replace_now(grammar::config::ConfigStore& store, const grammar::config::Snapshot& candidate, std::string& out,
                 bool& rejected) {
  auto r = store.commit(candidate);
  if (!r.ok()) {
    out += r.error().message + "\n";
    rejected = true;
    return;
  }
  out += "Total number of passes: 1\nRollback Done\n\n";
}

}  // namespace

bool merge_startup_config(grammar::config::ConfigStore& store, const SystemInfo* sys, std::string& out) {
  if (sys == nullptr || !sys->startup_path) {
    out += "%Error opening nvram:startup-config (No such file)\n";
    return false;
  }
  auto text = read_whole_file(*sys->startup_path);
  if (!text.ok()) {
    out += "%Error opening nvram:startup-config (" + text.error().message + ")\n";
    return false;
  }
  LoadSummary s = merge_config_text(store, *text, sys->interface_names);
  out += format_load_report(*sys->startup_path, s);
  return s.clean();
}

Status copy_start_run(ExecContext& ctx) {
  auto* sc = ctx.services.get<SessionControl>();
  if (ctx.store == nullptr || sc == nullptr) return {};
  const SystemInfo* sys = ctx.services.get<SystemInfo>();
  grammar::config::ConfigStore* store = ctx.store;
  sc->ask(Question{"Destination filename [running-config]? ", false,
                   [store, sys](std::string_view answer, std::string& out, bool& rejected) {
                     std::string a = trimmed(answer);
                     if (!a.empty() && a != "running-config" && a != "system:running-config") {
                       out += "%Error: only running-config can be the destination\n";
                       rejected = true;
                       return;
                     }
                     rejected = !merge_startup_config(*store, sys, out);
                   }});
  return {};
}

Status configure_replace(ExecContext& ctx) {
  auto* sc = ctx.services.get<SessionControl>();
  if (ctx.store == nullptr || sc == nullptr) return {};
  const SystemInfo* sys = ctx.services.get<SystemInfo>();
  auto path = resolve_file(ctx.args.text("file"), sys);
  if (!path.ok()) return path.error();
  auto text = read_whole_file(*path);
  if (!text.ok()) return make_error("%Error opening " + ctx.args.text("file") + " (" + text.error().message + ")");
  ParsedConfig parsed = parse_config_text(*ctx.store, *text, sys ? sys->interface_names : nullptr);
  if (!parsed.summary.clean()) {
    // Replacing with part of a file would drop whatever the bad lines meant: refuse as a whole.
    ctx.out += format_load_report(*path, parsed.summary);
    return make_error("% Configuration replace aborted: the running-config is unchanged");
  }
  grammar::config::ConfigStore* store = ctx.store;
  if (ctx.args.flag("force")) {
    bool rejected = false;
    replace_now(*store, parsed.candidate, ctx.out, rejected);
    return rejected ? Status(make_error("")) : Status();
  }
  grammar::config::Snapshot candidate = parsed.candidate;
  sc->ask(Question{kReplaceQuestion, false, [store, candidate](std::string_view answer, std::string& out, bool& rejected) {
                     std::string a = trimmed(answer);
                     if (a == "y" || a == "Y" || a == "yes" || a == "Yes" || a == "YES") {
                       replace_now(*store, candidate, out, rejected);
                     }
                   }});
  return {};
}

}  // namespace ravelin::cli
