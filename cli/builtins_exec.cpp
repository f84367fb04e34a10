// EXEC builtins: enable/disable, exit/logout, configure [terminal], terminal length, terminal
// [no] monitor, show version, show history, show privilege.
#include <cctype>
#include <chrono>
#include <string>

#include "cli/builtins.hpp"
#include "cli/monitor.hpp"
#include "cli/session_control.hpp"
#include "grammar/config/store.hpp"
#include "grammar/interpreter.hpp"
#include "platform/version.hpp"

namespace ravelin::cli {
namespace {

using grammar::ExecContext;

constexpr int kEnableTries = 3;

// Asks `Password: ` up to three times; IOS says `% Bad secrets` after the third miss [K].
void ask_enable_password(SessionControl* sc, const grammar::config::ConfigStore* store, int attempt) {
  sc->ask(Question{"Password: ", true, [sc, store, attempt](std::string_view typed, std::string& out, bool& rejected) {
                     if (enable_password_matches(store->running(), typed)) {
                       sc->set_privilege(15);
                       return;
                     }
                     if (attempt < kEnableTries) {
                       ask_enable_password(sc, store, attempt + 1);
                       return;
                     }
                     out += "% Bad secrets\n\n";
                     rejected = true;
                   }});
}

Status enable(ExecContext& ctx) {
  auto* sc = ctx.services.get<SessionControl>();
  if (sc == nullptr) return make_error("% enable is not available here");
  if (ctx.session.facts.privilege >= 15) return {};
  if (ctx.store == nullptr || !enable_password_set(ctx.store->running())) {
    sc->set_privilege(15);
    return {};
  }
  ask_enable_password(sc, ctx.store, 1);
  return {};
}

void enter_config(grammar::SessionState& st, const grammar::CommandSet& set, std::string& out) {
  st.enter_config(set);
  // IOS prints the banner (two spaces after "line.") [V X4]; the ASA prints nothing.
  if (set.dialect() == grammar::Dialect::Ios) out += "Enter configuration commands, one per line.  End with CNTL/Z.\n";
}

bool is_prefix_of(std::string_view typed, std::string_view word) {
  if (typed.size() > word.size()) return false;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(typed[i])) != word[i]) return false;
  }
  return true;
}

// Plain `configure` asks where from first [V X2]: an empty answer or a prefix of `terminal` enters
// config mode, `memory` merges the startup-config (as `copy startup-config running-config`), and
// anything else gets IOS's `?Must be ...` [K]. Configuring from the network is not implemented.
Status configure_ask(ExecContext& ctx) {
  auto* sc = ctx.services.get<SessionControl>();
  if (sc == nullptr) {
    enter_config(ctx.session, ctx.commands, ctx.out);
    return {};
  }
  grammar::SessionState* st = &ctx.session;
  const grammar::CommandSet* set = &ctx.commands;
  grammar::config::ConfigStore* store = ctx.store;
  const SystemInfo* sys = ctx.services.get<SystemInfo>();
  sc->ask(Question{"Configuring from terminal, memory, or network [terminal]? ", false,
                   [st, set, store, sys](std::string_view typed, std::string& out, bool& rejected) {
                     while (!typed.empty() && typed.front() == ' ') typed.remove_prefix(1);
                     while (!typed.empty() && (typed.back() == ' ' || typed.back() == '\r')) typed.remove_suffix(1);
                     if (is_prefix_of(typed, "terminal")) {
                       enter_config(*st, *set, out);
                     } else if (is_prefix_of(typed, "memory")) {
                       rejected = store == nullptr || !merge_startup_config(*store, sys, out);
                     } else if (is_prefix_of(typed, "network")) {
                       out += "%Error: configuring from the network is not supported\n";
                       rejected = true;
                     } else {
                       out += "?Must be \"terminal\", \"memory\" or \"network\"\n";
                       rejected = true;
                     }
                   }});
  return {};
}

Status close_session(ExecContext& ctx) {
  if (auto* sc = ctx.services.get<SessionControl>()) sc->close();
  return {};
}

