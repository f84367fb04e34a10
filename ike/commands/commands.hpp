#pragma once
// The crypto command sets per dialect. cli/main.cpp calls exactly one of these on the dialect's
// CommandSet (after cli::register_builtins):
//   ravelin::ike::commands::declare_ios(set);   // --platform ios
//   ravelin::ike::commands::declare_asa(set);   // --platform asa
// Each declares the `crypto ikev2 …` family and its show commands, then the IPsec, crypto map, ACL,
// interface, object and verbatim-passthrough families (ipsec::commands::declare_ios / declare_asa).
#include "grammar/command_set.hpp"

namespace ravelin::ike::commands {

void declare_ios(grammar::CommandSet& s);
void declare_asa(grammar::CommandSet& s);

// Pieces (one file each).
void declare_ios_ikev2(grammar::CommandSet& s);
void declare_ios_ikev2_profile(grammar::CommandSet& s);
void declare_asa_ikev2(grammar::CommandSet& s);
void declare_ios_ikev2_shows(grammar::CommandSet& s);
void declare_asa_shows(grammar::CommandSet& s);

}  // namespace ravelin::ike::commands
