#pragma once
// Engine-internal per-IKE-SA state. Small on purpose (issue 10): handshake scratch lives in a separately
// allocated Handshake that is freed once the SA is established.
#include <memory>
#include <optional>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "ike/crypto/kdf.hpp"
#include "ike/crypto/key_exchange.hpp"
#include "ike/crypto/prf.hpp"
#include "ike/crypto/sk_cipher.hpp"
#include "ike/engine/proposal.hpp"
#include "ike/engine/snapshot.hpp"
#include "ike/wire/fragment.hpp"
#include "ike/wire/message.hpp"

namespace ravelin::ike::engine {

// ClearChild: an INFORMATIONAL D(ESP) for a child already removed locally (`clear crypto sa`).
enum class RequestKind : uint8_t { IkeSaInit, IkeAuth, CreateChild, RekeyChild, RekeyIke, Dpd, Delete, DeleteChild, ClearChild };

// An in-flight CREATE_CHILD_SA we initiated (child rekey or IKE rekey).
struct ChildExchange {
  RequestKind kind = RequestKind::RekeyChild;
  uint32_t old_inbound_spi = 0;   // child being rekeyed
  uint32_t new_inbound_spi = 0;   // child: our new SPI
  uint64_t new_ike_spi = 0;       // IKE rekey: our new IKE SPI
  uint32_t map_entry_id = 0;      // additional child (CreateChild): the crypto-map entry it serves
  bool cleared = false;           // the child being rekeyed was cleared meanwhile: its successor goes too
  std::unique_ptr<crypto::KeyExchange> ke;
  wire::Bytes nonce;
  std::vector<wire::Proposal> offered;
  ipsec::ts::TrafficSelectors tsi, tsr;  // what we asked for (the old child may be deleted meanwhile)
};

struct OutstandingRequest {
  uint32_t message_id = 0;
  RequestKind kind = RequestKind::IkeSaInit;
  std::vector<wire::Bytes> frames;  // the datagram(s) as sent: one message or its SKF fragments
  platform::TimePoint next_send{};
  uint32_t tries = 0;
  uint32_t child_spi = 0;  // DeleteChild/RekeyChild: our inbound SPI of the child concerned
  std::unique_ptr<ChildExchange> cx;  // CREATE_CHILD_SA: what the response completes
};

// The requests we sent whose responses are pending: up to the window (§2.3), each retransmitted on its
// own timer and completed by the response with its Message ID. `bool`, `->` and `reset()` address the
// *current* request: the one just sent, or the one whose response is being handled.
class InFlight {
 public:
  [[nodiscard]] bool empty() const { return items_.empty(); }
  [[nodiscard]] size_t size() const { return items_.size(); }
  explicit operator bool() const { return current_ < items_.size(); }
  OutstandingRequest* operator->() { return &items_[current_]; }
  const OutstandingRequest* operator->() const { return &items_[current_]; }
  OutstandingRequest& operator*() { return items_[current_]; }
  // The current request is complete: forget it.
  void reset();
  // Forgets every request (the SA is going away or being replaced).
  void clear() { items_.clear(); current_ = kNone; }
  OutstandingRequest& add(OutstandingRequest r);
  // Makes the request with this Message ID current; false (and none current) if there is none.
  bool select(uint32_t message_id);
  [[nodiscard]] bool contains(uint32_t message_id) const;
  [[nodiscard]] bool has(RequestKind kind) const;
  [[nodiscard]] bool has(RequestKind kind, uint32_t child_spi) const;
  // The lowest Message ID still unanswered (§2.3: request X waits for the responses up to X - window).
  [[nodiscard]] uint32_t lowest_id() const;
  std::vector<OutstandingRequest>& all() { return items_; }
  [[nodiscard]] const std::vector<OutstandingRequest>& all() const { return items_; }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<OutstandingRequest> items_;
  size_t current_ = kNone;
};

struct CachedResponse {
  uint32_t message_id = 0;
  std::vector<wire::Bytes> frames;
};

// Work waiting for the window (RFC 7296 §2.3: window 1 means one request at a time).
struct QueuedWork {
  RequestKind kind = RequestKind::Dpd;
  uint32_t child_spi = 0;
  uint32_t map_entry_id = 0;  // CreateChild
};

// What the handshake needs until IKE_AUTH completes (or a CREATE_CHILD_SA completes).
struct Handshake {
  std::unique_ptr<crypto::KeyExchange> ke;
  wire::Bytes ni, nr;
  wire::Bytes init_request;   // RealMessage1 (§2.15)
  wire::Bytes init_response;  // RealMessage2
  wire::Bytes cookie;
  std::vector<wire::Proposal> offered;  // our IKE proposals as sent (initiator)
  // First child (initiator): what we asked for.
  uint32_t child_spi = 0;
  std::vector<wire::Proposal> child_offered;
  ipsec::ts::TrafficSelectors tsi, tsr;
};

struct ChildState {
  uint32_t inbound_spi = 0;
  uint32_t outbound_spi = 0;
  ipsec::sa::EspAlgorithms algorithms;
  ipsec::sa::Mode mode = ipsec::sa::Mode::Tunnel;
  ipsec::ts::TrafficSelectors local_ts, remote_ts;
  uint32_t map_entry_id = 0;
  platform::TimePoint established{}, rekey_at{}, expire_at{};
  bool rekeying = false;
  bool rekeyed = false;          // replaced by a newer child; removed when its DELETE completes
  // Rekey bookkeeping for §2.8.1 collisions: the child this one replaces, whether we initiated the
  // exchange that created it, and the lowest nonce of that exchange (kept until the old child is gone).
  uint32_t replaces = 0;
  bool we_initiated = false;
  wire::Bytes min_nonce;
};

struct IkeSa {
  uint32_t id = 0;
  bool initiator = false;
  IkeStatus status = IkeStatus::InitSent;
  uint64_t spi_i = 0, spi_r = 0;
  platform::Endpoint local, remote;
  IkeAlgorithms alg;
  std::unique_ptr<crypto::SkCipher> cipher;
  std::unique_ptr<crypto::Prf> prf;
  crypto::IkeSaKeys keys;
  std::unique_ptr<Handshake> hs;

