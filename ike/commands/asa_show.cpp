// ASA `show running-config crypto` and `show running-config tunnel-group [NAME]`: the matching part of
// the running-config, keys shown as ***** (cisco-cli.md §3.3).
#include <string>

#include "grammar/config/render.hpp"
#include "ike/commands/commands.hpp"
#include "ike/commands/show_util.hpp"

namespace ravelin::ike::commands {

namespace {

Status show_run_section(grammar::ExecContext& ctx, std::string_view prefix) {
  const auto* root = running_root(ctx);
  if (root == nullptr) return {};
  grammar::config::RenderOptions opts{.mask_secrets = true, .separators = false};
  std::string want = ctx.args.text("name");
  for (const auto* n : root->children()) {
    if (n->id().rfind(prefix, 0) != 0) continue;
    if (!want.empty() && n->args().text("name") != want) continue;
    grammar::config::render_node(*n, 0, opts, ctx.out);
  }
  return {};
}

}  // namespace

void declare_asa_shows(grammar::CommandSet& s) {
  grammar::Help h = {{"show", "Show running system information"},
                     {"running-config", "Show the current operating configuration"},
                     {"crypto", "Show crypto configuration"},
                     {"tunnel-group", "Show tunnel-group configuration"}};
  s.exec().add("show running-config crypto",
               [](grammar::ExecContext& ctx) { return show_run_section(ctx, "crypto "); },
               {.privilege = 15, .help = h});
  s.exec().add("show running-config tunnel-group [WORD$name]",
               [](grammar::ExecContext& ctx) { return show_run_section(ctx, "tunnel-group"); },
               {.privilege = 15, .help = h});
}

}  // namespace ravelin::ike::commands
