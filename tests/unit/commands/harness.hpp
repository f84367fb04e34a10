#pragma once
// A dialect's full command set (cli builtins + crypto families) over a fresh running-config, with
// helpers to load text, type lines in a session and render, for the command-family tests.
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "cli/builtins.hpp"
#include "grammar/command_set.hpp"
#include "grammar/config/load.hpp"
#include "grammar/config/render.hpp"
#include "grammar/config/store.hpp"
#include "grammar/interpreter.hpp"
#include "ike/commands/commands.hpp"
#include "ike/commands/pki.hpp"

namespace ravelin::testing {

struct Device {
  explicit Device(grammar::Dialect d)
      : set(d), store((declare(set), set)), interp(set, &store, services) {
    st.facts.privilege = 15;
  }

  static void declare(grammar::CommandSet& s) {
    bool asa = s.dialect() == grammar::Dialect::Asa;
    cli::register_builtins(s, {.default_hostname = asa ? "ciscoasa" : "Router"});
    if (asa) {
      ike::commands::declare_asa(s);
      ike::commands::declare_asa_pki(s);  // as cli/main_commands.cpp
    } else {
      ike::commands::declare_ios(s);
      ike::commands::declare_ios_pki(s);
    }
  }

  grammar::config::LoadReport load(std::string_view text) { return grammar::config::load(store, text); }

  // Types one line at the current prompt; returns what the session printed.
  std::string type(std::string_view line) {
    if (st.frames.empty()) st.enter_config(set);
    std::string prompt = prompt_text();
    return interp.execute(st, line, prompt).output;
  }
  std::string exec(std::string_view line) {
    st.frames.clear();
    std::string prompt = "Router#";
    return interp.execute(st, line, prompt).output;
  }
  std::string prompt_text() const {
    bool asa = set.dialect() == grammar::Dialect::Asa;
    std::string host = asa ? "ciscoasa" : "Router";
    auto m = st.prompt_mode();
    return host + (m.empty() ? "" : "(" + m + ")") + "#" + (asa ? " " : "");
  }
  std::string render(bool mask = false) const {
    return grammar::config::render(store.running(),
                                   {.mask_secrets = mask, .separators = set.dialect() == grammar::Dialect::Ios});
  }

  grammar::CommandSet set;
  grammar::config::ConfigStore store;
  grammar::Services services;
  grammar::Interpreter interp;
  grammar::SessionState st;
};

// A running-config text reloaded into a fresh device of `dialect`: the load's problems and what it
// renders (render -> load -> render is the identity when the problems are empty and the text equal).
struct Reloaded {
  std::string errors;
  std::string rendered;
};
std::string errors_text(const grammar::config::LoadReport& r);
inline Reloaded reload(grammar::Dialect dialect, std::string_view text) {
  Device d(dialect);
  const auto r = d.load(text);
  return {errors_text(r), d.render()};
}

inline std::string read_file(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::string source_path(std::string_view rel) { return std::string(RAVELIN_SOURCE_DIR) + "/" + std::string(rel); }

inline std::string errors_text(const grammar::config::LoadReport& r) {
  std::string out;
  for (const auto& e : r.errors) out += std::to_string(e.line_number) + ": " + e.message + " [" + e.line + "]\n";
  return out;
}

}  // namespace ravelin::testing
