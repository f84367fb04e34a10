#pragma once
// The kernel's IPsec state (SAD and SPD) as seen by ravelin: ESP SAs, policies, SPI allocation and
// kernel events. std only; the Linux XFRM implementation over libnl is in platform/linux/.
//
// Ownership: ravelin touches only what it installed. Everything it installs carries a reqid inside
// `OwnedRange` (SAs, the templates of policies, larval SAs from allocate_spi), so `flush_owned()`
// can remove the stale state of an earlier run (even one killed with -9) and never anything else.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "platform/net/ip_address.hpp"
#include "platform/result.hpp"

namespace ravelin::platform {

enum class IpsecMode : uint8_t { Tunnel, Transport };

enum class EspEncryption : uint8_t {
  AesCbc,     // "cbc(aes)", key 16/24/32 bytes
  AesGcm16,   // "rfc4106(gcm(aes))", ICV 16 bytes; key = AES key || 4-byte salt (RFC 4106 §8.1)
};

enum class EspIntegrity : uint8_t {
  None,             // only with AesGcm16 (an AEAD)
  HmacSha1_96,      // "hmac(sha1)", 20-byte key, truncated to 96 bits (RFC 2404)
  HmacSha256_128,   // "hmac(sha256)", 32-byte key, 128 bits (RFC 4868)
  HmacSha384_192,   // "hmac(sha384)", 48-byte key, 192 bits
  HmacSha512_256,   // "hmac(sha512)", 64-byte key, 256 bits
};

enum class SaDirection : uint8_t { Inbound, Outbound };

// 0 means "no limit" for every field.
struct SaLifetime {
  uint64_t soft_seconds = 0;
  uint64_t hard_seconds = 0;
  uint64_t soft_bytes = 0;
  uint64_t hard_bytes = 0;
  uint64_t soft_packets = 0;
  uint64_t hard_packets = 0;
  friend bool operator==(const SaLifetime&, const SaLifetime&) = default;
};

// XFRM mark: matches packets whose fwmark & mask == value. {0, 0} means "no mark".
struct XfrmMark {
  uint32_t value = 0;
  uint32_t mask = 0;
  friend bool operator==(const XfrmMark&, const XfrmMark&) = default;
};

// UDP encapsulation of ESP (RFC 3948), ports in host order.
struct UdpEncap {
  uint16_t src_port = 4500;
  uint16_t dst_port = 4500;
  friend bool operator==(const UdpEncap&, const UdpEncap&) = default;
};

// What identifies an SA in the kernel: destination, SPI (protocol is always ESP) and mark.
struct SaId {
  IpAddress dst;
  uint32_t spi = 0;  // host order
  XfrmMark mark;
  friend bool operator==(const SaId&, const SaId&) = default;
};

// One ESP SA. Keys are secrets: never log or print them.
struct SaSpec {
  SaDirection direction = SaDirection::Outbound;
  IpAddress src;  // outer addresses (tunnel endpoints or transport hosts)
  IpAddress dst;
  uint32_t spi = 0;  // host order
  IpsecMode mode = IpsecMode::Tunnel;
  EspEncryption encryption = EspEncryption::AesCbc;
  std::vector<uint8_t> encryption_key;
  EspIntegrity integrity = EspIntegrity::HmacSha1_96;
  std::vector<uint8_t> integrity_key;
  std::optional<UdpEncap> encap;
  uint32_t replay_window = 32;  // packets; inbound only matters
  bool esn = false;             // 64-bit extended sequence numbers (RFC 4303 §2.2.1)
  SaLifetime lifetime;
  uint32_t reqid = 0;  // must lie in the owned range
  XfrmMark mark;
  uint32_t if_id = 0;  // XFRM interface id for route-based tunnels; 0 = none

