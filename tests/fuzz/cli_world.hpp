#pragma once
// The shell as the ravelin process builds it (cli/main_commands.cpp's command set for a dialect, one
// running-config, an interface inventory, a startup-config path in a private temp directory), for the
// CLI fuzz targets and their seed tests. The including file must also include cli/main_commands.cpp
// once (it is not part of the ravelin_cli library).
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "cli/builtins.hpp"
#include "cli/interface_inventory.hpp"
#include "cli/main_wiring.hpp"
#include "cli/session.hpp"
#include "cli/session_control.hpp"
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
    return std::make_unique<cli::Session>(*set, *store, services, &names, cli::SessionOptions{"", privilege});
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

}  // namespace ravelin::fuzz
