#pragma once
// Read-only views of engine state for `show crypto ikev2 sa [detailed]`, `show crypto ipsec sa` and
// diagnostics. Plain values copied out of the engine: holding one never pins engine memory.
#include <cstdint>
#include <string>
#include <vector>

#include "ipsec/sa/child_sa.hpp"
#include "platform/clock.hpp"
#include "platform/net/ip_address.hpp"

namespace ravelin::ike::engine {

enum class IkeStatus : uint8_t { InitSent, AuthSent, Negotiating, Ready, Rekeying, Deleting };
[[nodiscard]] const char* status_name(IkeStatus s);  // "IN-NEG", "READY", "DELETE" as IOS shows them

struct ChildSaSnapshot {
  uint32_t inbound_spi = 0;
  uint32_t outbound_spi = 0;
  ipsec::sa::EspAlgorithms algorithms;
  ipsec::sa::Mode mode = ipsec::sa::Mode::Tunnel;
  ipsec::ts::TrafficSelectors local_ts;
  ipsec::ts::TrafficSelectors remote_ts;
  uint32_t map_entry_id = 0;
  platform::TimePoint established{};
  platform::TimePoint rekey_at{};
  platform::TimePoint expire_at{};
};

struct IkeSaSnapshot {
  uint32_t tunnel_id = 0;
  platform::Endpoint local;
  platform::Endpoint remote;
  IkeStatus status = IkeStatus::InitSent;
  bool initiator = false;
  uint64_t spi_i = 0;
  uint64_t spi_r = 0;
  uint16_t encr = 0, key_bits = 0, prf = 0, integ = 0, group = 0;  // IANA numbers
  uint32_t lifetime_seconds = 0;
  platform::TimePoint established{};  // active time = now - established
  uint32_t next_request_id = 0;       // our next Message ID
  uint32_t next_peer_request_id = 0;  // the peer's next expected Message ID
  bool nat_local = false;             // we are behind a NAT (§2.23)
  bool nat_remote = false;            // the peer is behind a NAT
  std::string local_identity;
  std::string remote_identity;
  std::string profile;
  bool peer_fragmentation = false;             // both announced IKEV2_FRAGMENTATION_SUPPORTED (RFC 7383)
  std::vector<uint16_t> peer_signature_hashes;  // the peer's SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4)
  uint32_t peer_window = 1;                     // the peer's SET_WINDOW_SIZE (§2.3)
  std::vector<ChildSaSnapshot> children;
};

struct EngineCounters {
  uint64_t datagrams_in = 0;
  uint64_t datagrams_out = 0;
  uint64_t retransmits = 0;
  uint64_t cached_responses = 0;     // retransmitted requests answered from the response cache
  uint64_t dropped_unknown_spi = 0;
  uint64_t dropped_out_of_window = 0;
  uint64_t dropped_invalid = 0;
  uint64_t cookies_sent = 0;
  uint64_t half_open_refused = 0;
  uint64_t ike_sa_established = 0;
  uint64_t child_sa_established = 0;
  uint64_t peers_declared_dead = 0;
  uint64_t ike_rekey_collisions = 0;   // simultaneous IKE rekeys resolved by the nonce rule (§2.8.2)
  uint64_t invalid_ike_spi_sent = 0;   // INVALID_IKE_SPI answers to requests for unknown SAs (§2.21.4)
  uint64_t invalid_ike_spi_rate_limited = 0;  // ... not sent because of the rate limit
  uint64_t invalid_ike_spi_received = 0;      // unprotected INVALID_IKE_SPI from a peer (state unchanged)
  uint64_t nat_keepalives_sent = 0;    // RFC 3948 §2.3
  uint64_t fragments_sent = 0;         // RFC 7383 SKF datagrams
  uint64_t fragmented_messages_received = 0;
  // Children deleted locally because the peer reported ESP with their SPI as unknown (N(INVALID_SPI) in
  // an authenticated INFORMATIONAL, §2.21/§3.10.1).
  uint64_t invalid_spi_received = 0;
  uint64_t ike_sa_rekeyed = 0;       // IKE SAs replaced by a rekey (§2.18), either side's initiative
  uint64_t create_child_sent = 0;     // additional children requested (CREATE_CHILD_SA without REKEY_SA)
  uint32_t max_requests_in_flight = 0;  // the most requests of ours outstanding at once on one SA (§2.3)
};

}  // namespace ravelin::ike::engine
