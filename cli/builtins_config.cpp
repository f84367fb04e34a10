// Config-mode builtins: hostname, enable secret/password, and exit/end/do in every config mode.
#include <cctype>
#include <string>

#include "cli/builtins.hpp"
#include "cli/secret.hpp"
#include "cli/session_control.hpp"
#include "grammar/config/store.hpp"
#include "grammar/interpreter.hpp"

namespace ravelin::cli {
namespace {

using grammar::ExecContext;

// IOS's refusal of a type 8/9 string that is not a valid hash [K].
std::string bad_hash_message(const std::string& type) {
  return "ERROR: The secret you entered is not a valid encrypted secret.\n"
         "To enter an UNENCRYPTED secret, do not specify type " + type + " encryption.\n"
         "When you properly enter an UNENCRYPTED secret, it will be encrypted.";
}

// RFC 1123 host names, as IOS checks them: letters, digits and '-', a letter first, at most 63 [K].
Status valid_hostname(const grammar::ValidateContext& c) {
  if (c.negate) return {};
  std::string n = c.args.text("name");
  bool ok = !n.empty() && n.size() <= 63 && std::isalpha(static_cast<unsigned char>(n[0])) != 0 && n.back() != '-';
  for (char ch : n) ok = ok && (std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '-');
  if (ok) return {};
  return make_error("% Hostname contains one or more illegal characters.");
}

constexpr const char* kEnableHelp = "Modify enable password parameters";

Status valid_hash(const grammar::ValidateContext& c) {
  if (c.negate) return {};
  std::string type = c.args.text("type");
  std::string hash = c.args.text("hash");
  if ((type == "9" && is_type9_secret(hash)) || (type == "8" && is_type8_secret(hash))) return {};
  return make_error(bad_hash_message(type));
}

// `enable secret [0] TEXT`: the plain text never reaches the tree; the type 9 leaf is set instead.
Status set_enable_secret(ExecContext& ctx) {
  if (auto* sc = ctx.services.get<SessionControl>()) sc->redact_current_line("enable secret 0 *****");
  if (ctx.store == nullptr) return {};  // check-only interpreter: nothing to store
  const grammar::Decl* leaf = ctx.commands.top_level("enable secret");
  if (leaf == nullptr) return make_error("% enable secret is not available");
  auto hashed = make_type9_secret(ctx.args.text("plain"));
  if (!hashed.ok()) return make_error("% " + hashed.error().message);
  grammar::config::Edit e;
  e.target = leaf;
  e.args.set("type", grammar::Value("9"));
  e.args.set("hash", grammar::Value(*hashed));
  e.words = "enable secret 9 " + *hashed;
  auto r = ctx.store->apply(e);
  if (!r.ok()) return r.error();
  ctx.out += r->notes;
  return {};
}

void register_mode_navigation(grammar::CommandSet& set) {
  set.add_to_config_modes("exit", [](ExecContext& ctx) -> Status {
    ctx.session.exit_one();
    return {};
  }, {.privilege = 15, .help = {{"exit", "Exit from configure mode"}}});
  set.add_to_config_modes("end", [](ExecContext& ctx) -> Status {
    ctx.session.to_exec();
    return {};
  }, {.privilege = 15, .help = {{"end", "Exit from configure mode"}}});
  set.add_to_config_modes("do LINE$line", [](ExecContext& ctx) -> Status {
    auto* sc = ctx.services.get<SessionControl>();
    if (sc == nullptr) return make_error("% do is not available here");
    if (!sc->run_exec_line(ctx.args.text("line"), ctx.out)) return make_error("");
    return {};
  }, {.privilege = 15, .help = {{"do", "To run exec commands in config mode"}, {"$line", "Exec Command"}}});
}

}  // namespace

void register_config_builtins(grammar::CommandSet& set, const BuiltinOptions& opts) {
  set.help("hostname", "Set system's network name");
  set.leaf("hostname WORD$name", {.dflt = grammar::Value(opts.default_hostname),
                                  .show_default = true,
                                  .rank = -100,
                                  .help = {{"$name", "This system's network name"}},
                                  .validate = valid_hostname});
  if (set.dialect() == grammar::Dialect::Ios) {
    // Two alternatives after `secret`, so that `no enable secret` may stop there (GRAMMAR.md).
    set.leaf("enable secret {8|9}$type WORD$hash",
             {.id = "enable secret",
              .rank = -90,
              .help = {{"enable", kEnableHelp},
                       {"secret", "Assign the privileged level secret (MAX of 25 characters)"},
                       {"8", "Specifies a PBKDF2 hashed secret will follow"},
                       {"9", "Specifies a SCRYPT-hashed secret will follow"},
                       {"$hash", "The SCRYPT-hashed enable secret string"}},
              .validate = valid_hash});
    set.config().action("enable secret [0] LINE$plain", set_enable_secret,
                        {.help = {{"enable", kEnableHelp},
                                  {"secret", "Assign the privileged level secret (MAX of 25 characters)"},
                                  {"0", "Specifies an UNENCRYPTED password will follow"},
                                  {"$plain", "The UNENCRYPTED (cleartext) 'enable' secret"}}});
    set.leaf("enable password [0] LINE$password",
             {.id = "enable password",
              .rank = -89,
              .help = {{"enable", kEnableHelp},
                       {"password", "Assign the privileged level password (MAX of 25 characters)"},
                       {"0", "Specifies an UNENCRYPTED password will follow"},
                       {"$password", "The UNENCRYPTED (cleartext) 'enable' password"}},
              .render = [](const grammar::config::Node& n, const grammar::config::RenderOptions&) {
                return "enable password " + n.args().text("password");
              }});
  }
  register_mode_navigation(set);
}

std::string hostname_of(const grammar::config::Snapshot& running, std::string_view dflt) {
  if (!running.valid()) return std::string(dflt);
  auto v = running.root().value("hostname", "name");
  return v ? v->text() : std::string(dflt);
}

bool enable_password_set(const grammar::config::Snapshot& running) {
  if (!running.valid()) return false;
  return running.root().find("enable secret") != nullptr || running.root().find("enable password") != nullptr;
}

bool enable_password_matches(const grammar::config::Snapshot& running, std::string_view typed) {
  if (!running.valid()) return true;
  // An enable secret, when set, is the only thing checked (IOS ignores `enable password` then).
  if (const auto* s = running.root().find("enable secret")) return verify_secret(s->args().text("hash"), typed);
  if (const auto* p = running.root().find("enable password")) return p->args().text("password") == typed;
  return true;
}

}  // namespace ravelin::cli
