// IOS `crypto ikev2 profile NAME` (cisco-cli.md §2.4).
#include <string>

#include "grammar/config/node.hpp"
#include "ike/commands/commands.hpp"
#include "ipsec/commands/commands.hpp"

namespace ravelin::ike::commands {

namespace {

constexpr const char* kProfileNote =
    "IKEv2 profile MUST have:\n"
    "   1. A local and a remote authentication method.\n"
    "   2. A match identity or a match certificate or match any statement.";

Status validate_keyring_ref(const grammar::ValidateContext& c) {
  if (c.negate) return {};
  auto name = c.args.text("keyring");
  if (c.root.entry("crypto ikev2 keyring", {name}) == nullptr) {
    return make_error("% IKEv2 keyring " + name + " does not exist");
  }
  return {};
}

// `authentication local` is a single method; pre-share with an inline key is allowed on both sides.
std::string auth_pattern(const char* side) {
  return std::string("authentication ") + side +
         " {pre-share$method [key$inline [0|6]$enc WORD$key]|rsa-sig$method|ecdsa-sig$method|eap$method}";
}

grammar::Help auth_help() {
  return {{"authentication", "Set authentication method"},
          {"local", "Local authentication method"},
          {"remote", "Remote authentication method(s)"},
          {"pre-share", "Pre-Shared Key based Authentication"},
          {"rsa-sig", "Rivest-Shamir-Adleman Signature based Authentication"},
          {"ecdsa-sig", "ECDSA Signature based Authentication"},
          {"eap", "Extensible Authentication Protocol"},
          {"key", "Specify the preshared key"},
          {"0", "Specifies an UNENCRYPTED password will follow"},
          {"6", "Specifies an ENCRYPTED password will follow"}};
}

}  // namespace

void declare_ios_ikev2_profile(grammar::CommandSet& s) {
  namespace rank = ipsec::commands::rank;
  auto p = s.list("crypto ikev2 profile WORD$name",
                  {.enters = "config-ikev2-profile", .rank = rank::kIkev2Profile,
                   .help = {{"profile", "Define IKEv2 Profiles"}, {"$name", "Specify IKEv2 profile name"}},
                   .note = grammar::created_note(kProfileNote)});
  p.leaf("description LINE$text", {.help = {{"description", "Specify a description of this profile"}}});
  p.leaf("match fvrf {any|WORD}$vrf", {.help = {{"match", "Match values of peer"}, {"fvrf", "Match fvrf"},
                                                                 {"any", "Any fvrf"}}});
  p.leaf_list("match address local {A.B.C.D$address|X:X::X:X$address|interface INTERFACE$interface}",
              {.help = {{"address", "Local address"}, {"local", "Local address"}}});
  p.leaf_list("match identity remote {address {A.B.C.D$address [M.M.M.M$mask]|X:X::X:X/M$prefix6}|"
              "fqdn [domain]$domain WORD$fqdn|email [domain]$domain WORD$email|key-id WORD$keyid|any$any}",
              {.help = {{"identity", "IKE Identity"}, {"remote", "Remote identity"}, {"address", "IP Address(es)"},
                        {"any", "match any peer identity"},
                        {"fqdn", "Fully qualified domain name"}, {"email", "Email address"},
                        {"key-id", "Key id"}, {"any", "match any peer identity"},
                        {"domain", "Domain name"}}});
  p.leaf_list("match certificate WORD$map", {.help = {{"certificate", "Peer certificate attributes"},
                                                      {"$map", "Certificate map"}}});
  p.leaf("identity local {address {A.B.C.D|X:X::X:X}$address|fqdn WORD$fqdn|email WORD$email|"
         "key-id WORD$keyid|dn$dn}",
         {.help = {{"identity", "Specify IKE identity to use"}, {"dn", "Distinguished Name"}, {"local", "Local identity"},
                  {"address", "IP address"}, {"fqdn", "Fully qualified domain name"}, {"email", "Email address"}, {"key-id", "Key id"}}});
  // Running-config prints remote before local (cisco-cli.md §2.4), whatever the typed order.
  p.leaf(auth_pattern("remote"), {.mask = {"key"}, .id = "authentication remote", .help = auth_help()});
  p.leaf(auth_pattern("local"), {.mask = {"key"}, .id = "authentication local", .help = auth_help()});
  p.leaf("keyring local WORD$keyring",
         {.help = {{"keyring", "Keyring"}, {"local", "Local keyring"}}, .validate = validate_keyring_ref});
  p.leaf_list("pki trustpoint WORD$trustpoint [sign|verify]$use", {.help = {{"pki", "Specify PKI trustpoint"}, {"trustpoint", "Specify PKI trustpoint"},
                                                                        {"sign", "Use for signing only"}, {"verify", "Use for verification only"}}});
  p.leaf("lifetime <120-86400>$seconds",
         {.dflt = 86400, .help = {{"lifetime", "Specify lifetime for IKEv2 SA"}, {"$seconds", "lifetime in seconds"}}});
  p.leaf("dpd <10-3600>$interval <2-60>$retry {on-demand|periodic}$mode",
         {.help = {{"dpd", "Enable IKE liveness check for peers"}, {"on-demand", "Send DPD on demand"},
                   {"periodic", "Send DPD periodically"}}});
  p.leaf("nat keepalive <5-3600>$seconds", {.help = {{"nat", "NAT-transparency"}, {"keepalive", "NAT keepalive"}}});
  p.leaf("ivrf WORD$vrf", {.help = {{"ivrf", "I-VRF of the profile"}}});
  p.leaf("virtual-template <1-4096>$number", {.help = {{"virtual-template", "Specify the virtual-template"}}});
  p.presence("shutdown", {.help = {{"shutdown", "Shutdown the profile"}}});
}

}  // namespace ravelin::ike::commands
