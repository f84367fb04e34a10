// declare_ios_operations / declare_asa_operations (operations.hpp): the show family of the running
// process, plus the clear and debug families.
#include "ike/commands/operations.hpp"
#include "ike/commands/show_common.hpp"
#include "ike/commands/show_diagnose.hpp"
#include "ike/commands/show_ipsec_sa.hpp"
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
    const OperationalView v = view_of(*dp, ops::map_interfaces(ctx), ops::map_acls(ctx));
    const SettingsOf settings = [cfg = v.config](const engine::IkeSaSnapshot& sa) {
      return ops::settings_for(cfg.get(), sa);
    };
    ctx.out += render(v, settings, ctx.args);
    return {};
  };
}

IpsecSaFilter ipsec_filter(const grammar::Args& a) {
  IpsecSaFilter f;
  if (a.has("peer")) f.peer = a.address("peer");
  if (a.has("map")) f.map = a.text("map");
  f.detail = a.has("detail");
  return f;
}

grammar::Help ipsec_help() {
  return {{"ipsec", "Show IPSEC info"},
          {"sa", "IPSEC SA table"},
          {"peer", "Show SAs of one peer"},
          {"map", "Show SAs of one crypto map"},
          {"detail", "Show detailed IPSEC SA information"},
          {"$peer", "Peer IP address"},
          {"$map", "Crypto map name"}};
}

// Both dialects (ravelin's extension): recent engine events with the reason of each failure.
void declare_diagnose(grammar::CommandSet& s) {
  s.exec().add("show crypto ikev2 diagnose [error]$error",
               [](grammar::ExecContext& ctx) -> Status {
                 const auto* dp = ops::dataplane(ctx);
                 if (dp == nullptr) return {};
                 ctx.out += format_ikev2_diagnose(dp->recent_events(), ctx.args.has("error"));
                 return {};
               },
               {.privilege = 15,
                .help = {{"diagnose", "Shows why recent IKEv2 negotiations failed (ravelin)"},
                         {"error", "Failures only, each with its reason"}}});
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
  ex.add("show crypto ipsec sa [{peer {A.B.C.D|X:X::X:X}$peer|map WORD$map}] [detail$detail]",
         view_handler([](const OperationalView& v, const SettingsOf&, const grammar::Args& a) {
           return format_ios_ipsec_sa(v, ipsec_filter(a));
         }),
         {.privilege = 15, .help = ipsec_help()});
  declare_diagnose(s);
  declare_ios_clear(s);
  declare_ios_debug(s);
}

void declare_asa_operations(grammar::CommandSet& s) {
  declare_ikev2_sa_show(s, grammar::Dialect::Asa);
  s.exec().add("show crypto ipsec sa [{peer {A.B.C.D|X:X::X:X}$peer|map WORD$map}]",
               view_handler([](const OperationalView& v, const SettingsOf&, const grammar::Args& a) {
                 return format_asa_ipsec_sa(v, ipsec_filter(a));
               }),
               {.privilege = 15, .help = ipsec_help()});
  declare_diagnose(s);
  declare_asa_clear(s);
  declare_asa_debug(s);
}

}  // namespace ravelin::ike::commands
