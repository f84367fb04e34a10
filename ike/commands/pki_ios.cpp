// IOS `crypto pki trustpoint`, `crypto pki certificate chain`, `crypto pki certificate map` and the
// ASA `crypto ca` equivalents. Chains are kept as IOS prints them (hex DER lines ending in `quit`)
// and parsed when the IkeConfig is built (ike/config_build/build_pki.cpp).
#include "ike/commands/pki.hpp"
#include "ipsec/commands/commands.hpp"

namespace ravelin::ike::commands {

namespace {

void declare_trustpoint(grammar::CommandSet& s, const char* head, const char* mode) {
  namespace rank = ipsec::commands::rank;
  auto tp = s.list(std::string(head) + " trustpoint WORD$name",
                   {.enters = mode, .rank = rank::kIkev2Profile - 20,
                    .help = {{"pki", "Public Key components"}, {"ca", "Certification authority"},
                             {"trustpoint", "Define a CA trustpoint"}, {"$name", "Trustpoint Name"}}});
  tp.leaf("enrollment {terminal$terminal|selfsigned$selfsigned|url WORD$url}",
          {.help = {{"enrollment", "Enrollment parameters"}, {"terminal", "Enroll via the terminal (cut-and-paste)"},
                    {"selfsigned", "Self Signed Certificate"}, {"url", "CA server enrollment URL"}}});
  tp.leaf("subject-name LINE$dn", {.help = {{"subject-name", "Subject Name"}}});
  tp.leaf("revocation-check {none|crl}...$methods",
          {.help = {{"revocation-check", "Revocation checking options"}, {"none", "Ignore revocation check"},
                    {"crl", "Revocation check by CRL"}}});
  tp.leaf("rsakeypair WORD$label", {.help = {{"rsakeypair", "Specify rsa key pair for the trustpoint"}}});
  tp.leaf("eckeypair WORD$label", {.help = {{"eckeypair", "Specify ec key pair for the trustpoint"}}});
  tp.leaf("keypair WORD$label", {.help = {{"keypair", "Specify the key pair for the trustpoint"}}});
  tp.leaf("crl file WORD$path", {.help = {{"crl", "CRL options"}, {"file", "Load the CRL from a PEM or DER file"}}});
}

// `crypto pki certificate chain TP` holding one verbatim `certificate [ca] SERIAL` block per
// certificate (hex DER lines, then `quit`), parsed by the config builder. One block per certificate
// because a verbatim block keeps each distinct line once, and two certificates share lines.
void declare_chain(grammar::CommandSet& s, const char* head, const char* mode) {
  auto chain = s.list(std::string(head) + " certificate chain WORD$name",
                      {.enters = mode, .rank = ipsec::commands::rank::kIkev2Profile - 19,
                       .help = {{"certificate", "Actions on certificates"}, {"chain", "Certificate chain of a trustpoint"}}});
  chain.verbatim("certificate", {.enters = "config-pubkey", .help = "Certificate (hex DER, ended by quit)"});
}

void declare_certificate_map(grammar::CommandSet& s) {
  namespace rank = ipsec::commands::rank;
  auto map = s.list("crypto pki certificate map WORD$name <1-65535>$seq",
                    {.enters = "ca-certificate-map", .order = grammar::Order::Key, .rank = rank::kIkev2Profile - 15,
                     .help = {{"map", "Define certificate attributes matching rules"}, {"$seq", "Sequence number"}}});
  map.leaf_list("{subject-name|issuer-name|alt-subject-name}$field {eq|ne|co|nc}$op LINE$value",
                {.help = {{"subject-name", "Subject Name"}, {"issuer-name", "Issuer Name"},
                          {"alt-subject-name", "Alternate Subject Name"}, {"eq", "equal to"}, {"ne", "not equal to"},
                          {"co", "contains"}, {"nc", "does not contain"}}});
}

}  // namespace

void declare_ios_pki(grammar::CommandSet& s) {
  s.define_mode("ca-trustpoint", "ca-trustpoint");
  s.define_mode("ca-certificate-map", "ca-certificate-map");
  s.define_mode("config-cert-chain", "config-cert-chain");
  s.define_mode("config-pubkey", "config-pubkey");
  declare_trustpoint(s, "crypto pki", "ca-trustpoint");
  declare_chain(s, "crypto pki", "config-cert-chain");
  declare_certificate_map(s);
  declare_certificate_paste(s, "crypto pki");
  declare_key_generation(s);
  declare_pki_shows(s);
}

void declare_asa_pki(grammar::CommandSet& s) {
  s.define_mode("config-ca-trustpoint", "config-ca-trustpoint");
  s.define_mode("config-ca-cert-chain", "config-ca-cert-chain");
  declare_trustpoint(s, "crypto ca", "config-ca-trustpoint");
  declare_chain(s, "crypto ca", "config-ca-cert-chain");
  declare_certificate_paste(s, "crypto ca");
  declare_key_generation(s);
  declare_pki_shows(s);
}

}  // namespace ravelin::ike::commands