  uint32_t next_request_id = 0;
  uint32_t next_peer_request_id = 0;
  InFlight outstanding;
  // Both hold a handful of entries at most; vectors, because an empty std::deque allocates ~600 bytes
  // and there may be 100,000 SAs (docs/BENCHMARKS.md "100,000 SAs").
  std::vector<QueuedWork> queue;
  // Response cache (§2.3): the last responses we sent (as many as the window we announced), each as
  // one datagram or its SKF fragments, by the request's Message ID.
  std::vector<CachedResponse> responses;
  [[nodiscard]] const CachedResponse* cached(uint32_t message_id) const;
  // SKF reassembly (RFC 7383) of the peer's requests [0] and responses [1], allocated on first use.
  std::unique_ptr<wire::FragmentReassembler> reassembly[2];

  std::string profile;
  uint32_t map_entry_id = 0;
  config::Identity local_id, remote_id;
  std::vector<ChildState> children;

  platform::TimePoint created{}, established{}, rekey_at{}, expire_at{}, last_heard{}, dpd_at{};
  platform::TimePoint scheduled{};  // the key it has in Engine::timers_set_
  uint32_t lifetime_seconds = 86400;
  bool nat_local = false, nat_remote = false;
  bool half_open = false;   // counted in the engine's half-open total (responder before IKE_AUTH)
  bool superseded = false;  // replaced by a rekeyed IKE SA (§2.18); goes away silently
  // Simultaneous IKE rekeys (§2.8.2): on the old SA, the id of the SA the peer's rekey created while
  // ours was in flight (parked until our own response decides); on that parked SA, the old SA's id.
  uint32_t rekey_parked_id = 0;
  uint32_t parked_for = 0;
  wire::Bytes rekey_min_nonce;  // an SA created by a rekey: the lowest nonce of its exchange
  // What the peer announced in IKE_SA_INIT / IKE_AUTH (inherited by a rekeyed SA):
  bool peer_fragmentation = false;             // IKEV2_FRAGMENTATION_SUPPORTED (RFC 7383 §2.3)
  std::vector<uint16_t> peer_signature_hashes;  // SIGNATURE_HASH_ALGORITHMS (RFC 7427 §4), IANA hash ids
  uint32_t peer_window = 1;                     // SET_WINDOW_SIZE (§2.3): requests we may have in flight
  platform::TimePoint keepalive_at{};           // next NAT keepalive (RFC 3948 §2.3), when we are behind a NAT

  [[nodiscard]] uint64_t local_spi() const { return initiator ? spi_i : spi_r; }
  // Keys for messages we send and messages we receive (SK_ei/SK_ai belong to the original initiator).
  [[nodiscard]] const crypto::SecretBytes& out_encr() const { return initiator ? keys.sk_ei : keys.sk_er; }
  [[nodiscard]] const crypto::SecretBytes& out_integ() const { return initiator ? keys.sk_ai : keys.sk_ar; }
  [[nodiscard]] const crypto::SecretBytes& in_encr() const { return initiator ? keys.sk_er : keys.sk_ei; }
  [[nodiscard]] const crypto::SecretBytes& in_integ() const { return initiator ? keys.sk_ar : keys.sk_ai; }
  // A CREATE_CHILD_SA of ours (child or IKE rekey, additional child) awaits its response.
  [[nodiscard]] bool child_exchange_in_flight() const;
  ChildState* find_child(uint32_t inbound_spi);
  ChildState* find_child_by_outbound(uint32_t outbound_spi);
};

}  // namespace ravelin::ike::engine
