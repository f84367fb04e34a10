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

const std::vector<Passthrough> kIos = {
    {"version", "", 10, false},          {"service", "", 20, false},
    {"boot", "", 30, false},             {"logging", "", 40, false},
    {"aaa", "", 50, false},              {"username", "", 60, false},
    {"object-group", "config-object-group", 70, false},
    {"object", "config-object", 71, false},
    {"router", "config-router", rank::kRouting, false},
    {"ip route", "", rank::kRouting + 1, false},
    {"ip nat", "", rank::kRouting + 2, false},
    // Global `ip nat inside|outside` is only ever `… source|destination …` on IOS; alone it is the
    // interface command, and must stay incomplete here so that a rendered `interface` block followed
    // by a global NAT rule reloads the same (fall-through tries config-if first).
    {"ip nat inside", "", rank::kRouting + 2, false, true},
    {"ip nat outside", "", rank::kRouting + 2, false, true},
    {"ip prefix-list", "", rank::kAcl + 10, false},
    {"route-map", "config-route-map", rank::kAcl + 20, false},
    {"snmp-server", "", rank::kAcl + 30, false},
    {"ntp", "", rank::kAcl + 40, false},
    {"banner", "", rank::kLate, true},
    {"line", "config-line", rank::kLate + 10, false},
};

const std::vector<Passthrough> kAsa = {
    {"names", "", 10, false},            {"service", "", 20, false},
    {"boot", "", 30, false},             {"logging", "", rank::kLate, false},
    {"aaa", "", rank::kLate + 5, false}, {"username", "", rank::kLate + 10, false},
    {"nat", "", rank::kAsaAcl + 5, false},
    {"route", "", rank::kAsaAcl + 10, false},
    {"router", "config-router", rank::kAsaAcl + 11, false},
    {"route-map", "config-route-map", rank::kAsaAcl + 12, false},
    {"prefix-list", "", rank::kAsaAcl + 13, false},
    {"snmp-server", "", rank::kLate + 20, false},
    {"ntp", "", rank::kLate + 30, false},
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
