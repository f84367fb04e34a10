#pragma once
// The reconciler: desired crypto-map policies and negotiated CHILD_SAs → KernelIpsec operations.
//
// It converges by diff against what IT installed (never reading or touching foreign kernel state),
// records every kernel call's outcome so `show crypto ipsec sa` can explain what is (not) installed,
// and never reads a clock: callers pass `now`.
//
// Reqids: the engine names a child by its crypto-map entry id (a hash, usually outside the kernel's
// owned range); the reconciler maps each entry id to a stable reqid inside `owned_range()`.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ipsec/sa/child_sa.hpp"
#include "ipsec/ts/traffic_selector.hpp"
#include "platform/clock.hpp"
#include "platform/kernel_ipsec.hpp"
#include "platform/log.hpp"
#include "platform/result.hpp"

namespace ravelin::ipsec::reconcile {

// One protected flow of a crypto-map entry: traffic local_ts → remote_ts through local → remote.
struct DesiredPolicy {
  uint32_t entry_id = 0;  // CryptoMapEntry::id()
  uint32_t sequence = 0;  // crypto-map sequence number: lower = consulted first
  platform::IpAddress local;
  platform::IpAddress remote;
  sa::Mode mode = sa::Mode::Tunnel;
  ts::TrafficSelector local_ts;
  ts::TrafficSelector remote_ts;
};

// Priority of the kernel policies of a map entry: lower wins in XFRM, as a lower sequence does in IOS.
inline constexpr uint32_t kPriorityBase = 0x1000;
[[nodiscard]] inline uint32_t priority_for_sequence(uint32_t sequence) { return kPriorityBase + sequence; }

// An XFRM selector for traffic `src` → `dst`; an error when a range is not one prefix or a port range
// is neither one port nor all ports (XFRM selectors cannot say more).
[[nodiscard]] Result<platform::Selector> to_selector(const ts::TrafficSelector& src,
                                                     const ts::TrafficSelector& dst);

enum class ChildState : uint8_t {
  Installed,     // both SAs are in the kernel
  NotInstalled,  // the kernel cannot hold them (no ESP) or a kernel call failed; see `reason`
  Lingering,     // replaced by a rekey: only the inbound SA remains until `linger_until`
};

struct ChildStatus {
  uint32_t entry_id = 0;
  uint32_t reqid = 0;  // the kernel reqid
  std::string source;
  uint32_t inbound_spi = 0;
  uint32_t outbound_spi = 0;
  platform::IpAddress local;
  platform::IpAddress remote;
  ChildState state = ChildState::NotInstalled;
  std::string reason;  // "not installed: ..." when state == NotInstalled
  bool inbound_installed = false;
  bool outbound_installed = false;
  std::optional<platform::TimePoint> linger_until;
  platform::SaCounters inbound_counters;   // filled by query()
  platform::SaCounters outbound_counters;
};

class Reconciler {
 public:
  Reconciler(platform::KernelIpsec& kernel, platform::Logger& logger);

  // The kernel reqid of a crypto-map entry; allocated on first use, stable afterwards. An error when
  // the owned range is exhausted.
  [[nodiscard]] Result<uint32_t> reqid_for(uint32_t entry_id);

  // Converges the kernel's out/in/fwd policies to `desired`: removes the ones it installed that are
  // no longer wanted, then installs new or changed ones. Every successful call is recorded, so a
  // failed call leaves the record equal to the kernel and the next set_policies retries it.
  [[nodiscard]] Status set_policies(const std::vector<DesiredPolicy>& desired);
  [[nodiscard]] std::vector<platform::PolicySpec> installed_policies() const;
  // Forgets recorded policies the kernel no longer has (someone ran `ip xfrm policy flush`), so the
  // next set_policies puts them back. Reads only owned policies.
  [[nodiscard]] Status resync_policies();

  // Installs both ESP SAs of a child. Without kernel ESP the child is recorded as
  // "not installed: <reason>" and Ok is returned (policies stay).
  [[nodiscard]] Status install(const sa::ChildSa& child);
  // Make-before-break (RFC 7296 §2.8): installs `replacement`, then removes the old outbound SA; the
  // old inbound SA lingers until now + linger so packets still in flight are accepted.
  [[nodiscard]] Status rekey(uint32_t old_inbound_spi, const sa::ChildSa& replacement,
                             platform::TimePoint now, platform::Duration linger);
  // Removes both SAs of the child whose inbound SPI is given (a child that is not known is Ok).
  [[nodiscard]] Status remove(uint32_t inbound_spi);
  // Removes the lingering inbound SAs whose deadline has passed; returns how many.
  size_t expire_lingering(platform::TimePoint now);

  // Every child the reconciler knows, with counters read from the kernel for installed SAs.
  [[nodiscard]] std::vector<ChildStatus> query();
  [[nodiscard]] const ChildStatus* find(uint32_t inbound_spi) const;

 private:
  struct Child {
    ChildStatus status;
    platform::SaId inbound_id;
    platform::SaId outbound_id;
  };
  Status install_policy(const platform::PolicySpec& spec);
  Status add_pair(const platform::SaSpec& in, const platform::SaSpec& out, Child& record);
  Status delete_side(Child& child, bool inbound);

  platform::KernelIpsec& kernel_;
  platform::Logger& logger_;
  std::map<uint32_t, uint32_t> reqids_;  // entry id → kernel reqid
  uint32_t next_reqid_;
  std::vector<platform::PolicySpec> policies_;  // what this reconciler installed
  std::map<uint32_t, Child> children_;          // by inbound SPI
};

}  // namespace ravelin::ipsec::reconcile
