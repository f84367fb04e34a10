#pragma once
// What an exec (or mode action) handler may reach: its output buffer, the session's facts and
// position, and engine state through a type-indexed service registry that cli/main.cpp fills in,
// so grammar never depends on an upper module (`ctx.services.get<ike::Engine>()`).
#include <functional>
#include <string>
#include <typeindex>
#include <unordered_map>

#include "grammar/value.hpp"
#include "platform/result.hpp"

namespace ravelin::grammar {

class Services {
 public:
  // Registers `service` (not owned; must outlive every session) under its static type.
  template <typename T>
  void provide(T& service) { map_[std::type_index(typeid(T))] = &service; }
  // nullptr when main did not provide a T (handlers print an IOS-style message, never crash).
  template <typename T>
  [[nodiscard]] T* get() const {
    auto it = map_.find(std::type_index(typeid(T)));
    return it == map_.end() ? nullptr : static_cast<T*>(it->second);
  }

 private:
  std::unordered_map<std::type_index, void*> map_;
};

struct SessionState;  // grammar/interpreter.hpp
namespace config { class ConfigStore; }  // grammar/config/store.hpp
class CommandSet;     // grammar/command_set.hpp

struct ExecContext {
  std::string& out;          // append output; each line '\n'-terminated
  SessionState& session;     // privilege, terminal, mode stack (handlers such as `exit`/`end` edit it)
  const Services& services;  // engine state, clocks, ...
  config::ConfigStore* store; // the running-config (nullptr in check-only interpreters)
  const CommandSet& commands;
  const Args& args;          // the matched line's bindings
};

// Returns an error (its message is printed verbatim, the line counts as rejected) or success.
using ExecHandler = std::function<Status(ExecContext&)>;

}  // namespace ravelin::grammar
