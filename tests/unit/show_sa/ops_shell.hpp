#pragma once
// An exec-mode interpreter with the operator commands of one dialect (declare_ios_operations or
// declare_asa_operations), at privilege 15, with an optional Dataplane service.
#include <string_view>

#include "grammar/command_set.hpp"
#include "grammar/config/store.hpp"
#include "grammar/interpreter.hpp"
#include "ike/commands/operations.hpp"

namespace ravelin::test {

struct OpsShell {
  static grammar::CommandSet& declared(grammar::CommandSet& set) {
    if (set.dialect() == grammar::Dialect::Asa) {
      ike::commands::declare_asa_operations(set);
    } else {
      ike::commands::declare_ios_operations(set);
    }
    return set;
  }
  explicit OpsShell(grammar::Dialect d) : set(d), store(declared(set)), interp(set, &store, services) {
    st.facts.privilege = 15;
  }
  void provide(ike::commands::Dataplane& dp) { services.provide(dp); }
  grammar::LineResult run(std::string_view line) { return interp.execute(st, line, "Router#"); }

  grammar::CommandSet set;
  grammar::config::ConfigStore store;
  grammar::Services services;
  grammar::Interpreter interp;
  grammar::SessionState st;
};

}  // namespace ravelin::test
