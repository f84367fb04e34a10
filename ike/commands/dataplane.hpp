#pragma once
// The seam between the crypto show/clear/debug commands and the running process. cli/main_*.cpp
// implements it over the real Engine, the Asio runtime and the reconciler, and provides it as a
// grammar service: `ctx.services.get<ike::commands::Dataplane>()` (nullptr in `ravelin check`, in
// transcript tests without an engine: handlers then print nothing and succeed).
//
// Kept free of Boost and libnl so ike/commands stays inside its module arrows.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "ike/engine/effects.hpp"
#include "ike/engine/engine.hpp"
#include "ipsec/reconcile/reconciler.hpp"
#include "platform/clock.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::commands {

// `debug crypto ikev2 [packet|internal|error]` (IOS) / `debug crypto ikev2 platform|protocol N` (ASA)
// switch these categories on; the process writes matching log lines to its console and to every
// vty session that ran `terminal monitor`.
struct DebugFlags {
  bool packet = false;    // "ikev2.packet": one line per datagram in/out (exchange, MID, payloads)
  bool internal = false;  // "ikev2.internal": state changes, decisions
  bool error = false;     // "ikev2.error": failures with their reason
  friend bool operator==(const DebugFlags&, const DebugFlags&) = default;
};

class Dataplane {
 public:
  virtual ~Dataplane() = default;

  [[nodiscard]] virtual platform::TimePoint now() const = 0;
  [[nodiscard]] virtual const engine::Engine& engine() const = 0;
  // The config the engine runs with now (never null once the process started).
  [[nodiscard]] virtual config::IkeConfigPtr config() const = 0;

  // Runs one engine call with the current time and executes its effects: datagrams are sent, child
  // SAs installed/removed in the kernel, events recorded. For `clear crypto ...`.
  using EngineCall = std::function<engine::Effects(engine::Engine&, platform::TimePoint now)>;
  virtual void run(const EngineCall& call) = 0;

  // Every child SA the kernel side knows, with counters read from the kernel now.
  [[nodiscard]] virtual std::vector<ipsec::reconcile::ChildStatus> children() = 0;
  // Whether the kernel can carry ESP at all, and why not ("no ESP in this kernel: ...").
  [[nodiscard]] virtual bool kernel_has_esp() const = 0;
  [[nodiscard]] virtual std::string kernel_esp_reason() const = 0;

  // The most recent engine events (failures carry their diagnose text), oldest first, bounded.
  [[nodiscard]] virtual std::vector<engine::Event> recent_events() const = 0;

  [[nodiscard]] virtual DebugFlags debug_flags() const = 0;
  virtual void set_debug_flags(DebugFlags flags) = 0;

  // `debug crypto ikev2 keylog FILE` / `no debug crypto ikev2 keylog`: Wireshark key-log rows of
  // every IKE and child SA established from now on are appended to FILE (created 0600). The only
  // way secrets ever leave the process, on the operator's explicit request.
  [[nodiscard]] virtual Status set_keylog_file(std::optional<std::string> path) = 0;
  [[nodiscard]] virtual std::optional<std::string> keylog_file() const = 0;
};

}  // namespace ravelin::ike::commands
