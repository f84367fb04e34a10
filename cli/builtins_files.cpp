// Config-file builtins: show running-config / startup-config, write memory, copy, configure replace.
#include <string>

#include "cli/atomic_file.hpp"
#include "cli/builtins.hpp"
#include "cli/config_file.hpp"
#include "cli/running_config.hpp"
#include "cli/session_control.hpp"
#include "grammar/config/store.hpp"
#include "grammar/interpreter.hpp"

namespace ravelin::cli {
namespace {

using grammar::ExecContext;

// IOS reports NVRAM use against its size; ravelin has a file, so this is only the figure IOS shows.
constexpr std::size_t kNvramBytes = 33554432;

const SystemInfo* system_of(const ExecContext& ctx) { return ctx.services.get<SystemInfo>(); }

Status no_startup_file() {
  return make_error("%Error opening nvram:startup-config (No such file: start ravelin with --startup-config FILE)");
}

Status save_running(const SystemInfo* sys, const grammar::config::ConfigStore& store, std::string& out) {
  if (sys == nullptr || !sys->startup_path) return no_startup_file();
  out += "Building configuration...\n";
  Status s = write_file_atomic(*sys->startup_path, startup_config_text(store.running(), dialect_of(store.commands())));
  if (!s.ok()) return make_error("%Error writing startup-config (" + s.error().message + ")");
  out += "[OK]\n";
  return {};
}

Status show_running(ExecContext& ctx) {
  if (ctx.store == nullptr) return {};
  ctx.out += show_running_config_text(ctx.store->running(), dialect_of(ctx.commands));
  return {};
}

Status show_startup(ExecContext& ctx) {
  const auto* sys = system_of(ctx);
  auto text = (sys && sys->startup_path) ? read_whole_file(*sys->startup_path) : Result<std::string>(Error{});
  if (!text.ok()) {
    ctx.out += "startup-config is not present\n";
    return {};
  }
  ctx.out += "Using " + std::to_string(text->size()) + " out of " + std::to_string(kNvramBytes) + " bytes\n";
  ctx.out += *text;
  if (!text->empty() && text->back() != '\n') ctx.out += "\n";
  return {};
}

Status write_memory(ExecContext& ctx) {
  if (ctx.store == nullptr) return {};
  return save_running(system_of(ctx), *ctx.store, ctx.out);
}

bool is_default_answer(std::string_view answer, std::string_view name) {
  while (!answer.empty() && answer.back() == ' ') answer.remove_suffix(1);
  while (!answer.empty() && answer.front() == ' ') answer.remove_prefix(1);
  return answer.empty() || answer == name || answer == "nvram:" + std::string(name);
}

// `copy running-config startup-config`: IOS confirms the destination first [V X3b].
Status copy_run_start(ExecContext& ctx) {
  auto* sc = ctx.services.get<SessionControl>();
  if (ctx.store == nullptr || sc == nullptr) return {};
  const grammar::config::ConfigStore* store = ctx.store;
  const SystemInfo* sys = system_of(ctx);
  sc->ask(Question{"Destination filename [startup-config]? ", false,
                   [store, sys](std::string_view answer, std::string& out, bool& rejected) {
                     if (!is_default_answer(answer, "startup-config")) {
                       out += "%Error: only startup-config can be written\n";
                       rejected = true;
                       return;
                     }
                     Status s = save_running(sys, *store, out);
                     if (!s.ok()) {
                       out += s.error().message + "\n";
                       rejected = true;
                     }
                   }});
  return {};
}

}  // namespace

// Defined in builtins_replace.cpp.
Status copy_start_run(ExecContext& ctx);
Status configure_replace(ExecContext& ctx);

void register_file_builtins(grammar::CommandSet& set) {
  auto exec = set.exec();
  exec.add("show running-config", show_running,
           {.privilege = 15, .help = {{"running-config", "Current operating configuration"}}});
  exec.add("show startup-config", show_startup,
           {.privilege = 15, .help = {{"startup-config", "Contents of startup configuration"}}});
  exec.add("write [memory]", write_memory,
           {.privilege = 15,
            .help = {{"write", "Write running configuration to memory, network, or terminal"},
                     {"memory", "Write to NV memory"}}});
  exec.add("copy running-config startup-config", copy_run_start,
           {.privilege = 15,
            .help = {{"copy", "Copy from one file to another"},
                     {"running-config", "Copy from current system configuration"},
                     {"startup-config", "Copy to startup configuration"}}});
  exec.add("copy startup-config running-config", copy_start_run,
           {.privilege = 15,
            .help = {{"copy", "Copy from one file to another"},
                     {"startup-config", "Copy from startup configuration"},
                     {"running-config", "Update (merge with) current system configuration"}}});
  exec.add("configure replace WORD$file [force]$force", configure_replace,
           {.privilege = 15,
            .help = {{"configure", "Enter configuration mode"},
                     {"replace", "Replace the running-config with a new config file"},
                     {"$file", "File to replace the running-config with (nvram:startup-config or a path)"},
                     {"force", "Replace without asking for confirmation"}}});
}

}  // namespace ravelin::cli
