#pragma once
// `crypto pki …` and `crypto key …` (issue 12): trustpoints, certificate chains, certificate maps, key
// generation into the key store, and their show commands. cli/main.cpp registers them after
// declare_ios/declare_asa and provides the key store directory:
//   static ravelin::ike::commands::PkiStore pki{startup_config_dir / "pki"};
//   services.provide(pki);
//   ravelin::ike::commands::declare_ios_pki(set);   // or declare_asa_pki(set)
#include <filesystem>

#include "grammar/command_set.hpp"

namespace ravelin::ike::commands {

// Where private keys live (one 0600 PEM file per label); never printed.
struct PkiStore {
  std::filesystem::path dir;
};

void declare_ios_pki(grammar::CommandSet& s);
void declare_asa_pki(grammar::CommandSet& s);

// Pieces shared by both dialects (pki_keys.cpp, pki_show.cpp).
void declare_key_generation(grammar::CommandSet& s);
void declare_pki_shows(grammar::CommandSet& s);
// `<head> authenticate TP` / `<head> import TP certificate` (pki_paste.cpp; head "crypto pki" or
// "crypto ca"): the certificate pasted at the terminal (grammar::Asker) lands in the chain block.
void declare_certificate_paste(grammar::CommandSet& s, const char* head);

}  // namespace ravelin::ike::commands
