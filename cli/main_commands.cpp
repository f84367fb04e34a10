// Which command families make up each dialect, and `ravelin check`.
#include <cstdio>

#include "cli/atomic_file.hpp"
#include "cli/builtins.hpp"
#include "cli/config_file.hpp"
#include "cli/main_wiring.hpp"
#include "cli/running_config.hpp"
#include "grammar/config/store.hpp"
#include "ike/commands/commands.hpp"
#include "ike/commands/operations.hpp"
#include "ike/commands/pki.hpp"

namespace ravelin::cli {

namespace {

std::unique_ptr<grammar::CommandSet> builtins_only(Dialect dialect, const std::string& host) {
  auto set = std::make_unique<grammar::CommandSet>(dialect == Dialect::Asa ? grammar::Dialect::Asa
                                                                           : grammar::Dialect::Ios);
  register_builtins(*set, BuiltinOptions{host});
  return set;
}

void print_errors(const grammar::CommandSet& set, const char* what) {
  for (const auto& e : set.errors()) std::fprintf(stderr, "ravelin: %s: %s\n", what, e.c_str());
}

}  // namespace

std::unique_ptr<grammar::CommandSet> build_command_set(Dialect dialect, const std::string& default_name) {
  const std::string host = default_name.empty() ? default_hostname(dialect) : default_name;
  auto set = builtins_only(dialect, host);
  if (!set->errors().empty()) {
    print_errors(*set, "builtin command declaration");
    return nullptr;
  }
  // The crypto families (IKEv2, then IPsec, crypto maps, ACLs, interfaces, passthrough blocks).
  if (dialect == Dialect::Asa) {
    ike::commands::declare_asa(*set);
    ike::commands::declare_asa_operations(*set);  // show/clear/debug of the running engine
    ike::commands::declare_asa_pki(*set);         // trustpoints, keys, certificates
  } else {
    ike::commands::declare_ios(*set);
    ike::commands::declare_ios_operations(*set);  // show/clear/debug of the running engine
    ike::commands::declare_ios_pki(*set);         // trustpoints, keys, certificates
  }
  if (!set->errors().empty()) {
    // A mistake in a crypto family's declarations must not take the shell down with it: say so
    // loudly and run with the builtins only.
    print_errors(*set, "crypto command declaration (crypto commands disabled)");
    return builtins_only(dialect, host);
  }
  return set;
}

Dialect choose_dialect(const Options& o, const std::string* startup_text) {
  if (o.platform) return *o.platform;
  return startup_text ? detect_dialect(*startup_text, Dialect::Ios) : Dialect::Ios;
}

// `ravelin check [--platform ios|asa] FILE`: the boot-time report, nothing started; 0 = clean.
int run_check(const Options& o) {
  auto text = read_whole_file(*o.startup_config);
  if (!text.ok()) {
    std::fprintf(stderr, "ravelin: %s\n", text.error().message.c_str());
    return 1;
  }
  Dialect d = choose_dialect(o, &*text);
  auto set = build_command_set(d, o.hostname.value_or(""));
  if (!set) return 1;
  grammar::config::ConfigStore store(*set);
  // No inventory: any well-formed interface name is accepted (the file may be for another box).
  ParsedConfig parsed = parse_config_text(store, *text, nullptr);
  std::string report = format_load_report(*o.startup_config, parsed.summary);
  std::fputs(report.c_str(), stdout);
  return parsed.summary.clean() ? 0 : 1;
}

}  // namespace ravelin::cli
