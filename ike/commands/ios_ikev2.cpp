// IOS `crypto ikev2 proposal|policy|keyring` and the global `crypto ikev2 …` lines (cisco-cli.md §2.1,
// §2.2, §2.3, §2.5, §2.6), with IOS's "MUST have" notes and AEAD rules.
#include <string>

#include "grammar/config/node.hpp"
#include "ike/commands/algorithms.hpp"
#include "ike/commands/commands.hpp"
#include "ipsec/commands/commands.hpp"

namespace ravelin::ike::commands {

namespace {

namespace rank = ipsec::commands::rank;
using grammar::ValidateContext;

// Both lines end in a space in the device captures (cisco-cli.md §1.1).
constexpr const char* kProposalNote =
    "IKEv2 proposal MUST either have a set of an encryption algorithm other than aes-gcm, an integrity "
    "algorithm and a DH group configured or \n encryption algorithm aes-gcm, a prf algorithm and a DH group "
    "configured";
constexpr const char* kPolicyNote = "IKEv2 policy MUST have atleast one complete proposal attached ";

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

// AEAD rules (RFC 7296 §3.3.3: a combined-mode cipher is offered without an integrity transform).
Status validate_encryption(const ValidateContext& c) {
  if (c.negate) return {};
  int aead = 0, plain = 0;
  for (const auto& e : texts(c.args.find("algs"))) {
    const auto* alg = find_encr(e, false);
    (alg != nullptr && alg->aead ? aead : plain)++;
  }
  if (aead > 0 && plain > 0) {
    return make_error("% Proposal cannot mix aes-gcm and non aes-gcm encryption algorithms");
  }
  if (aead > 0 && c.parent.find("integrity") != nullptr) {
    return make_error("% Integrity algorithm is not allowed with aes-gcm encryption algorithm");
  }
  return {};
}

Status validate_integrity(const ValidateContext& c) {
  if (c.negate) return {};
  const auto* enc = c.parent.find("encryption");
  if (enc == nullptr) return {};
  for (const auto& e : texts(enc->args().find("algs"))) {
    const auto* alg = find_encr(e, false);
    if (alg != nullptr && alg->aead) {
      return make_error("% Integrity algorithm is not allowed with aes-gcm encryption algorithm");
    }
  }
  return {};
}

Status validate_policy_proposal(const ValidateContext& c) {
  if (c.negate) return {};
  auto name = c.args.text("proposal");
  if (name == "default" && ipsec::commands::smart_default_enabled(c.root, "crypto ikev2 proposal default")) return {};
  if (c.root.entry("crypto ikev2 proposal", {name}) == nullptr) {
    return make_error("% IKEv2 proposal " + name + " does not exist");
  }
  return {};
}

// `extra` followed by the algorithm help: each leaf's `?` lists its algorithms with their texts.
grammar::Help with(const grammar::Help& algs, grammar::Help extra) {
  extra.insert(extra.end(), algs.begin(), algs.end());
  return extra;
}

void declare_proposal(grammar::CommandSet& s) {
  grammar::Help help = {{"ikev2", "Configure IKEv2 Options"}, {"proposal", "Define IKEv2 proposals"},
                        {"$name", "Specify IKEv2 proposal name"}};
  for (const auto& e : encryptions()) {
    if (!e.ios.empty()) help.emplace_back(std::string(e.ios), std::string(e.help));
  }
  for (const auto& h : hashes()) help.emplace_back(std::string(h.ios), std::string(h.help));
  for (const auto& g : groups()) help.emplace_back(std::to_string(g.group), std::string(g.help));
  auto p = s.list("crypto ikev2 proposal WORD$name",
                  {.enters = "config-ikev2-proposal", .rank = rank::kIkev2Proposal, .help = help,
                   .note = grammar::created_note(kProposalNote)});
  p.leaf("encryption " + encr_alternatives(false) + "...$algs",
         {.help = with(help, {{"encryption", "Set encryption algorithm(s) for proposal"}}), .validate = validate_encryption});
  p.leaf("integrity " + hash_alternatives(false) + "...$algs",
         {.help = with(help, {{"integrity", "Set integrity hash algorithm(s) for proposal"}}), .validate = validate_integrity});
  p.leaf("prf " + hash_alternatives(false) + "...$algs", {.help = with(help, {{"prf", "Set prf hash algorithm(s) for proposal"}})});
  p.leaf("group " + group_alternatives(false) + "...$groups",
         {.help = with(help, {{"group", "Set the Diffie-Hellman group(s)"}})});
  // Smart default: `no crypto ikev2 proposal default` disables the built-in proposal.
  s.presence("crypto ikev2 proposal default",
             {.present_by_default = true, .rank = rank::kIkev2Proposal - 1,
              .help = {{"default", "Default IKEv2 proposal"}}});
}

void declare_policy(grammar::CommandSet& s) {
  // No "!" after a policy block on the device (cisco-cli.md §2.2, raw CSR1000V output).
  auto p = s.list("crypto ikev2 policy WORD$name",
                  {.enters = "config-ikev2-policy", .rank = rank::kIkev2Policy, .separator = false,
                   .help = {{"policy", "Define IKEV2 policies"}, {"$name", "Specify IKEv2 policy name"}},
                   .note = grammar::created_note(kPolicyNote)});
  p.leaf("description LINE$text", {.help = {{"description", "Specify a description of this policy"}}});
  p.leaf("match fvrf {any|WORD}$vrf", {.help = {{"match", "Specify the policy match criteria"},
                                                {"fvrf", "Specify front-door VRF"},
                                                {"any", "Any fvrf"}}});
  p.leaf_list("match address local {A.B.C.D|X:X::X:X}$address",
              {.help = {{"address", "Local address"}, {"local", "Local address"}}});
  p.leaf_list("proposal WORD$proposal", {.help = {{"proposal", "Specify Proposal"}}, .validate = validate_policy_proposal});
  s.presence("crypto ikev2 policy default",
             {.present_by_default = true, .rank = rank::kIkev2Policy - 1,
              .help = {{"default", "Default IKEv2 policy"}}});
}

void declare_keyring(grammar::CommandSet& s) {
  auto k = s.list("crypto ikev2 keyring WORD$name",
                  {.enters = "config-ikev2-keyring", .rank = rank::kIkev2Keyring,
                   .help = {{"keyring", "Define IKEv2 Keyring"}, {"$name", "Name of IKEv2 Keyring"}}});
  auto p = k.list("peer WORD$name", {.enters = "config-ikev2-keyring-peer",
                                     .help = {{"peer", "Configure a Peer and associated keys"}}});
  p.leaf("description LINE$text", {.help = {{"description", "Specify a description of this peer"}}});
  p.leaf("address {A.B.C.D$address [M.M.M.M$mask]|X:X::X:X/M$prefix6}",
         {.help = {{"address", "IP address of the peer"}}});
  p.leaf("hostname WORD$hostname", {.help = {{"hostname", "Hostname of the peer"}}});
  p.leaf("identity {address {A.B.C.D|X:X::X:X}$address|fqdn [domain]$domain WORD$fqdn|"
         "email [domain]$domain WORD$email|key-id WORD$keyid}",
         {.help = {{"identity", "IKE Identity of the peer"}, {"address", "IP address"}, {"fqdn", "Fully qualified domain name"}, {"email", "Email address"}, {"key-id", "Key id"},
                  {"domain", "Domain name"}}});
  // Keys are shown as typed (no `password encryption aes`), and masked only where asked.
  grammar::Help key_help = {{"pre-shared-key", "Specify the preshared key"},
                            {"local", "Local preshared key"}, {"remote", "Remote preshared key"},
                            {"0", "Specifies an UNENCRYPTED password will follow"},
                            {"6", "Specifies an ENCRYPTED password will follow"}};
  p.leaf("pre-shared-key [0|6]$enc WORD$key", {.mask = {"key"}, .id = "pre-shared-key", .help = key_help});
  p.leaf("pre-shared-key local [0|6]$enc WORD$key", {.mask = {"key"}, .id = "pre-shared-key local", .help = key_help});
  p.leaf("pre-shared-key remote [0|6]$enc WORD$key",
         {.mask = {"key"}, .id = "pre-shared-key remote", .help = key_help});
}

void declare_globals(grammar::CommandSet& s) {
  s.leaf("crypto ikev2 dpd <10-3600>$interval <2-60>$retry {on-demand|periodic}$mode",
         {.rank = rank::kIkev2Global, .help = {{"dpd", "Enable IKE liveness check for peers"}}});
  s.leaf("crypto ikev2 nat keepalive <5-3600>$seconds",
         {.rank = rank::kIkev2Global, .help = {{"nat", "NAT traversal"}, {"keepalive", "NAT keepalive interval"}}});
  s.leaf("crypto ikev2 cookie-challenge <1-1000>$threshold",
         {.rank = rank::kIkev2Global, .help = {{"cookie-challenge", "Enable cookie challenge"}}});
  // IOS's own spelling "negotation" (cisco-cli.md §2.5), printed back as typed.
  s.leaf_list("crypto ikev2 limit max-in-negotation-sa <1-99999>$limit [incoming|outgoing]$dir",
              {.keys = {"dir"}, .rank = rank::kIkev2Global,
               .help = {{"limit", "Limit the number of sessions"},
                        {"max-in-negotation-sa", "Maximum number of in-negotiation SAs"}}});
  s.leaf("crypto ikev2 limit max-sa <1-99999>$limit",
         {.rank = rank::kIkev2Global, .help = {{"max-sa", "Maximum number of SAs"}}});
  s.leaf("crypto ikev2 window <1-200>$size",
         {.dflt = 5, .rank = rank::kIkev2Global, .help = {{"window", "Specify IKEv2 window size"}}});
  s.leaf("crypto ikev2 fragmentation [mtu <68-1500>$mtu]",
         {.rank = rank::kIkev2Global, .help = {{"fragmentation", "Enable IKEv2 fragmentation"}, {"mtu", "Set IKEv2 fragmentation MTU"}}});
  s.leaf("crypto ikev2 diagnose error <1-1000>$count",
         {.rank = rank::kIkev2Global, .help = {{"diagnose", "Diagnose IKEv2"}, {"error", "Enable IKEv2 exit path error diagnostics"}}});
}

}  // namespace

void declare_ios_ikev2(grammar::CommandSet& s) {
  s.help("crypto", "Encryption module");
  declare_proposal(s);
  declare_policy(s);
  declare_keyring(s);
  declare_globals(s);
}

void declare_ios(grammar::CommandSet& s) {
  declare_ios_ikev2(s);
  declare_ios_ikev2_profile(s);
  declare_ios_ikev2_shows(s);
  ipsec::commands::declare_ios(s);
}

void declare_asa(grammar::CommandSet& s) {
  declare_asa_ikev2(s);
  declare_asa_shows(s);
  ipsec::commands::declare_asa(s);
}

}  // namespace ravelin::ike::commands
