#pragma once
// The sans-IO IKEv2 engine (RFC 7296). It owns no socket, timer, thread or clock: every entry point
// takes `now` and returns Effects; next_deadline() says when on_timer() wants to run next.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "ike/crypto/cookie.hpp"
#include "ike/crypto/random.hpp"
#include "ike/engine/effects.hpp"
#include "ike/engine/keylog_sink.hpp"
#include "ike/engine/snapshot.hpp"
#include "ike/wire/codec.hpp"
#include "platform/clock.hpp"
#include "platform/log.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {
class KeyExchange;  // ike/crypto/key_exchange.hpp
}  // namespace ravelin::ike::crypto

namespace ravelin::ike::engine {

// Inbound ESP SPIs come from here; the runtime uses the kernel's XFRM_MSG_ALLOCSPI, tests a counter.
using ravelin::Result;

class SpiAllocator {
 public:
  virtual ~SpiAllocator() = default;
  [[nodiscard]] virtual Result<uint32_t> allocate(const platform::IpAddress& local,
                                                  const platform::IpAddress& remote) = 0;
};

struct KernelEvent {
  enum class Kind : uint8_t { Acquire, SoftExpire, HardExpire } kind = Kind::Acquire;
  uint32_t map_entry_id = 0;  // Acquire: the crypto-map entry (reqid) whose policy matched
  uint32_t inbound_spi = 0;   // expires: our inbound SPI of the child SA
};

struct EngineDeps {
  crypto::Random* random = nullptr;      // required
  SpiAllocator* spis = nullptr;          // required
  platform::Logger* logger = nullptr;    // optional
  KeylogSink* keylog = nullptr;          // optional: `debug crypto ikev2 keylog FILE`
};

// Timers (RFC 7296 §2.1 leaves the values to us; these are the seed's).
struct EngineSettings {
  uint16_t ike_port = 500;     // `--ike-port`
  uint16_t natt_port = 4500;   // `--natt-port`
  platform::Duration retransmit_base = std::chrono::seconds(1);
  platform::Duration retransmit_cap = std::chrono::seconds(64);
  uint32_t retransmit_tries = 8;
  platform::Duration half_open_timeout = std::chrono::seconds(30);
  platform::Duration old_inbound_linger = std::chrono::seconds(5);
  uint32_t dpd_tries = 5;
  // §2.21.4: at most this many unprotected INVALID_IKE_SPI answers per second (anyone can trigger them).
  uint32_t invalid_spi_notifies_per_second = 10;
  // RFC 7383: announce IKEV2_FRAGMENTATION_SUPPORTED and fragment our IKE_AUTH and later messages
  // when the peer announced it too and the IP packet would exceed fragment_mtu. 1280 is the IPv6
  // minimum MTU and what strongSwan uses; it also passes every IPv4 path that does not fragment below
  // 1280 (RFC 7383 §2.5.1 suggests 576 for IPv4 when nothing is known: set it lower for such paths).
  bool fragmentation = true;
  size_t fragment_mtu = 1280;
};

struct IkeSa;       // ike/engine/ike_sa.hpp
enum class RequestKind : uint8_t;  // ike/engine/ike_sa.hpp
struct OutstandingRequest;         // ike/engine/ike_sa.hpp
struct ChildExchange;              // ike/engine/ike_sa.hpp
struct IkeAlgorithms;  // ike/engine/proposal.hpp
struct ChildState;  // ike/engine/ike_sa.hpp
struct ChildRequest;  // ike/engine/child_plan.hpp

class Engine {
 public:
  explicit Engine(EngineDeps deps, EngineSettings settings = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  Effects on_config(platform::TimePoint now, config::IkeConfigPtr cfg);
  Effects on_datagram(platform::TimePoint now, const platform::Endpoint& local, const platform::Endpoint& remote,
                      std::span<const uint8_t> bytes);
  Effects on_timer(platform::TimePoint now);
  Effects on_kernel_event(platform::TimePoint now, const KernelEvent& ev);
  // Starts an IKE SA (and its first child) for a crypto-map entry toward `peer` (default: its first).
  Effects initiate(platform::TimePoint now, uint32_t map_entry_id,
                   std::optional<platform::IpAddress> peer = std::nullopt);
  // `clear crypto ikev2 sa [id]`: deletes with an INFORMATIONAL DELETE to the peer.
  Effects delete_ike_sa(platform::TimePoint now, uint32_t tunnel_id);
  // Rekeys (CREATE_CHILD_SA) the child whose inbound SPI is given, or the IKE SA itself.
  Effects rekey_child_sa(platform::TimePoint now, uint32_t inbound_spi);
  Effects rekey_ike_sa(platform::TimePoint now, uint32_t tunnel_id);
  // An additional child SA (CREATE_CHILD_SA, §1.3.1) on the established IKE SA `tunnel_id` for the
  // crypto-map entry `map_entry_id` (selectors, transform sets, PFS group of that entry). Queued behind
  // the window like every request; the ChildSaUp event and install effect follow its response.
  Effects create_child_sa(platform::TimePoint now, uint32_t tunnel_id, uint32_t map_entry_id);
  // `clear crypto sa` for one child: the child whose inbound SPI is given, on IKE SA `tunnel_id`, leaves
  // the kernel at once (remove effect + ChildSaDown event) and the peer gets an INFORMATIONAL D(ESP);
  // the IKE SA and its other children stay up. Empty Effects when no such (live) child exists.
  Effects delete_child_sa(platform::TimePoint now, uint32_t tunnel_id, uint32_t inbound_spi);
  // Inbound ESP was seen on the child with this inbound SPI (e.g. the kernel's byte counter moved):
  // proof of liveness that postpones an on-demand DPD probe (`dpd N R on-demand`).
  void note_inbound_traffic(platform::TimePoint now, uint32_t inbound_spi);

  [[nodiscard]] std::optional<platform::TimePoint> next_deadline() const;
  [[nodiscard]] std::vector<IkeSaSnapshot> snapshot() const;
  [[nodiscard]] std::optional<IkeSaSnapshot> snapshot(uint32_t tunnel_id) const;
  [[nodiscard]] const EngineCounters& counters() const { return counters_; }
  [[nodiscard]] const wire::Counters& wire_counters() const { return wire_counters_; }
  [[nodiscard]] size_t ike_sa_count() const { return sas_.size(); }

 private:
  friend struct ExchangeContext;
  // Shared by the exchange units (ike/engine/x_*.cpp).
  IkeSa* find_by_local_spi(uint64_t spi);
  IkeSa* find_by_id(uint32_t id);
  IkeSa& create_sa(bool initiator, const platform::Endpoint& local, const platform::Endpoint& remote,
                   uint64_t local_spi = 0);
  [[nodiscard]] uint64_t fresh_spi();
  void destroy_sa(platform::TimePoint now, IkeSa& sa, const std::string& reason, Effects& fx);
  void reschedule(IkeSa& sa);
  // The request as now in flight (nullptr if it could not be protected).
  OutstandingRequest* send_request(platform::TimePoint now, IkeSa& sa, wire::Message msg, uint8_t kind, Effects& fx);
  void send_response(IkeSa& sa, const wire::Message& msg, Effects& fx);
  void send_plain(const platform::Endpoint& local, const platform::Endpoint& remote, wire::Message msg, Effects& fx);
  // One datagram, or SKF fragments when the peer reassembles and the message exceeds max_ike_message().
  [[nodiscard]] Result<std::vector<wire::Bytes>> encode_for(const IkeSa& sa, const wire::Message& msg);
  [[nodiscard]] size_t max_ike_message(const IkeSa& sa) const;
  [[nodiscard]] uint32_t our_window() const;
  void announce_window(wire::Message& msg) const;
  void learn_window(IkeSa& sa, const wire::Message& msg);
  // dispatch.cpp
  [[nodiscard]] bool in_window(const IkeSa& sa, const wire::Header& h) const;
  std::optional<wire::Message> open_message(IkeSa& sa, const wire::Header& h, std::span<const uint8_t> bytes,
                                            Effects& fx);
  void reject_authenticated(IkeSa& sa, const wire::Header& h, const wire::Rejection& why, Effects& fx);
  void authenticated_in(platform::TimePoint now, IkeSa& sa, const platform::Endpoint& local,
                        const platform::Endpoint& remote, wire::Message msg, Effects& fx);
  void answer_invalid_ike_spi(platform::TimePoint now, const platform::Endpoint& local,
                              const platform::Endpoint& remote, const wire::Header& h, Effects& fx);
  void log(platform::LogLevel level, const IkeSa* sa, const std::string& text);
  // Hands keys to deps_.keylog (keylog.cpp): an IKE SA once its SK_* exist, a child per direction.
  void keylog_ike(const IkeSa& sa);
  void keylog_child(const ipsec::sa::ChildSa& kernel_sa);
  void handle_timer(platform::TimePoint now, IkeSa& sa, Effects& fx);
  Effects new_init_request(platform::TimePoint now, const platform::Endpoint& local, const platform::Endpoint& remote,
                           const wire::Header& hdr, std::span<const uint8_t> bytes);
  void handle_request(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  void handle_response(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  void on_established_timers(platform::TimePoint now, IkeSa& sa, Effects& fx);
  void start_next_queued(platform::TimePoint now, IkeSa& sa, Effects& fx);
  [[nodiscard]] uint32_t send_window(const IkeSa& sa) const;
  [[nodiscard]] bool may_start(const IkeSa& sa, RequestKind next) const;
  bool retransmit_due(platform::TimePoint now, IkeSa& sa, Effects& fx);
  void arm_dpd(platform::TimePoint now, IkeSa& sa);
  void arm_keepalive(platform::TimePoint now, IkeSa& sa);
  [[nodiscard]] const config::Dpd* dpd_config(const IkeSa& sa) const;
  [[nodiscard]] std::optional<platform::Duration> dpd_retry(const IkeSa& sa) const;
  // Marks an SA established: lifetimes with jitter (soft = 9/10 of hard minus up to 5%), DPD.
  void mark_established(platform::TimePoint now, IkeSa& sa, Effects& fx);
  // Records a child, schedules its rekey/expiry and emits its install effect.
  void add_child(platform::TimePoint now, IkeSa& sa, ChildState child, ipsec::sa::ChildSa kernel_sa, Effects& fx);
  [[nodiscard]] platform::TimePoint soft_deadline(platform::TimePoint now, uint32_t hard_seconds);

  // IKE_SA_INIT (x_init.cpp)
  Effects init_request_in(platform::TimePoint now, const platform::Endpoint& local, const platform::Endpoint& remote,
                          const wire::Message& msg, std::span<const uint8_t> bytes);
  bool admit_init(const platform::Endpoint& local, const platform::Endpoint& remote, const wire::Message& msg,
                  const wire::Bytes& ni, Effects& fx);
  void init_start(platform::TimePoint now, IkeSa& sa, Effects& fx);
  void init_send(platform::TimePoint now, IkeSa& sa, Effects& fx);
  // Records the peer's IKEV2_FRAGMENTATION_SUPPORTED and SIGNATURE_HASH_ALGORITHMS; adds ours to `response`.
  void init_extensions(IkeSa& sa, const wire::Message& msg, wire::Message* response);
  struct InitChoice {
    const wire::Proposal& chosen;
    const IkeAlgorithms& alg;
    const crypto::KeyExchange& ke;
    const crypto::SecretBytes& g_ir;
  };
  void init_respond(platform::TimePoint now, std::pair<platform::Endpoint, platform::Endpoint> ends,
                    const wire::Message& msg, std::span<const uint8_t> bytes, const InitChoice& choice, Effects& fx);
  bool init_retry_or_refusal(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  void initiator_nat(IkeSa& sa, const wire::Message& msg);
  void init_response_in(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, std::span<const uint8_t> bytes,
                        Effects& fx);
  // IKE_AUTH (x_auth.cpp)
  void auth_send(platform::TimePoint now, IkeSa& sa, Effects& fx);
  void auth_request_in(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  void auth_response_in(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  // CREATE_CHILD_SA (x_child.cpp)
  void child_rekey_send(platform::TimePoint now, IkeSa& sa, uint32_t inbound_spi, Effects& fx);
  void child_create_send(platform::TimePoint now, IkeSa& sa, uint32_t map_entry_id, Effects& fx);
  OutstandingRequest* child_exchange_send(platform::TimePoint now, IkeSa& sa, const config::CryptoMapEntry& e,
                                          std::unique_ptr<ChildExchange> cx, ipsec::sa::Mode mode, Effects& fx);
  void ike_rekey_send(platform::TimePoint now, IkeSa& sa, Effects& fx);
  void child_request_in(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  std::optional<wire::NotifyType> rekey_target(IkeSa& sa, const wire::Message& msg, uint32_t& replaces);
  void child_response_in(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  // INFORMATIONAL (x_info.cpp)
  // Shared by IKE_AUTH and CREATE_CHILD_SA (x_child.cpp).
  bool responder_child(platform::TimePoint now, IkeSa& sa, const ChildRequest& req, uint32_t replaces,
                       const crypto::SecretBytes* g_ir, const wire::Bytes& ni, const wire::Bytes& nr,
                       wire::Message& response, Effects& fx);
  bool initiator_child_result(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, uint32_t our_spi,
                              const std::vector<wire::Proposal>& offered, const ipsec::ts::TrafficSelectors& tsi,
                              const ipsec::ts::TrafficSelectors& tsr, const crypto::SecretBytes* g_ir,
                              const wire::Bytes& ni, const wire::Bytes& nr, uint32_t replaces, Effects& fx,
                              uint32_t map_entry_id = 0);  // an additional child's entry (0: the SA's)
  void resolve_rekey_collision(platform::TimePoint now, IkeSa& sa, uint32_t replaces, Effects& fx);
  void ike_rekey_request_in(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  void ike_rekey_response_in(platform::TimePoint now, IkeSa& sa, const wire::Message& msg,
                             std::unique_ptr<ChildExchange> cx, Effects& fx);
  void move_to_new_sa(platform::TimePoint now, IkeSa& old_sa, IkeSa& new_sa, Effects& fx);
  uint32_t ike_rekey_accept(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  void ike_rekey_failed(platform::TimePoint now, IkeSa& sa, platform::Duration retry, Effects& fx);
  void invalid_spi_in(IkeSa& sa, const wire::Message& msg, Effects& fx);
  void info_request_in(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  void info_response_in(platform::TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx);
  void delete_child_send(platform::TimePoint now, IkeSa& sa, uint32_t inbound_spi, Effects& fx);
  // Removes the child from the kernel now and tells the peer (delete_child_sa); a rekey of it in flight
  // takes its successor along when it completes.
  void clear_child(platform::TimePoint now, IkeSa& sa, uint32_t inbound_spi, Effects& fx);
  void send_child_delete(platform::TimePoint now, IkeSa& sa, uint32_t inbound_spi, RequestKind kind, Effects& fx);

  EngineDeps deps_;
  EngineSettings settings_;
  config::IkeConfigPtr cfg_;
  std::unordered_map<uint64_t, std::unique_ptr<IkeSa>> sas_;   // by our own IKE SPI
  std::unordered_map<uint32_t, uint64_t> by_id_;                // tunnel id -> our SPI
  // (peer, SPIi) -> our SPI for every SA we respond for: a late IKE_SA_INIT copy never makes a second SA.
  std::map<std::pair<platform::Endpoint, uint64_t>, uint64_t> by_peer_spi_;
  std::set<std::pair<platform::TimePoint, uint32_t>> timers_set_;          // (deadline, tunnel id)
  std::unique_ptr<crypto::CookieJar> cookies_;
  uint32_t next_id_ = 1;
  uint32_t half_open_count_ = 0;
  platform::TimePoint invalid_spi_window_start_{};
  uint32_t invalid_spi_in_window_ = 0;
  EngineCounters counters_;
  wire::Counters wire_counters_;
};

}  // namespace ravelin::ike::engine
