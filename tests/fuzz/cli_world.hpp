#pragma once
// The shell as the ravelin process builds it (cli/main_commands.cpp's command set for a dialect, one
// running-config, an interface inventory, a startup-config path in a private temp directory), for the
// CLI fuzz targets and their seed tests. The including file must also include cli/main_commands.cpp
// once (it is not part of the ravelin_cli library).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/builtins.hpp"
#include "cli/interface_inventory.hpp"
#include "cli/main_wiring.hpp"
#include "cli/session.hpp"
#include "cli/session_control.hpp"
#include "grammar/config/load.hpp"
#include "grammar/config/render.hpp"
#include "grammar/config/store.hpp"
#include "tests/support/fake_clock.hpp"

namespace ravelin::fuzz {

struct CliWorld {
  explicit CliWorld(cli::Dialect d)
      : dialect(d),
        dir(std::filesystem::temp_directory_path() / ("rv-fuzz-cli-" + std::to_string(::getpid()))),
        inventory({{"GigabitEthernet0/0", "eth0"}, {"GigabitEthernet0/1", "eth1"}, {"Loopback0", "lo"}}),
        names{inventory.names()},
        set(cli::build_command_set(d, "")),
        store(std::make_unique<grammar::config::ConfigStore>(*set)) {
    std::filesystem::create_directories(dir);
    sys = cli::SystemInfo{d, (dir / "startup-config").string(), "ravelin", &clock, clock.now(), &inventory, &names};
    services.provide(sys);
  }
  ~CliWorld() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  CliWorld(const CliWorld&) = delete;
  CliWorld& operator=(const CliWorld&) = delete;
  std::unique_ptr<cli::Session> session(int privilege) {
    cli::SessionOptions o;  // field by field: SessionOptions grows (log_source) and -Wextra checks aggregates
    o.privilege = privilege;
    return std::make_unique<cli::Session>(*set, *store, services, &names, o);
  }
  // An empty running-config (sessions made before must be gone).
  void fresh_store() { store = std::make_unique<grammar::config::ConfigStore>(*set); }

  cli::Dialect dialect;
  std::filesystem::path dir;
  test::FakeClock clock;
  cli::InterfaceInventory inventory;
  grammar::InterfaceInventory names;
  std::unique_ptr<grammar::CommandSet> set;
  std::unique_ptr<grammar::config::ConfigStore> store;
  cli::SystemInfo sys;
  grammar::Services services;
};

// The invariant both CLI targets keep: what `show running-config` holds reloads cleanly into a fresh
// running-config and renders identically (render -> load -> render is the identity). Aborts with the
// text and the reload's errors otherwise; `target` names the fuzzer in the message.
inline void check_reload(const CliWorld& w, const char* target) {
  namespace gc = grammar::config;
  const gc::RenderOptions opts{.mask_secrets = false, .separators = w.dialect == cli::Dialect::Ios};
  const std::string text = gc::render(w.store->running(), opts);
  gc::ConfigStore fresh(*w.set);
  const auto report = gc::load(fresh, text);
  const std::string again = gc::render(fresh.running(), opts);
  if (report.errors.empty() && again == text) return;
  std::fprintf(stderr, "%s: running-config does not reload:\n%s\n", target, text.c_str());
  for (const auto& e : report.errors) std::fprintf(stderr, "  line %zu: %s\n", e.line_number, e.message.c_str());
  if (report.errors.empty()) std::fprintf(stderr, "reloaded, it renders as:\n%s\n", again.c_str());
  std::abort();
}

}  // namespace ravelin::fuzz
