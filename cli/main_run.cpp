// `ravelin [...]`: load the startup-config, serve vty sessions, open the console, run the loop.
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "cli/atomic_file.hpp"
#include "cli/builtins.hpp"
#include "cli/config_file.hpp"
#include "cli/interface_inventory.hpp"
#include "cli/main_dataplane.hpp"
#include "cli/main_wiring.hpp"
#include "cli/session.hpp"
#include "cli/terminal/console.hpp"
#include "cli/vty/server.hpp"
#include "grammar/config/store.hpp"
#include "ike/commands/pki.hpp"
#include "platform/clock.hpp"

namespace ravelin::cli {
namespace {

// The startup-config at boot: a missing file is an empty config (`write memory` will create it).
void load_startup(const std::string& path, const std::optional<std::string>& text, grammar::config::ConfigStore& store,
                  const grammar::InterfaceInventory* names) {
  if (!text) {
    std::fprintf(stderr, "%s: not found; starting with an empty configuration\n", path.c_str());
    return;
  }
  LoadSummary s = merge_config_text(store, *text, names);
  std::fputs(format_load_report(path, s).c_str(), stderr);
}

// The IKE socket addresses: --local-address, else every address of the host.
Result<std::vector<platform::IpAddress>> local_addresses(const Options& o) {
  if (o.local_addresses.empty()) return host_addresses();
  std::vector<platform::IpAddress> out;
  for (const auto& text : o.local_addresses) {
    auto a = platform::IpAddress::parse(text);
    if (!a) return make_error("--local-address: '" + text + "' is not an IPv4 or IPv6 address");
    out.push_back(*a);
  }
  return out;
}

// The engine, its sockets and the kernel. A process whose IKE side cannot start still serves its
// shell (as a router whose crypto is broken still answers on its console), and says why at once.
std::unique_ptr<ProcessDataplane> start_dataplane(boost::asio::io_context& io, const Options& o, Dialect dialect,
                                                  const InterfaceInventory& inventory, const std::filesystem::path& pki_dir,
                                                  const platform::Clock& clock) {
  auto addresses = local_addresses(o);
  if (!addresses.ok()) {
    std::fprintf(stderr, "ravelin: %s\n", addresses.error().message.c_str());
    return nullptr;
  }
  DataplaneSetup setup{dialect, o.ike_port, o.natt_port, *addresses, o.dataplane, {}, pki_dir};
  for (const auto& e : inventory.entries()) setup.interfaces.emplace_back(e.name, e.linux_dev);
  auto dp = ProcessDataplane::start(io, setup, clock);
  if (!dp.ok() && o.dataplane == DataplaneKind::Xfrm) {
    std::fprintf(stderr, "%%RAVELIN-3-DATAPLANE: %s; continuing with --dataplane none\n", dp.error().message.c_str());
    setup.kind = DataplaneKind::None;
    dp = ProcessDataplane::start(io, setup, clock);
  }
  if (!dp.ok()) {
    std::fprintf(stderr, "%%RAVELIN-3-IKE_DOWN: IKE is not running: %s\n", dp.error().message.c_str());
    return nullptr;
  }
  return std::move(*dp);
}

}  // namespace

// The process holds SK_* keys and pre-shared keys in memory: a crash must not write them to a core
// file, and other users' debuggers must not attach (issue 11).
static void keep_secrets_out_of_core_dumps() {
  rlimit none{0, 0};
  setrlimit(RLIMIT_CORE, &none);
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

int run_process(const Options& o, const char* argv0) {
  keep_secrets_out_of_core_dumps();
  std::optional<std::string> startup_text;
  if (o.startup_config) {
    std::error_code ec;
    if (std::filesystem::exists(*o.startup_config, ec)) {
      auto t = read_whole_file(*o.startup_config);
      if (!t.ok()) {
        std::fprintf(stderr, "ravelin: %s\n", t.error().message.c_str());
        return 1;
      }
      startup_text = std::move(*t);
    }
  }
  Dialect dialect = choose_dialect(o, startup_text ? &*startup_text : nullptr);
  auto set = build_command_set(dialect, o.hostname.value_or(""));
  if (!set) return 1;

  InterfaceInventory inventory = InterfaceInventory::discover(o.interfaces);
  grammar::InterfaceInventory names{inventory.names()};
  grammar::config::ConfigStore store(*set);
  boost::asio::io_context io;
  platform::SteadyClock clock;
  SystemInfo sys{dialect, o.startup_config, argv0, &clock, clock.now(), &inventory, &names};
  grammar::Services services;
  services.provide(sys);
  // Private keys (`crypto key generate`) live 0600 in a folder beside the startup-config.
  std::filesystem::path config_dir = o.startup_config ? std::filesystem::path(*o.startup_config).parent_path() : ".";
  if (config_dir.empty()) config_dir = ".";
  ike::commands::PkiStore pki{config_dir / "pki"};
  services.provide(pki);

  // The one config subscriber: crypto config → engine, crypto-map policies → kernel.
  std::unique_ptr<ProcessDataplane> dataplane = start_dataplane(io, o, dialect, inventory, pki.dir, clock);
  if (dataplane) {
    store.subscribe(*dataplane);
    services.provide<ike::commands::Dataplane>(*dataplane);
    services.provide(dataplane->mutable_engine());
  }

  if (o.startup_config) load_startup(*o.startup_config, startup_text, store, &names);
  if (dataplane) dataplane->apply(store.running(), {});  // also without a startup-config
  // `log_source` names the line in %SYS-5-CONFIG_I: the console logs it, vty lines do not.
  auto make_session = [&](int privilege, std::string log_source = "") {
    return std::make_unique<Session>(*set, store, services, &names, SessionOptions{"", privilege, 10, log_source});
  };
  auto vty = vty::VtyServer::listen(io, vty::VtyServerOptions{o.vty_socket}, [&] { return make_session(1); });
  if (!vty.ok()) {
    std::fprintf(stderr, "ravelin: vty: %s\n", vty.error().message.c_str());
    if (o.daemon) return 1;  // a daemon nobody can reach is of no use
  }

  std::unique_ptr<Session> console_session;
  std::unique_ptr<terminal::Console> console;
  boost::asio::signal_set signals(io, SIGTERM, SIGHUP);
  if (o.daemon) signals.add(SIGINT);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    if (console) console->stop();
    if (dataplane) dataplane->stop();
    io.stop();
  });
  if (!o.daemon) {
    console_session = make_session(1, "console");
    console = std::make_unique<terminal::Console>(io, *console_session);
    console->start([&] { io.stop(); });
  }
  io.run();
  console.reset();  // restores the terminal
  if (dataplane) dataplane->stop();  // console `exit`/EOF: the same clean stop as SIGTERM
  return 0;
}

}  // namespace ravelin::cli
