#pragma once
// A Dataplane over one peer of a pair-test harness: the real engine, the harness's fake clock and
// network (run() feeds the effects back into the pair, so a `clear` reaches the other engine too),
// kernel child statuses the test sets, and recorded debug/keylog state.
#include <optional>
#include <string>
#include <vector>

#include "ike/commands/dataplane.hpp"
#include "tests/pair/engine/pair_harness.hpp"

namespace ravelin::test {

class FakeDataplane final : public ike::commands::Dataplane {
 public:
  FakeDataplane(Pair& pair, Peer& peer, ike::config::IkeConfigPtr cfg)
      : pair_(pair), peer_(peer), cfg_(std::move(cfg)) {}

  platform::TimePoint now() const override { return pair_.clock.now(); }
  const ike::engine::Engine& engine() const override { return *peer_.engine; }
  ike::config::IkeConfigPtr config() const override { return cfg_; }
  void run(const EngineCall& call) override {
    ++runs;
    pair_.absorb(peer_, call(*peer_.engine, pair_.clock.now()));
  }
  std::vector<ipsec::reconcile::ChildStatus> children() override { return kernel; }
  bool kernel_has_esp() const override { return has_esp; }
  std::string kernel_esp_reason() const override { return esp_reason; }
  std::vector<ike::engine::Event> recent_events() const override { return events; }
  ike::commands::DebugFlags debug_flags() const override { return flags; }
  void set_debug_flags(ike::commands::DebugFlags f) override { flags = f; }
  Status set_keylog_file(std::optional<std::string> path) override {
    if (path && path->find("/nonexistent/") != std::string::npos) return make_error("cannot open " + *path);
    keylog = std::move(path);
    return {};
  }
  std::optional<std::string> keylog_file() const override { return keylog; }

  // Kernel statuses for every child the engine holds: installed with the given counters, or (no
  // ESP) recorded as not installed with the reconciler's reason.
  void mirror_kernel(bool installed, platform::SaCounters in = {}, platform::SaCounters out = {}) {
    kernel.clear();
    for (const auto& sa : peer_.engine->snapshot()) {
      for (const auto& c : sa.children) {
        ipsec::reconcile::ChildStatus k;
        k.entry_id = c.map_entry_id;
        k.inbound_spi = c.inbound_spi;
        k.outbound_spi = c.outbound_spi;
        k.local = sa.local.address;
        k.remote = sa.remote.address;
        k.state = installed ? ipsec::reconcile::ChildState::Installed : ipsec::reconcile::ChildState::NotInstalled;
        k.reason = installed ? "" : "not installed: " + esp_reason;
        k.inbound_installed = k.outbound_installed = installed;
        k.inbound_counters = in;
        k.outbound_counters = out;
        kernel.push_back(k);
      }
    }
  }

  int runs = 0;
  std::vector<ipsec::reconcile::ChildStatus> kernel;
  bool has_esp = true;
  std::string esp_reason = "no ESP in this kernel: esp4 is not available";
  std::vector<ike::engine::Event> events;
  ike::commands::DebugFlags flags;
  std::optional<std::string> keylog;

 private:
  Pair& pair_;
  Peer& peer_;
  ike::config::IkeConfigPtr cfg_;
};

}  // namespace ravelin::test
