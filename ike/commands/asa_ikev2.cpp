// ASA `crypto ikev2 policy <1-65535>`, `crypto ikev2 enable IF`, global ikev2 lines and
// `tunnel-group NAME type|ipsec-attributes|general-attributes` (cisco-cli.md §3.1–§3.3).
#include <string>

#include "grammar/config/node.hpp"
#include "ike/commands/algorithms.hpp"
#include "ike/commands/commands.hpp"
#include "ipsec/commands/commands.hpp"

namespace ravelin::ike::commands {

namespace {

namespace rank = ipsec::commands::rank;

std::vector<std::string> texts(const grammar::Value* v) {
  std::vector<std::string> out;
  if (v == nullptr) return out;
  if (v->is_list()) {
    for (const auto& i : v->items()) out.push_back(i.text());
  } else {
    out.push_back(v->text());
  }
  return out;
}

Status validate_asa_encryption(const grammar::ValidateContext& c) {
  if (c.negate) return {};
  int aead = 0, plain = 0;
  for (const auto& e : texts(c.args.find("algs"))) {
    const auto* alg = find_encr(e, true);
    (alg != nullptr && alg->aead ? aead : plain)++;
  }
  if (aead > 0 && plain > 0) {
    return make_error("ERROR: % AES-GCM encryption cannot be combined with other encryption algorithms");
  }
  return {};
}

grammar::Value list_of(std::initializer_list<const char*> v) {
  std::vector<grammar::Value> items;
  for (const char* s : v) items.emplace_back(s);
  return grammar::Value::list(std::move(items));
}

grammar::Help with_eap(grammar::Help h) {
  h.emplace_back("eap", "Use EAP for authentication");
  h.emplace_back("query-identity", "Query the peer's identity with EAP");
  return h;
}

// The algorithm keywords of `?` with their help, after `extra` (the leaf's own keyword).
grammar::Help asa_algorithm_help(grammar::Help extra) {
  for (const auto& e : encryptions()) {
    if (!e.asa.empty()) extra.emplace_back(std::string(e.asa), std::string(e.help));
  }
  for (const auto& h : hashes()) extra.emplace_back(std::string(h.asa), std::string(h.help));
  for (const auto& g : groups()) extra.emplace_back(std::to_string(g.group), std::string(g.help));
  extra.emplace_back("null", "Null algorithm (only with AES-GCM encryption)");
  return extra;
}

void declare_policy(grammar::CommandSet& s) {
  auto p = s.list("crypto ikev2 policy <1-65535>$priority",
                  {.enters = "config-ikev2-policy", .order = grammar::Order::Key, .rank = rank::kAsaIkev2Policy,
                   .separator = false,
                   .help = {{"ikev2", "Configure IKEv2"}, {"policy", "Set IKEv2 policy suite"},
                            {"$priority", "Policy suite priority(1 highest, 65535 lowest)"}}});
  // The running-config always prints the five lines, defaults included (cisco-cli.md §3.1); the
  // defaults chosen here are those of ASA 9.8 (docs/COMMANDS.md).
  std::string enc = encr_alternatives(true);
  enc.insert(enc.size() - 1, "|null");
  p.leaf("encryption " + enc + "...$algs",
         {.dflt = list_of({"aes-256"}), .show_default = true,
          .help = asa_algorithm_help({{"encryption", "set encryption algorithm"}}), .validate = validate_asa_encryption});
  std::string integ = hash_alternatives(true);
  integ.insert(integ.size() - 1, "|null");
  p.leaf("integrity " + integ + "...$algs",
         {.dflt = list_of({"sha256"}), .show_default = true, .help = asa_algorithm_help({{"integrity", "set integrity algorithm"}})});
  p.leaf("group " + group_alternatives(true) + "...$groups",
         {.dflt = list_of({"14"}), .show_default = true, .help = asa_algorithm_help({{"group", "Set the Diffie-Hellman group"}})});
  p.leaf("prf " + hash_alternatives(true) + "...$algs",
         {.dflt = list_of({"sha256"}), .show_default = true, .help = asa_algorithm_help({{"prf", "set prf algorithm"}})});
  p.leaf("lifetime seconds <120-2147483647>$seconds",
         {.dflt = 86400, .show_default = true,
          .help = {{"lifetime", "set lifetime"}, {"seconds", "Specify lifetime in seconds"}}});
  p.presence("lifetime none", {.help = {{"none", "No lifetime"}}});
}

void declare_tunnel_group(grammar::CommandSet& s) {
  s.define_mode("config-tunnel-ipsec", "config-tunnel-ipsec");
  s.define_mode("config-tunnel-general", "config-tunnel-general");
  auto tg = s.list("tunnel-group WORD$name",
                   {.header = false, .rank = rank::kAsaTunnelGroup, .separator = false,
                    .help = {{"tunnel-group", "Create and manage the database of connection specific records"},
                             {"$name", "Name of the tunnel-group (a peer address for site to site)"}}});
  tg.leaf("type {ipsec-l2l|remote-access}$type",
          {.help = {{"type", "Enter the type of this group-policy"},
                    {"ipsec-l2l", "IPSec Site to Site group"}, {"remote-access", "Remote access group"}}});
  auto ga = tg.container("general-attributes", {.enters = "config-tunnel-general", .separator = false,
                                                 .help = {{"general-attributes", "Enter the general-attributes sub command mode"}}});
  ga.leaf("default-group-policy WORD$policy", {.help = {{"default-group-policy", "Set the default group policy"}}});
  auto ia = tg.container("ipsec-attributes", {.enters = "config-tunnel-ipsec", .separator = false,
                                              .help = {{"ipsec-attributes", "Enter the ipsec-attributes sub command mode"}}});
  grammar::Help key_help = {{"ikev2", "Configure IKEv2 specific attributes"},
                            {"local-authentication", "Set the local authentication method"},
                            {"remote-authentication", "Set the remote authentication method"},
                            {"pre-shared-key", "Use pre-shared key for authentication"},
                            {"certificate", "Use certificate for authentication"},
                            {"0", "Specifies an UNENCRYPTED key will follow"},
                            {"8", "Specifies an ENCRYPTED key will follow"}};
  // The ASA prints remote before local (show running-config captures).
  ia.leaf("ikev2 remote-authentication {pre-shared-key [0|8]$enc WORD$key|certificate$certificate|"
          "eap$eap [query-identity]$query}",
          {.mask = {"key"}, .help = with_eap(key_help)});
  ia.leaf("ikev2 local-authentication {pre-shared-key [0|8]$enc WORD$key|certificate WORD$trustpoint}",
          {.mask = {"key"}, .help = key_help});
  ia.leaf("isakmp keepalive {threshold <10-3600>$threshold retry <2-10>$retry|disable$disable}",
          {.help = {{"isakmp", "Configure ISAKMP policy"}, {"keepalive", "Set keepalive (DPD)"},
                   {"threshold", "Seconds between keepalives"}, {"retry", "Seconds between retries"},
                   {"disable", "Disable keepalives"}}});
  ia.leaf("peer-id-validate {req|cert|nocheck}$mode", {.help = {{"peer-id-validate", "Validate identity of the peer"},
                                                                {"req", "Require peer identity validation"},
                                                                {"cert", "Validate the peer identity against its certificate if possible"},
                                                                {"nocheck", "Do not check the peer identity"}}});
}

void declare_globals(grammar::CommandSet& s) {
  s.leaf_list("crypto ikev2 enable WORD$nameif [client-services [port <1-65535>$port]]",
              {.keys = {"nameif"}, .rank = rank::kAsaIkev2Enable,
               .help = {{"enable", "Enable IKEv2 on the specified interface"}}});
  s.leaf("crypto ikev2 cookie-challenge <0-100>$percent",
         {.rank = rank::kAsaIkev2Global, .help = {{"cookie-challenge", "Send cookie challenge to peer during SA initiation"}}});
  s.leaf("crypto ikev2 limit max-sa <1-100000>$limit",
         {.rank = rank::kAsaIkev2Global,
          .help = {{"limit", "Limit number of SAs"}, {"max-sa", "Limit number of SAs allowed"}}});
  s.leaf("crypto ikev2 limit max-in-negotiation-sa <1-100>$limit",
         {.rank = rank::kAsaIkev2Global,
          .help = {{"max-in-negotiation-sa", "Limit number of SAs in negotiation (percent of max-sa)"}}});
  s.leaf("crypto isakmp identity {address|hostname|auto|key-id WORD$keyid}$identity",
         {.rank = rank::kAsaIkev2Global + 1,
          .help = {{"isakmp", "Configure ISAKMP policy"}, {"identity", "Set identity type"},
                   {"address", "Use the IP address"}, {"hostname", "Use the fully-qualified hostname"},
                   {"auto", "Identity type chosen by the connection type"}, {"key-id", "Use the given key-id string"}}});
}

}  // namespace

void declare_asa_ikev2(grammar::CommandSet& s) {
  declare_policy(s);
  declare_globals(s);
  declare_tunnel_group(s);
}

}  // namespace ravelin::ike::commands
