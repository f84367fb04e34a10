// declare_ios_operations / declare_asa_operations (operations.hpp): the show family of the running
// process, plus the clear and debug families.
#include "ike/commands/operations.hpp"
#include "ike/commands/show_common.hpp"
#include "ike/commands/show_session.hpp"

namespace ravelin::ike::commands {

namespace {

grammar::Help ios_help() {
  return {{"show", "Show running system information"},
          {"crypto", "Encryption module"},
          {"ikev2", "Shows ikev2 information"},
          {"session", "Shows ikev2 active sessions"},
          {"detailed", "detailed output"},
          {"detail", "detailed output"}};
}

// A show handler over the process's OperationalView; nothing when there is no Dataplane.
template <typename Render>
grammar::ExecHandler view_handler(Render render) {
  return [render](grammar::ExecContext& ctx) -> Status {
    auto* dp = ops::dataplane(ctx);
    if (dp == nullptr) return {};
    const OperationalView v = view_of(*dp, ops::map_interfaces(ctx));
    const SettingsOf settings = [cfg = v.config](const engine::IkeSaSnapshot& sa) {
      return ops::settings_for(cfg.get(), sa);
    };
    ctx.out += render(v, settings, ctx.args);
    return {};
  };
}

}  // namespace

void declare_ios_operations(grammar::CommandSet& s) {
  declare_ikev2_sa_show(s, grammar::Dialect::Ios);
  auto ex = s.exec();
  const grammar::ActionOptions o{.privilege = 15, .help = ios_help()};
  ex.add("show crypto ikev2 session [detailed]$detail",
         view_handler([](const OperationalView& v, const SettingsOf& st, const grammar::Args& a) {
           return format_ios_ikev2_session(v, a.has("detail"), st);
         }),
         o);
  ex.add("show crypto session [detail]$detail",
         view_handler([](const OperationalView& v, const SettingsOf& st, const grammar::Args& a) {
           return format_ios_crypto_session(v, a.has("detail"), st);
         }),
         {.privilege = 15, .help = {{"session", "Show crypto sessions (tunnels)"}, {"detail", "Show detailed information"}}});
  declare_ios_clear(s);
  declare_ios_debug(s);
}

void declare_asa_operations(grammar::CommandSet& s) {
  declare_ikev2_sa_show(s, grammar::Dialect::Asa);
  declare_asa_clear(s);
  declare_asa_debug(s);
}

}  // namespace ravelin::ike::commands
