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

// Most XFRM selectors one flow may need: a port range splits into aligned blocks per side and the
// flow into their product (1-65534 on both sides would need 900); beyond this the flow is refused.
inline constexpr size_t kMaxSelectorsPerFlow = 64;

// The XFRM selectors for traffic `src` → `dst`: one per pair of aligned port blocks (an XFRM
// selector has one port and mask per side). An error when an address range is not one prefix, the
// protocols differ, ports are restricted for a protocol other than TCP, UDP or SCTP (ICMP "ports"
// are type and code, RFC 4301 §4.4.1.3, which XFRM keeps elsewhere), or more than
// kMaxSelectorsPerFlow would be needed.
[[nodiscard]] Result<std::vector<platform::Selector>> to_selectors(const ts::TrafficSelector& src,
                                                                   const ts::TrafficSelector& dst);
// The one selector for `src` → `dst`; an error when to_selectors would need several.
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
  uint16_t remote_port = 0;  // the peer's UDP encapsulation port (NAT-T), 0 = plain ESP
  platform::SaCounters inbound_counters;   // filled by query()
  platform::SaCounters outbound_counters;
};

class Reconciler {
 public:
  Reconciler(platform::KernelIpsec& kernel, platform::Logger& logger);

  // The kernel reqid of a crypto-map entry; allocated on first use, stable while the entry is in use.
  // An error when the owned range is exhausted. A reqid is given back (and later reused) once its
  // entry is gone: not among the last set_policies, no installed policy and no child left.
  [[nodiscard]] Result<uint32_t> reqid_for(uint32_t entry_id);
  // How many entry ids hold a reqid now (for tests and `show`).
  [[nodiscard]] size_t reqids_in_use() const { return reqids_.size(); }

  // Converges the kernel's out/in/fwd policies to `desired`: removes the ones it installed that are
  // no longer wanted, then installs new or changed ones. Every successful call is recorded, so a
  // failed call leaves the record equal to the kernel and the next set_policies retries it.
  [[nodiscard]] Status set_policies(const std::vector<DesiredPolicy>& desired);
  [[nodiscard]] std::vector<platform::PolicySpec> installed_policies() const;
  // Forgets recorded policies the kernel no longer has (someone ran `ip xfrm policy flush`), so the
  // next set_policies puts them back. Reads only owned policies.
  [[nodiscard]] Status resync_policies();

  // Installs both ESP SAs of a child. `child.reqid` is its crypto-map entry id, or the kernel reqid
  // reqid_for already gave that entry (both end up under the entry's reqid, never a second one).
  // Without kernel ESP the child is recorded as
  // "not installed: <reason>" and Ok is returned (policies stay).
  [[nodiscard]] Status install(const sa::ChildSa& child);
  // Make-before-break (RFC 7296 §2.8): installs `replacement`, then removes the old outbound SA; the
  // old inbound SA lingers until now + linger so packets still in flight are accepted.
  [[nodiscard]] Status rekey(uint32_t old_inbound_spi, const sa::ChildSa& replacement,
                             platform::TimePoint now, platform::Duration linger);
  // The peer's NAT mapping changed (RFC 7296 §2.23: a NAT rebinding gave it a new source port):
  // both SAs of the child whose inbound SPI is given take `peer.port` as the peer's UDP
  // encapsulation port (UPDSA, keys and counters kept). Errors: no such child, a child without UDP
  // encapsulation, or a new peer address (the crypto map's policies name the old one; XFRM's UPDSA
  // cannot move an SA's addresses either).
  [[nodiscard]] Status update_encap(uint32_t inbound_spi, const platform::Endpoint& peer);
  // update_encap for an XFRM MAPPING event about one of this reconciler's inbound SAs.
  [[nodiscard]] Status on_mapping(const platform::MappingEvent& event) {
    return update_encap(event.sa.spi, event.new_src);
  }
  // Removes both SAs of the child whose inbound SPI is given (a child that is not known is Ok).
  [[nodiscard]] Status remove(uint32_t inbound_spi);
  // Removes the lingering inbound SAs whose deadline has passed; returns how many.
  size_t expire_lingering(platform::TimePoint now);

  // Every child the reconciler knows, with counters read from the kernel for installed SAs.
  [[nodiscard]] std::vector<ChildStatus> query();
  [[nodiscard]] const ChildStatus* find(uint32_t inbound_spi) const;

 private:
  // The specs a child was installed with, kept for update_encap; keys are wiped when it goes.
  struct KeptSpecs {
    platform::SaSpec inbound;
    platform::SaSpec outbound;
    KeptSpecs() = default;
    KeptSpecs(const KeptSpecs&) = default;
    KeptSpecs(KeptSpecs&&) noexcept = default;
    KeptSpecs& operator=(const KeptSpecs&) = default;
    KeptSpecs& operator=(KeptSpecs&&) noexcept = default;
    ~KeptSpecs();
  };
  struct Child {
    ChildStatus status;
    platform::SaId inbound_id;
    platform::SaId outbound_id;
    KeptSpecs specs;
  };
  Status install_policy(const platform::PolicySpec& spec);
  Status add_pair(const platform::SaSpec& in, const platform::SaSpec& out, Child& record);
  Status delete_side(Child& child, bool inbound);
  void reclaim_reqids();

  platform::KernelIpsec& kernel_;
  platform::Logger& logger_;
  std::map<uint32_t, uint32_t> reqids_;  // entry id → kernel reqid
  uint32_t next_reqid_;
  std::vector<uint32_t> free_reqids_;     // given back by entries that are gone
  std::vector<uint32_t> desired_entries_;  // entry ids of the last set_policies
  std::vector<platform::PolicySpec> policies_;  // what this reconciler installed
  std::map<uint32_t, Child> children_;          // by inbound SPI
};

}  // namespace ravelin::ipsec::reconcile
