#pragma once
// Small IOS and ASA command sets declared for the grammar tests (the real families live in ike/ and
// ipsec/). They exercise every kind of declaration the engine offers.
#include <memory>
#include <string>

#include "grammar/command_set.hpp"
#include "grammar/config/load.hpp"
#include "grammar/config/render.hpp"
#include "grammar/config/store.hpp"
#include "grammar/interpreter.hpp"

namespace ravelin::grammar::testing {

// A service a `show` handler reaches through ctx.services (stands in for the IKE engine).
struct FakeEngine {
  int sa_count = 0;
};

inline void declare_ios(CommandSet& s) {
  s.help("crypto", "Encryption module");
  s.help("ikev2", "Configure IKEv2 Parameters");
  s.leaf("hostname WORD$name", {.rank = -10, .help = {{"hostname", "Set system's network name"}}});
  auto prop = s.list("crypto ikev2 proposal WORD$name",
                     {.enters = "config-ikev2-proposal",
                      .help = {{"proposal", "Define IKEV2 proposals"}, {"$name", "Proposal name"}},
                      .note = created_note("IKEv2 proposal MUST either have a set of an encryption algorithm")});
  prop.leaf("encryption {aes-cbc-128|aes-cbc-192|aes-cbc-256|aes-gcm-128|aes-gcm-256}...$algs",
            {.help = {{"encryption", "Set encryption algorithm(s)"}, {"aes-cbc-128", "AES-CBC-128"},
                      {"aes-cbc-192", "AES-CBC-192"}, {"aes-cbc-256", "AES-CBC-256"},
                      {"aes-gcm-128", "Combined-mode, 128 bit key, 16 byte ICV"},
                      {"aes-gcm-256", "Combined-mode, 256 bit key, 16 byte ICV"}}});
  prop.leaf("integrity {md5|sha1|sha256|sha384|sha512}...$algs");
  prop.leaf("group {1|2|5|14|15|16|19|20|21|24}...$groups",
            {.help = {{"1", "DH 768 MODP"}, {"14", "DH 2048 MODP"}, {"19", "DH 256 ECP"}}});
  auto pol = s.list("crypto ikev2 policy WORD$name", enters("config-ikev2-policy"));
  pol.leaf_list("match address local A.B.C.D$addr", {.rank = -1});
  pol.leaf_list("proposal WORD$proposal", {.ref = "crypto ikev2 proposal",
                                           .ref_error = "% IKEv2 proposal %s does not exist"});
  auto kr = s.list("crypto ikev2 keyring WORD$name", enters("config-ikev2-keyring"));
  auto peer = kr.list("peer WORD$name", enters("config-ikev2-keyring-peer"));
  peer.leaf("address A.B.C.D$addr [M.M.M.M$mask]");
  peer.leaf("pre-shared-key LINE$key", {.mask = {"key"}});
  auto prof = s.list("crypto ikev2 profile WORD$name", enters("config-ikev2-profile"));
  prof.leaf("match identity remote address A.B.C.D$addr [M.M.M.M$mask]");
  prof.leaf("authentication local {pre-share|rsa-sig}$method", {.rank = 2});
  prof.leaf("authentication remote {pre-share|rsa-sig}$method", {.rank = 1});
  prof.leaf("keyring local WORD$keyring", {.ref = "crypto ikev2 keyring", .rank = 3});
  prof.leaf("lifetime <120-86400>$seconds", {.dflt = 86400, .rank = 4});
  prof.leaf("dpd <10-3600>$interval <2-60>$retry {on-demand|periodic}$mode", {
      .rank = 5,
      .validate = [](const ValidateContext& c) -> Status {
        if (c.args.number("retry") * 3 > c.args.number("interval") * 10) {
          return make_error("% DPD retry must not exceed three times the interval");
        }
        return {};
      }});
  s.leaf("crypto ikev2 dpd <10-3600>$interval <2-60>$retry {on-demand|periodic}$mode", {.id = "crypto ikev2 dpd"});
  auto ts = s.list("crypto ipsec transform-set WORD$name {esp-aes|esp-gcm|esp-sha-hmac|esp-sha256-hmac}...$transforms",
                   {.enters = "cfg-crypto-trans", .keys = {"name"}});
  ts.leaf("mode {tunnel|transport}$mode", {.dflt = "tunnel", .show_default = true});
  auto cmap = s.list("crypto map WORD$name <1-65535>$seq ipsec-isakmp [dynamic WORD$dyn]",
                     {.enters = "config-crypto-map", .order = Order::Key,
                      .note = created_note("% NOTE: This new crypto map will remain disabled until a peer\n"
                                           "        and a valid access list have been configured.")});
  cmap.leaf_list("set peer A.B.C.D$peer");
  cmap.leaf("set transform-set WORD...$sets");
  cmap.leaf("match address WORD$acl");
  auto acl = s.list("ip access-list extended WORD$name", enters("config-ext-nacl"));
  acl.list("[<1-2147483647>$seq] {permit|deny}$action LINE$rest",
           {.auto_seq = "seq", .render_seq = false, .order = Order::Key, .id = "ace"});
  auto intf = s.list("interface INTERFACE$name", {.enters = "config-if", .rank = 50});
  intf.leaf("description LINE$text");
  intf.leaf("ip address A.B.C.D$addr M.M.M.M$mask");
  intf.leaf("ipv6 address X:X::X:X/M$prefix");
  intf.leaf("tunnel destination A.B.C.D$dst");
  intf.leaf("ip ospf message-digest-key <1-255>$id md5 HEX$key");
  intf.presence("shutdown");
  intf.leaf("crypto map WORD$map");
  s.leaf("ip route A.B.C.D/M$prefix A.B.C.D$gw", {.rank = 60});
  s.verbatim("router", {.enters = "config-router", .rank = 55});
  s.verbatim("line", {.enters = "config-line", .rank = 90});
  s.verbatim("banner", {.rank = 95, .delimited = true});
  s.add_to_config_modes("exit", [](ExecContext& c) -> Status { c.session.exit_one(); return {}; });
  s.add_to_config_modes("end", [](ExecContext& c) -> Status { c.session.to_exec(); return {}; });
  auto exec = s.exec();
  exec.add("configure terminal", [](ExecContext& c) -> Status {
    c.session.enter_config(c.commands);
    c.out += "Enter configuration commands, one per line.  End with CNTL/Z.\n";
    return {};
  }, {.help = {{"configure", "Enter configuration mode"}, {"terminal", "Configure from the terminal"}}});
  exec.add("show crypto ikev2 sa [detailed]$detail", [](ExecContext& c) -> Status {
    auto* e = c.services.get<FakeEngine>();
    if (!e) return make_error("% IKEv2 is not running");
    c.out += "SAs: " + std::to_string(e->sa_count) + (c.args.flag("detail") ? " (detailed)" : "") + "\n";
    return {};
  }, {.privilege = 1, .help = {{"show", "Show running system information"}}});
  exec.add("show running-config", [](ExecContext& c) -> Status {
    c.out += config::render(c.store->running());
    return {};
  });
  exec.add("show clock", [](ExecContext& c) -> Status { c.out += "12:00\n"; return {}; }, {.privilege = 1});
  exec.add("enable", [](ExecContext& c) -> Status { c.session.facts.privilege = 15; return {}; }, {.privilege = 1});
}

inline void declare_asa(CommandSet& a) {
  auto m = a.list("crypto map WORD$name <1-65535>$seq", {.header = false, .order = Order::Key});
  m.leaf_list("set peer A.B.C.D$peer");
  m.leaf("match address WORD$acl");
  auto tg = a.list("tunnel-group WORD$name", {.header = false});
  tg.leaf("type {ipsec-l2l|remote-access}$type");
  auto ipa = tg.container("ipsec-attributes", {.enters = "config-tunnel-ipsec"});
  ipa.leaf("ikev2 remote-authentication pre-shared-key WORD$key", {.mask = {"key"}});
  ipa.leaf("ikev2 local-authentication pre-shared-key WORD$key", {.mask = {"key"}});
  auto pol = a.list("crypto ikev2 policy <1-65535>$priority", enters("config-ikev2-policy"));
  pol.leaf("encryption {aes|aes-192|aes-256|aes-gcm|aes-gcm-256}...$algs");
  pol.leaf("lifetime seconds <120-2147483647>$seconds", {.dflt = 86400, .show_default = true, .rank = 9});
  auto intf = a.list("interface INTERFACE$name", enters("config-if"));
  intf.leaf("nameif WORD$name");
  intf.presence("shutdown", {.present_by_default = true});
  a.add_to_config_modes("exit", [](ExecContext& c) -> Status { c.session.exit_one(); return {}; });
  a.exec().add("configure terminal", [](ExecContext& c) -> Status {
    c.session.enter_config(c.commands);
    return {};
  });
}

// A command set, its store and an interpreter with a session already in `configure terminal`.
struct Rig {
  explicit Rig(Dialect d = Dialect::Ios) : set(d), store((d == Dialect::Ios ? declare_ios(set) : declare_asa(set), set)),
      in(set, &store, services, nullptr) {
    services.provide(engine);
    st.facts.privilege = 15;
    st.enter_config(set);
  }
  // Runs a line with the prompt the session would show.
  LineResult run(std::string_view line) { return in.execute(st, line, prompt()); }
  std::string prompt() const {
    const std::string m = st.prompt_mode();
    return "R" + (m.empty() ? "" : "(" + m + ")") + (st.facts.privilege > 1 ? "#" : ">");
  }
  std::string running() const { return config::render(store.running()); }

  CommandSet set;
  config::ConfigStore store;
  Services services;
  FakeEngine engine;
  Interpreter in;
  SessionState st;
};

}  // namespace ravelin::grammar::testing
