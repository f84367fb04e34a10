// Subsystems ravelin does not implement (routing, NAT, AAA, logging, ...): their top-level lines and
// the indented lines under them are kept verbatim, in place, and rendered back unchanged. The list is
// fixed and documented in docs/COMMANDS.md; anything else unknown is an error, as on the device.
#include "ipsec/commands/commands.hpp"

namespace ravelin::ipsec::commands {

namespace {

struct Passthrough {
  const char* keywords;
  const char* mode;  // sub-mode whose typed lines join the block ("" = none)
  int rank;
  bool delimited;
  bool needs_rest = false;  // the head alone is incomplete (VerbatimOptions::needs_rest)
};

// Ranks put each block where IOS-XE's `show running-config` prints it relative to the sections
// ravelin manages (hostname -100, enable -90, crypto 100-199, interfaces 300, ACLs 500): version and
// service before hostname; boot, logging, aaa around enable; username just before the crypto ikev2
// objects; router, ip nat, ip route after the interfaces; prefix-lists, route-maps and snmp after the
// ACLs; banner, line, then ntp last (docs/COMMANDS.md "Passthrough").
const std::vector<Passthrough> kIos = {
    {"version", "", -120, false},
    {"service", "", -110, false},
    {"boot", "", -95, false},
    {"logging", "", -92, false},
    {"aaa", "", -80, false},
    {"object-group", "config-object-group", 70, false},
    {"object", "config-object", 71, false},
    {"username", "", 95, false},
    {"router", "config-router", rank::kRouting, false},
    {"ip nat", "", rank::kRouting + 1, false},
    // Global `ip nat inside|outside` is only ever `… source|destination …` on IOS; alone it is the
    // interface command, and must stay incomplete here so that a rendered `interface` block followed
    // by a global NAT rule reloads the same (fall-through tries config-if first).
    {"ip nat inside", "", rank::kRouting + 1, false, true},
    {"ip nat outside", "", rank::kRouting + 1, false, true},
    {"ip route", "", rank::kRouting + 2, false},
    {"ip prefix-list", "", rank::kAcl + 10, false},
    {"route-map", "config-route-map", rank::kAcl + 20, false},
    {"snmp-server", "", rank::kAcl + 30, false},
    {"banner", "", rank::kLate, true},
    {"line", "config-line", rank::kLate + 10, false},
    {"ntp", "", rank::kLate + 20, false},
};

// ASA 9.x order: names before the interfaces, boot after them; logging after the access-lists and
// before nat and routes; aaa and snmp-server next; service (sw-reset-button) before crypto; ntp and
// username after the crypto globals and before the tunnel-groups.
const std::vector<Passthrough> kAsa = {
    {"names", "", 10, false},
    {"boot", "", rank::kAsaInterface + 2, false},
    {"logging", "", rank::kAsaAcl + 3, false},
    {"nat", "", rank::kAsaAcl + 5, false},
    {"route", "", rank::kAsaAcl + 10, false},
    {"router", "config-router", rank::kAsaAcl + 11, false},
    {"route-map", "config-route-map", rank::kAsaAcl + 12, false},
    {"prefix-list", "", rank::kAsaAcl + 13, false},
    {"aaa", "", rank::kAsaAcl + 20, false},
    {"snmp-server", "", rank::kAsaAcl + 25, false},
    {"service", "", rank::kAsaAcl + 30, false},
    {"ntp", "", rank::kAsaTunnelGroup - 10, false},
    {"username", "", rank::kAsaTunnelGroup - 5, false},
    {"banner", "", rank::kLate + 40, false},
    {"line", "", rank::kLate + 50, false},
};

const std::vector<Passthrough>& table(grammar::Dialect d) { return d == grammar::Dialect::Asa ? kAsa : kIos; }

}  // namespace

const std::vector<std::string>& passthrough_keywords(grammar::Dialect d) {
  static const std::vector<std::string> ios = [] {
    std::vector<std::string> v;
    for (const auto& p : kIos) v.emplace_back(p.keywords);
    return v;
  }();
  static const std::vector<std::string> asa = [] {
    std::vector<std::string> v;
    for (const auto& p : kAsa) v.emplace_back(p.keywords);
    return v;
  }();
  return d == grammar::Dialect::Asa ? asa : ios;
}

void declare_passthrough(grammar::CommandSet& s) {
  for (const auto& p : table(s.dialect())) {
    s.verbatim(p.keywords, {.enters = p.mode, .rank = p.rank,
                            .help = "(kept verbatim: not implemented by ravelin)", .delimited = p.delimited,
                            .needs_rest = p.needs_rest});
  }
}

void declare_ios(grammar::CommandSet& s) {
  declare_ios_transform_sets(s);
  declare_ios_crypto_maps(s);
  declare_ios_interfaces(s);
  declare_ios_acls(s);
  declare_passthrough(s);
  declare_ios_ipsec_shows(s);
}

void declare_asa(grammar::CommandSet& s) {
  declare_asa_ipsec(s);
  declare_asa_interfaces(s);
  declare_asa_acls(s);
  declare_passthrough(s);
  declare_asa_ipsec_shows(s);
}

}  // namespace ravelin::ipsec::commands
