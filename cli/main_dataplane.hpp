#pragma once
// The running process's control and data plane (shared by cli/main_*.cpp only): the sans-IO IKEv2
// engine, its Asio runtime (UDP 500/4500), the kernel (XFRM netlink, or nothing with
// `--dataplane none`) and the reconciler, joined together:
//
//   config commit ──► apply(): config_build::build ─► engine.on_config, reconciler.set_policies
//   UDP / timers  ──► runtime ─► engine ─► Effects ─► on_effects(): reconciler.install/remove, events
//   kernel events ──► ACQUIRE → engine.initiate, EXPIRE → rekey/delete, MAPPING → logged
//
// It is also the ike::commands::Dataplane the show/clear/debug commands use, and the
// grammar::config::Subscriber of the running-config.
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "cli/options.hpp"
#include "grammar/config/store.hpp"
#include "ike/commands/dataplane.hpp"
#include "ike/config_build/build.hpp"
#include "ike/crypto/random.hpp"
#include "ike/engine/engine.hpp"
#include "ike/engine/keylog_sink.hpp"
#include "ike/io/runtime.hpp"
#include "ipsec/reconcile/reconciler.hpp"
#include "platform/interface_apply.hpp"
#include "platform/kernel_ipsec.hpp"
#include "platform/link_table.hpp"

namespace ravelin::cli {

struct DataplaneSetup {
  Dialect dialect = Dialect::Ios;
  uint16_t ike_port = 500;
  uint16_t natt_port = 4500;
  std::vector<platform::IpAddress> local_addresses;  // sockets are bound on these
  DataplaneKind kind = DataplaneKind::Xfrm;
  // IOS/ASA interface name → Linux netdev (the inventory); their `ip address`/`shutdown` lines are
  // applied to the netdev with the xfrm data plane (never with `--dataplane none`).
  std::vector<std::pair<std::string, std::string>> interfaces;
  // The key store of `crypto key generate` (ike/commands/pki.hpp): key pairs are files, not config.
  std::filesystem::path pki_dir;
};

// Log lines of the process: errors and warnings always, the rest as `debug crypto ikev2 …` asks.
class ProcessLogger final : public platform::Logger {
 public:
  void log(platform::LogLevel level, std::string_view category, std::string_view message) override;
  ike::commands::DebugFlags flags;
};

class ProcessDataplane final : public ike::commands::Dataplane,
                               public grammar::config::Subscriber,
                               public ike::engine::KeylogSink {
 public:
  // Opens the kernel side (flushing what an earlier run left behind) and binds the IKE sockets.
  static Result<std::unique_ptr<ProcessDataplane>> start(boost::asio::io_context& io, const DataplaneSetup& setup,
                                                         const platform::Clock& clock);
  ~ProcessDataplane() override;

  // A clean stop: DELETE to every peer, then every SA and policy this process installed is removed.
  void stop();

  // grammar::config::Subscriber
  void apply(const grammar::config::Snapshot& running, const grammar::config::ChangeSet& changes) override;

  // ike::commands::Dataplane
  [[nodiscard]] platform::TimePoint now() const override { return clock_.now(); }
  [[nodiscard]] const ike::engine::Engine& engine() const override { return *engine_; }
  [[nodiscard]] ike::config::IkeConfigPtr config() const override { return config_; }
  void run(const EngineCall& call) override;
  [[nodiscard]] std::vector<ipsec::reconcile::ChildStatus> children() override { return reconciler_->query(); }
  [[nodiscard]] bool kernel_has_esp() const override { return kernel_->capabilities().esp; }
  [[nodiscard]] std::string kernel_esp_reason() const override { return kernel_->capabilities().esp_reason; }
  [[nodiscard]] std::vector<ike::engine::Event> recent_events() const override;
  [[nodiscard]] ike::commands::DebugFlags debug_flags() const override { return logger_.flags; }
  void set_debug_flags(ike::commands::DebugFlags flags) override { logger_.flags = flags; }
  [[nodiscard]] Status set_keylog_file(std::optional<std::string> path) override;
  [[nodiscard]] std::optional<std::string> keylog_file() const override { return keylog_path_; }

  ike::engine::Engine& mutable_engine() { return *engine_; }

  // ike::engine::KeylogSink: rows go to the keylog files only while `debug crypto ikev2 keylog` is on.
  void ike_sa_keys(const ike::crypto::IkeKeylogInput& in) override;
  void child_sa_keys(const ike::crypto::EspKeylogInput& in) override;

 private:
  ProcessDataplane(boost::asio::io_context& io, const DataplaneSetup& setup, const platform::Clock& clock);
  Status open(std::unique_ptr<platform::KernelIpsec> kernel);
  void on_effects(const ike::engine::Effects& fx);
  void install_child(const ipsec::sa::ChildSa& child);
  void record_event(const ike::engine::Event& ev);
  void apply_policies();
  void tear_down_unconfigured();
  void apply_interfaces(const std::vector<ike::config_build::InterfaceInfo>& interfaces);
  void watch_kernel_events();
  void on_kernel_event(const platform::KernelEvent& ev);
  std::optional<uint32_t> entry_for_reqid(uint32_t reqid) const;
  void append_keylog(const std::string& path, const Result<std::string>& row);

  boost::asio::io_context& io_;
  DataplaneSetup setup_;
  const platform::Clock& clock_;
  ProcessLogger logger_;
  ike::crypto::OpenSslRandom random_;
  std::unique_ptr<platform::KernelIpsec> kernel_;
  std::unique_ptr<ipsec::reconcile::Reconciler> reconciler_;
  std::unique_ptr<ike::engine::SpiAllocator> spis_;
  std::unique_ptr<ike::engine::Engine> engine_;
  std::unique_ptr<ike::io::Runtime> runtime_;
  std::unique_ptr<platform::LinkTable> links_;
  std::unique_ptr<platform::InterfaceApplier> interfaces_;
  std::unique_ptr<boost::asio::posix::stream_descriptor> kernel_events_;
  ike::config::IkeConfigPtr config_;
  std::vector<std::string> warnings_;           // of the last build, printed when they change
  std::map<uint32_t, uint32_t> entry_by_reqid_;  // kernel reqid → crypto-map entry id
  std::deque<ike::engine::Event> events_;        // the last kMaxEvents
  std::optional<std::string> keylog_path_;
  bool stopped_ = false;
};

// Every address of this host's interfaces (link-local IPv6 excluded): the default socket set.
[[nodiscard]] std::vector<platform::IpAddress> host_addresses();

}  // namespace ravelin::cli