std::string plural(int64_t n, const char* unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

// IOS style: "1 week, 2 days, 3 hours, 4 minutes" (zero units left out; "0 minutes" at least).
std::string uptime_text(platform::Duration d) {
  int64_t minutes = std::chrono::duration_cast<std::chrono::minutes>(d).count();
  const int64_t parts[] = {minutes / (7 * 24 * 60), minutes / (24 * 60) % 7, minutes / 60 % 24, minutes % 60};
  const char* units[] = {"week", "day", "hour", "minute"};
  std::string out;
  for (int i = 0; i < 4; ++i) {
    if (parts[i] == 0) continue;
    if (!out.empty()) out += ", ";
    out += plural(parts[i], units[i]);
  }
  return out.empty() ? "0 minutes" : out;
}

Status show_version(ExecContext& ctx) {
  const auto* sys = ctx.services.get<SystemInfo>();
  Dialect d = dialect_of(ctx.commands);
  std::string host = ctx.store ? hostname_of(ctx.store->running(), default_hostname(d)) : default_hostname(d);
  ctx.out += std::string("Ravelin Software (") + (d == Dialect::Asa ? "ASA" : "IOS") + " dialect), Version " +
             version_string() + "\n";
  ctx.out += "IKEv2 control plane for Linux routers; kernel IPsec over XFRM netlink\n\n";
  if (sys != nullptr && sys->clock != nullptr) {
    ctx.out += host + " uptime is " + uptime_text(sys->clock->now() - sys->started) + "\n";
  }
  if (sys != nullptr) {
    ctx.out += "System image file is \"" + sys->image_path + "\"\n";
    ctx.out += sys->startup_path ? "Configuration file is \"" + *sys->startup_path + "\"\n"
                                 : std::string("No configuration file (started without --startup-config)\n");
  }
  if (sys != nullptr && sys->inventory != nullptr) {
    const auto& e = sys->inventory->entries();
    ctx.out += "\n" + plural(static_cast<int64_t>(e.size()), "interface") + (e.empty() ? "\n" : ":\n");
    for (const auto& i : e) {
      ctx.out += "  " + i.name + (i.name == i.linux_dev ? "" : " (" + i.linux_dev + ")") + "\n";
    }
  }
  return {};
}

Status show_history(ExecContext& ctx) {
  if (const auto* sc = ctx.services.get<SessionControl>()) {
    for (const auto& l : sc->history()) ctx.out += "  " + l + "\n";
  }
  return {};
}

// `terminal [no] monitor`: log and debug lines to this vty (cli/monitor.hpp). IOS answers the
// console's `terminal monitor` with "% Console already monitors" [K]; the console always sees logs.
Status terminal_monitor(ExecContext& ctx, bool on) {
  auto* monitor = ctx.services.get<Monitor>();
  auto* self = ctx.services.get<MonitorTarget>();
  if (monitor == nullptr || self == nullptr || !monitor->set_monitoring(*self, on)) {
    return make_error("% Terminal monitor is not available in this process");
  }
  if (on && monitor->is_console(*self)) ctx.out += "% Console already monitors\n";
  return {};
}

void register_monitor_commands(grammar::CommandSet& set) {
  auto exec = set.exec();
  exec.add("terminal monitor", [](ExecContext& ctx) { return terminal_monitor(ctx, true); },
           {.privilege = 15,
            .help = {{"terminal", "Set terminal line parameters"},
                     {"monitor", "Copy debug output to the current terminal line"}}});
  exec.add("terminal no monitor", [](ExecContext& ctx) { return terminal_monitor(ctx, false); },
           {.privilege = 15,
            .help = {{"terminal", "Set terminal line parameters"},
                     {"no", "Negate a command or set its defaults"},
                     {"monitor", "Copy debug output to the current terminal line"}}});
}

void register_session_commands(grammar::CommandSet& set) {
  auto exec = set.exec();
  exec.add("enable", enable, {.privilege = 1, .help = {{"enable", "Turn on privileged commands"}}});
  exec.add("disable", [](ExecContext& ctx) -> Status {
    if (auto* sc = ctx.services.get<SessionControl>()) sc->set_privilege(1);
    return {};
  }, {.privilege = 1, .help = {{"disable", "Turn off privileged commands"}}});
  exec.add("exit", close_session, {.privilege = 1, .help = {{"exit", "Exit from the EXEC"}}});
  exec.add("logout", close_session, {.privilege = 1, .help = {{"logout", "Exit from the EXEC"}}});
  exec.add("configure terminal", [](ExecContext& ctx) -> Status {
    enter_config(ctx.session, ctx.commands, ctx.out);
    return {};
  }, {.privilege = 15, .help = {{"configure", "Enter configuration mode"}, {"terminal", "Configure from the terminal"}}});
  if (set.dialect() == grammar::Dialect::Ios) {
    exec.add("configure", configure_ask, {.privilege = 15, .help = {{"configure", "Enter configuration mode"}}});
  }
  exec.add("terminal length <0-512>$lines", [](ExecContext& ctx) -> Status {
    ctx.session.facts.terminal_length = static_cast<int>(ctx.args.number("lines"));
    return {};
  }, {.privilege = 1,
      .help = {{"terminal", "Set terminal line parameters"},
               {"length", "Set number of lines on a screen"},
               {"$lines", "Number of lines on screen (0 for no pausing)"}}});
}

}  // namespace

void register_exec_builtins(grammar::CommandSet& set) {
  set.help("show", "Show running system information");
  register_session_commands(set);
  register_monitor_commands(set);
  auto exec = set.exec();
  exec.add("show version", show_version,
           {.privilege = 1, .help = {{"version", "System hardware and software status"}}});
  exec.add("show history", show_history,
           {.privilege = 1, .help = {{"history", "Display the session command history"}}});
  exec.add("show privilege", [](ExecContext& ctx) -> Status {
    ctx.out += "Current privilege level is " + std::to_string(ctx.session.facts.privilege) + "\n";
    return {};
  }, {.privilege = 1, .help = {{"privilege", "Show current privilege level"}}});
}

std::string default_hostname(Dialect d) { return d == Dialect::Asa ? "ciscoasa" : "Router"; }

Dialect dialect_of(const grammar::CommandSet& set) {
  return set.dialect() == grammar::Dialect::Asa ? Dialect::Asa : Dialect::Ios;
}

void register_builtins(grammar::CommandSet& set, const BuiltinOptions& opts) {
  register_exec_builtins(set);
  register_config_builtins(set, opts);
  register_file_builtins(set);
}

}  // namespace ravelin::cli
