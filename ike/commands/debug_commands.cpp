// `debug crypto ikev2 ...`, `undebug all`, `show debugging` (IOS) and `debug crypto ikev2 protocol|platform`,
// `show debug` (ASA), plus our `debug crypto ikev2 keylog FILE` (cisco-cli.md §4.12; docs/OPERATIONS.md).
// The handlers only switch Dataplane state: the process routes the log lines of the enabled
// categories to the console and to every vty that ran `terminal monitor`.
#include "ike/commands/operations.hpp"
#include "ike/commands/show_common.hpp"

namespace ravelin::ike::commands {

namespace {

// IOS `debug crypto ikev2 packet|internal|error`: the word the confirmation line names; no word is
// "default" (packet, internal and error together).
std::string category_of(const grammar::Args& a) {
  for (const char* c : {"packet", "internal", "error"}) {
    if (a.has(c)) return c;
  }
  return "default";
}

void set_category(DebugFlags& f, const std::string& category, bool on) {
  if (category == "packet" || category == "default") f.packet = on;
  if (category == "internal" || category == "default") f.internal = on;
  if (category == "error" || category == "default") f.error = on;
}

Status ios_debug(grammar::ExecContext& ctx, bool on) {
  auto* dp = ops::dataplane(ctx);
  if (dp == nullptr) return {};
  const std::string category = category_of(ctx.args);
  DebugFlags f = dp->debug_flags();
  set_category(f, category, on);
  dp->set_debug_flags(f);
  ctx.out += "IKEv2 " + category + " debugging is " + (on ? "on" : "off") + "\n";
  return {};
}

Status all_off(grammar::ExecContext& ctx, bool announce) {
  auto* dp = ops::dataplane(ctx);
  if (dp == nullptr) return {};
  dp->set_debug_flags({});
  // The key log writes secrets: "all debugging off" must stop it too.
  if (dp->keylog_file()) {
    if (auto st = dp->set_keylog_file(std::nullopt); !st.ok()) return st;
  }
  if (announce) ctx.out += "All possible debugging has been turned off\n";
  return {};
}

Status keylog_on(grammar::ExecContext& ctx) {
  auto* dp = ops::dataplane(ctx);
  if (dp == nullptr) return {};
  const std::string file = ctx.args.text("file");
  if (auto st = dp->set_keylog_file(file); !st.ok()) return make_error("% IKEv2 key logging: " + st.error().message);
  ctx.out += "IKEv2 key logging is on (" + file + ")\n";
  ctx.out += "% Warning: the keys of every IKE and child SA established from now on are written to " + file + "\n";
  return {};
}

Status keylog_off(grammar::ExecContext& ctx) {
  auto* dp = ops::dataplane(ctx);
  if (dp == nullptr) return {};
  if (auto st = dp->set_keylog_file(std::nullopt); !st.ok()) return make_error("% IKEv2 key logging: " + st.error().message);
  ctx.out += "IKEv2 key logging is off\n";
  return {};
}

// ASA: `protocol` = the exchanges on the wire and their failures, `platform` = ravelin's internal
// decisions and kernel programming. The level (1-255) is accepted; ravelin has no finer levels.
Status asa_debug(grammar::ExecContext& ctx, bool on) {
  auto* dp = ops::dataplane(ctx);
  if (dp == nullptr) return {};
  DebugFlags f = dp->debug_flags();
  if (ctx.args.has("protocol")) {
    f.packet = on;
    f.error = on;
  } else {
    f.internal = on;
  }
  dp->set_debug_flags(f);
  return {};
}

Status show(grammar::ExecContext& ctx, bool asa) {
  auto* dp = ops::dataplane(ctx);
  if (dp == nullptr) return {};
  ctx.out += asa ? format_asa_debugging(dp->debug_flags(), dp->keylog_file())
                 : format_ios_debugging(dp->debug_flags(), dp->keylog_file());
  return {};
}

grammar::Help debug_help() {
  return {{"debug", "Debugging functions (see also 'undebug')"},
          {"undebug", "Disable debugging functions (see also 'debug')"},
          {"no", "Disable debugging functions"},
          {"all", "Enable all debugging"},
          {"crypto", "Cryptographic subsystem"},
          {"ikev2", "IKEv2 debugging"},
          {"packet", "IKEv2 Packet debugging"},
          {"internal", "IKEv2 Internal debugging"},
          {"error", "IKEv2 Error debugging"},
          {"protocol", "debug the IKEv2 protocol"},
          {"platform", "debug the IKEv2 platform interaction"},
          {"$level", "Specify an optional debug level (default is 1)"},
          {"keylog", "Write Wireshark key-log rows of new SAs to a file (ravelin)"},
          {"$file", "File the key-log rows are appended to (created 0600)"},
          {"debugging", "State of each debugging option"}};
}

}  // namespace

std::string format_ios_debugging(const DebugFlags& f, const std::optional<std::string>& keylog) {
  if (!f.packet && !f.internal && !f.error && !keylog) return "";
  std::string out = "Cryptographic Subsystem:\n";
  if (f.packet) out += "  IKEv2 packet debugging is on\n";
  if (f.internal) out += "  IKEv2 internal debugging is on\n";
  if (f.error) out += "  IKEv2 error debugging is on\n";
  if (keylog) out += "  IKEv2 key logging is on (" + *keylog + ")\n";
  return out;
}

std::string format_asa_debugging(const DebugFlags& f, const std::optional<std::string>& keylog) {
  std::string out;
  if (f.packet || f.error) out += "debug crypto ikev2 protocol\n";
  if (f.internal) out += "debug crypto ikev2 platform\n";
  if (keylog) out += "debug crypto ikev2 keylog " + *keylog + "\n";
  return out;
}

void declare_ios_debug(grammar::CommandSet& s) {
  const grammar::ActionOptions o{.privilege = 15, .help = debug_help()};
  auto ex = s.exec();
  const std::string cat = " [{packet$packet|internal$internal|error$error}]";
  ex.add("debug crypto ikev2" + cat, [](grammar::ExecContext& c) { return ios_debug(c, true); }, o);
  ex.add("no debug crypto ikev2" + cat, [](grammar::ExecContext& c) { return ios_debug(c, false); }, o);
  ex.add("undebug crypto ikev2" + cat, [](grammar::ExecContext& c) { return ios_debug(c, false); }, o);
  ex.add("debug crypto ikev2 keylog WORD$file", keylog_on, o);
  ex.add("no debug crypto ikev2 keylog", keylog_off, o);
  ex.add("undebug crypto ikev2 keylog", keylog_off, o);
  ex.add("undebug all", [](grammar::ExecContext& c) { return all_off(c, true); }, o);
  ex.add("no debug all", [](grammar::ExecContext& c) { return all_off(c, true); }, o);
  ex.add("show debugging", [](grammar::ExecContext& c) { return show(c, false); }, o);
}

void declare_asa_debug(grammar::CommandSet& s) {
  const grammar::ActionOptions o{.privilege = 15, .help = debug_help()};
  auto ex = s.exec();
  const std::string cat = " {protocol$protocol|platform$platform}";
  ex.add("debug crypto ikev2" + cat + " [<1-255>$level]", [](grammar::ExecContext& c) { return asa_debug(c, true); }, o);
  ex.add("no debug crypto ikev2" + cat + " [<1-255>$level]", [](grammar::ExecContext& c) { return asa_debug(c, false); }, o);
  ex.add("undebug crypto ikev2" + cat, [](grammar::ExecContext& c) { return asa_debug(c, false); }, o);
  ex.add("debug crypto ikev2 keylog WORD$file", keylog_on, o);
  ex.add("no debug crypto ikev2 keylog", keylog_off, o);
  ex.add("undebug all", [](grammar::ExecContext& c) { return all_off(c, false); }, o);
  ex.add("no debug all", [](grammar::ExecContext& c) { return all_off(c, false); }, o);
  ex.add("show debug", [](grammar::ExecContext& c) { return show(c, true); }, o);
}

}  // namespace ravelin::ike::commands
