#pragma once
// The PKI part of the IkeConfig build: trustpoints with their certificate chains, certificate maps
// (IOS `crypto pki …`, ASA `crypto ca …`), and the key pairs loaded from the key store.
#include <filesystem>
#include <string>
#include <vector>

#include "grammar/config/node.hpp"
#include "ike/config/ike_config.hpp"
#include "ike/crypto/x509.hpp"

namespace ravelin::ike::config_build {

// One `crypto pki certificate chain NAME` entry: `certificate ca SERIAL` / `certificate SERIAL` blocks of
// hex DER lines ending with `quit`.
struct ParsedChain {
  std::string trustpoint;
  std::vector<crypto::CertificatePtr> ca_certificates;
  crypto::CertificatePtr certificate;
  std::vector<std::string> errors;  // "certificate 02: not an X.509 certificate"
};
[[nodiscard]] std::vector<ParsedChain> parse_chains(const grammar::config::Node& root);

// The lines of a chain block for `certificate [ca]`: how `crypto pki import/authenticate` would store
// a pasted certificate (hex DER, 32 bytes per line as IOS prints, then `quit`).
[[nodiscard]] std::vector<std::string> chain_lines(const crypto::Certificate& cert, bool ca);

// Trustpoints, chains and certificate maps into `c` (profiles are built separately).
void build_pki(const grammar::config::Node& root, config::IkeConfig& c, std::vector<std::string>& warnings);

// Loads every key pair of the key store into `c.key_pairs` (main calls this after build(); keys are
// files, not configuration). Unreadable files become warnings.
void load_key_pairs(const std::filesystem::path& dir, config::IkeConfig& c, std::vector<std::string>& warnings);

}  // namespace ravelin::ike::config_build