  [[nodiscard]] SaId id() const { return {dst, spi, mark}; }
};

// A traffic selector as XFRM knows it: prefixes, protocol, and per side a port with a mask.
// A mask of 0 means "exactly src_port" when src_port != 0 and "any port" when it is 0 (the common
// cases need no mask); any other mask keeps the bits set in it, so an aligned block of 2^k ports
// is (first port, 0xffff << k). A port range that is not one block needs several selectors
// (see ipsec/reconcile). Exactly port 0 is {0, 0xffff}.
struct Selector {
  Prefix src;
  Prefix dst;
  uint8_t protocol = 0;  // IP protocol number, 0 = any
  uint16_t src_port = 0;
  uint16_t dst_port = 0;
  uint16_t src_port_mask = 0;
  uint16_t dst_port_mask = 0;
  friend bool operator==(const Selector&, const Selector&) = default;
};

// The mask XFRM compares a selector port with (see Selector).
[[nodiscard]] inline uint16_t effective_port_mask(uint16_t port, uint16_t mask) {
  if (mask != 0) return mask;
  return port != 0 ? uint16_t{0xffff} : uint16_t{0};
}
// The Selector form of a port and the mask XFRM uses: an exact non-zero port gets mask 0, so
// selectors read back from the kernel compare equal to the ones built.
[[nodiscard]] inline uint16_t canonical_port_mask(uint16_t port, uint16_t mask) {
  return mask == 0xffff && port != 0 ? uint16_t{0} : mask;
}

enum class PolicyDirection : uint8_t { In, Out, Fwd };

// What identifies a policy: direction, selector, mark and interface id.
struct PolicyId {
  PolicyDirection direction = PolicyDirection::Out;
  Selector selector;
  XfrmMark mark;
  uint32_t if_id = 0;
  friend bool operator==(const PolicyId&, const PolicyId&) = default;
};

// A policy that protects `selector` with one ESP template bound to `reqid`.
struct PolicySpec {
  PolicyId id;
  uint32_t priority = 0;  // lower wins; the reconciler derives it from the crypto-map sequence
  IpsecMode mode = IpsecMode::Tunnel;
  IpAddress tmpl_src;  // tunnel endpoints of the template (for In/Fwd: peer → us)
  IpAddress tmpl_dst;
  uint32_t reqid = 0;  // must lie in the owned range
};

struct SaCounters {
  uint64_t bytes = 0;
  uint64_t packets = 0;
  uint64_t replay_errors = 0;     // replayed packets dropped
  uint64_t integrity_errors = 0;  // ICV check failures
  uint64_t replay_window_errors = 0;
  [[nodiscard]] uint64_t errors() const { return replay_errors + integrity_errors + replay_window_errors; }
};

// An SA read back from the kernel (keys are not read back).
struct InstalledSa {
  SaId id;
  IpAddress src;
  uint32_t reqid = 0;
  IpsecMode mode = IpsecMode::Tunnel;
  bool larval = false;  // allocated SPI or ACQUIRE placeholder, no keys yet
  std::optional<SaDirection> direction;  // when the kernel records one (Linux >= 6.10)
  SaCounters counters;
};

struct InstalledPolicy {
  PolicyId id;
  uint32_t priority = 0;
  uint32_t index = 0;  // kernel-assigned policy index
  std::vector<uint32_t> reqids;
};

// Events the kernel sends. Only events about owned reqids are delivered.
struct AcquireEvent {
  // A packet matched an `out` policy whose template has no SA (RFC 4301 §4.4.1 "trigger").
  Selector selector;        // the policy's selector
  Selector packet;          // the triggering packet's addresses/ports (single hosts)
  uint32_t policy_index = 0;
  uint32_t reqid = 0;
  IpAddress tmpl_src;
  IpAddress tmpl_dst;
  XfrmMark mark;
};
struct ExpireEvent {
  SaId sa;
  uint32_t reqid = 0;
  bool hard = false;  // soft → rekey, hard → the kernel deleted it
};
struct MappingEvent {
  // The peer's NAT mapping changed (UDP-encapsulated SA saw a new source address/port).
  SaId sa;
  uint32_t reqid = 0;
  Endpoint old_src;
  Endpoint new_src;
};
using KernelEvent = std::variant<AcquireEvent, ExpireEvent, MappingEvent>;

struct KernelCapabilities {
  bool xfrm = false;            // XFRM netlink answers
  bool esp = false;             // ESP SAs can be installed
  std::string esp_reason;       // why not, when esp == false
  bool sa_direction = false;    // XFRMA_SA_DIR (Linux ≥ 6.10); without it SAs carry no direction
  std::string kernel_release;   // uname -r
};

// Inclusive reqid range that this process owns.
struct OwnedRange {
  uint32_t reqid_min = 0x52560000;
  uint32_t reqid_max = 0x5256ffff;
  [[nodiscard]] bool owns(uint32_t reqid) const { return reqid >= reqid_min && reqid <= reqid_max; }
};

struct FlushReport {
  size_t sas_removed = 0;
  size_t policies_removed = 0;
};

class KernelIpsec {
 public:
  virtual ~KernelIpsec() = default;

  [[nodiscard]] virtual const KernelCapabilities& capabilities() const = 0;
  [[nodiscard]] virtual const OwnedRange& owned_range() const = 0;

  // Reserves an inbound SPI (a larval SA from peer `src` to us `dst`); a later add_sa with that SPI
  // completes it.
  [[nodiscard]] virtual Result<uint32_t> allocate_spi(const IpAddress& src, const IpAddress& dst,
                                                      uint32_t reqid) = 0;
  // Installs an SA (completing a larval one from allocate_spi). Without kernel ESP this fails with
  // "not installed: " + capabilities().esp_reason.
  [[nodiscard]] virtual Status add_sa(const SaSpec& sa) = 0;
  // Replaces an installed SA with the same id (e.g. new NAT-T ports).
  [[nodiscard]] virtual Status update_sa(const SaSpec& sa) = 0;
  [[nodiscard]] virtual Status delete_sa(const SaId& id) = 0;
  [[nodiscard]] virtual Result<SaCounters> sa_counters(const SaId& id) = 0;
  [[nodiscard]] virtual Result<std::vector<InstalledSa>> list_sas() = 0;  // owned only

  // Adds, or replaces when one with the same id exists.
  [[nodiscard]] virtual Status install_policy(const PolicySpec& policy) = 0;
  [[nodiscard]] virtual Status delete_policy(const PolicyId& id) = 0;
  [[nodiscard]] virtual Result<std::vector<InstalledPolicy>> list_policies() = 0;  // owned only

  // Removes every owned SA and policy: at start-up (stale state of an earlier run) and at a clean stop.
  [[nodiscard]] virtual Result<FlushReport> flush_owned() = 0;

  // A file descriptor that becomes readable when kernel events wait; drain() reads and parses them
  // without blocking. -1 when there is no event source.
  [[nodiscard]] virtual int event_fd() const = 0;
  [[nodiscard]] virtual std::vector<KernelEvent> drain() = 0;
};

}  // namespace ravelin::platform
