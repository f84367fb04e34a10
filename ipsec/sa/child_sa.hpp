#pragma once
// The description of one negotiated CHILD_SA that the engine hands to the kernel side: both ESP SPIs,
// algorithms (IANA transform numbers, RFC 7296 §3.3.2), keys per direction laid out the way XFRM wants
// them, selectors, mode, lifetimes and the UDP encapsulation ports when NAT-T is in use.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ipsec/ts/traffic_selector.hpp"
#include "platform/net/ip_address.hpp"

namespace ravelin::ipsec::sa {

// Key bytes that are wiped when they go away. Never printed: there is no to_string().
class KeyBytes {
 public:
  KeyBytes() = default;
  explicit KeyBytes(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}
  KeyBytes(const KeyBytes&) = default;
  KeyBytes& operator=(const KeyBytes& other);
  KeyBytes(KeyBytes&& other) noexcept;
  KeyBytes& operator=(KeyBytes&& other) noexcept;
  ~KeyBytes();

  [[nodiscard]] const std::vector<uint8_t>& bytes() const { return bytes_; }
  [[nodiscard]] size_t size() const { return bytes_.size(); }
  [[nodiscard]] bool empty() const { return bytes_.empty(); }
  friend bool operator==(const KeyBytes& a, const KeyBytes& b) { return a.bytes_ == b.bytes_; }

 private:
  void wipe();
  std::vector<uint8_t> bytes_;
};

enum class Mode : uint8_t { Tunnel, Transport };

// IANA numbers (RFC 7296 §3.3.2 and the IKEv2 registry).
struct EspAlgorithms {
  uint16_t encr_id = 0;       // 12 = AES-CBC, 20 = AES-GCM-16, 28 = ChaCha20-Poly1305
  uint16_t encr_key_bits = 0; // without the AEAD salt
  uint16_t integ_id = 0;      // 0 = none (AEAD), 2 = HMAC-SHA1-96, 12/13/14 = HMAC-SHA2
  uint16_t dh_group = 0;      // PFS group used when the SA was created, 0 = none
  friend bool operator==(const EspAlgorithms&, const EspAlgorithms&) = default;
};

struct Lifetime {
  uint32_t soft_seconds = 0;
  uint32_t hard_seconds = 0;
  uint64_t soft_kilobytes = 0;  // 0 = unlimited
  uint64_t hard_kilobytes = 0;
};

struct UdpEncap {
  uint16_t local_port = 4500;
  uint16_t remote_port = 4500;
};

struct ChildSa {
  uint32_t inbound_spi = 0;   // chosen by us (kernel ALLOCSPI), used by the peer to send to us
  uint32_t outbound_spi = 0;  // chosen by the peer
  platform::IpAddress local;
  platform::IpAddress remote;
  Mode mode = Mode::Tunnel;
  EspAlgorithms algorithms;
  // §2.17 KEYMAT split into the inbound and outbound halves; each is the encryption key (with the
  // 4-byte salt appended for AEAD) followed by the integrity key.
  KeyBytes inbound_encr_key;
  KeyBytes inbound_integ_key;
  KeyBytes outbound_encr_key;
  KeyBytes outbound_integ_key;
  ts::TrafficSelectors local_ts;
  ts::TrafficSelectors remote_ts;
  Lifetime lifetime;
  std::optional<UdpEncap> encap;
  uint32_t reqid = 0;          // links SA and policy in XFRM; the engine uses the crypto-map entry id
  std::string source;          // "map NAME SEQ" or profile name, for show/diagnose
};

}  // namespace ravelin::ipsec::sa
