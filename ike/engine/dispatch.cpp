// Datagram dispatch: SPI lookup, Message-ID window and response cache (RFC 7296 §2.1-§2.3), SK and
// SKF (RFC 7383) opening, INVALID_IKE_SPI (§2.21.4), then the exchange unit for the exchange type.
#include "ike/engine/engine.hpp"
#include "ike/engine/helpers.hpp"
#include "ike/engine/ike_sa.hpp"
#include "ike/wire/fragment.hpp"
#include "ike/wire/presence.hpp"
#include "ike/wire/sk.hpp"

namespace ravelin::ike::engine {

using platform::TimePoint;

Effects Engine::on_datagram(TimePoint now, const platform::Endpoint& local, const platform::Endpoint& remote,
                            std::span<const uint8_t> bytes) {
  Effects fx;
  ++counters_.datagrams_in;
  auto h = wire::peek_header(bytes);
  if (!h || !cfg_) {
    ++counters_.dropped_invalid;
    return fx;
  }
  if (h->exchange == wire::ExchangeType::IkeSaInit && !h->response && h->spi_r == 0) {
    return new_init_request(now, local, remote, *h, bytes);
  }
  // The I flag says the sender is the original initiator, so our SPI is the responder's.
  const uint64_t our_spi = h->initiator ? h->spi_r : h->spi_i;
  IkeSa* sa = find_by_local_spi(our_spi);
  if (!sa || sa->initiator == h->initiator) {
    ++counters_.dropped_unknown_spi;
    if (!h->response && h->exchange != wire::ExchangeType::IkeSaInit) answer_invalid_ike_spi(now, local, remote, *h, fx);
    return fx;
  }
  if (h->exchange == wire::ExchangeType::IkeSaInit) {
    if (!h->response || !sa->outstanding.select(h->message_id) || sa->outstanding->kind != RequestKind::IkeSaInit) {
      ++counters_.dropped_out_of_window;
      return fx;
    }
    auto msg = wire::decode(bytes, wire_counters_);
    if (!msg || wire::check_presence(msg.value(), wire_counters_)) {
      ++counters_.dropped_invalid;
      return fx;
    }
    init_response_in(now, *sa, msg.value(), bytes, fx);
    return fx;
  }
  if (!sa->cipher) {
    ++counters_.dropped_invalid;
    return fx;
  }
  if (!in_window(*sa, *h)) {
    ++counters_.dropped_out_of_window;  // a duplicate or stale message
    return fx;
  }
  // Integrity first (§2.21.2): a forged message must not trigger even a cached response.
  auto msg = open_message(*sa, *h, bytes, fx);
  if (!msg) return fx;
  authenticated_in(now, *sa, local, remote, std::move(*msg), fx);
  return fx;
}

bool Engine::in_window(const IkeSa& sa, const wire::Header& h) const {
  if (h.response) return sa.outstanding.contains(h.message_id);
  // Requests: the next one in order, or a retransmission of one we still have the answer to. A request
  // beyond the next one (its predecessor was lost) is dropped; the peer retransmits both.
  return h.message_id == sa.next_peer_request_id || sa.cached(h.message_id) != nullptr;
}

// Decodes and authenticates a message of an established SA: SK, or SKF fragments collected until the
// message is whole. nullopt: dropped (counted) or waiting for more fragments.
std::optional<wire::Message> Engine::open_message(IkeSa& sa, const wire::Header& h, std::span<const uint8_t> bytes,
                                                  Effects& fx) {
  auto outer = wire::decode(bytes, wire_counters_);
  if (!outer || outer->payloads.empty()) {
    ++counters_.dropped_invalid;
    return std::nullopt;
  }
  const auto& last = outer->payloads.back().body;
  if (std::holds_alternative<wire::SkPayload>(last)) {
    auto m = wire::unprotect(outer.value(), bytes, in_keys(sa), wire_counters_);
    if (!m) {
      ++counters_.dropped_invalid;
      reject_authenticated(sa, h, m.rejection(), fx);
      return std::nullopt;
    }
    return std::move(m).value();
  }
  if (std::holds_alternative<wire::SkfPayload>(last)) {
    auto& slot = sa.reassembly[h.response ? 1 : 0];
    if (!slot) slot = std::make_unique<wire::FragmentReassembler>();
    auto m = slot->add(outer.value(), bytes, in_keys(sa), wire_counters_);
    if (!m) return std::nullopt;  // stored; more fragments to come
    if (!m->ok()) {
      ++counters_.dropped_invalid;
      reject_authenticated(sa, h, m->rejection(), fx);
      return std::nullopt;
    }
    ++counters_.fragmented_messages_received;
    return std::move(*m).value();
  }
  // Unprotected after IKE_SA_INIT: only a peer that forgot the SA answers like that (INVALID_IKE_SPI,
  // §2.21.4). It proves nothing, so it changes no state; the retransmission timer decides.
  if (h.response && outer->find_notify(wire::NotifyType::InvalidIkeSpi)) {
    ++counters_.invalid_ike_spi_received;
    log(platform::LogLevel::Info, &sa, "peer answered INVALID_IKE_SPI (unauthenticated; ignored)");
  } else {
    ++counters_.dropped_invalid;
  }
  return std::nullopt;
}

// A request whose ICV verified but whose inner payloads the decoder refused (§2.5: an unknown critical
// payload; §2.21: bad syntax) is answered with the rejection's notify in an SK response. Integrity or
// decryption failures get nothing: they prove nothing about the sender.
void Engine::reject_authenticated(IkeSa& sa, const wire::Header& h, const wire::Rejection& why, Effects& fx) {
  if (h.response || !why.notify || h.message_id != sa.next_peer_request_id) return;
  if (why.code == wire::Reject::IntegrityFailed || why.code == wire::Reject::DecryptFailed) return;
  wire::Message r;
  r.header.exchange = h.exchange;
  r.add_notify(*why.notify, why.notify_data);
  send_response(sa, r, fx);
}

void Engine::authenticated_in(TimePoint now, IkeSa& sa, const platform::Endpoint& local,
                              const platform::Endpoint& remote, wire::Message msg, Effects& fx) {
  sa.last_heard = now;
  if ((sa.nat_local || sa.nat_remote) && (sa.remote != remote || sa.local != local)) {
    // §2.23: behind a NAT, the peer's address and port are those of its last authenticated message.
    sa.remote = remote;
    sa.local = local;
  }
  if (sa.status == IkeStatus::Ready) arm_dpd(now, sa);  // any authenticated message proves liveness
  if (const CachedResponse* c = msg.header.response ? nullptr : sa.cached(msg.header.message_id)) {
    ++counters_.cached_responses;
    for (const auto& frame : c->frames) fx.datagrams.push_back({sa.local, sa.remote, frame});
    counters_.datagrams_out += c->frames.size();
    reschedule(sa);
    return;
  }
  if (auto bad = wire::check_presence(msg, wire_counters_)) {
    ++counters_.dropped_invalid;
    reject_authenticated(sa, msg.header, *bad, fx);
    return;
  }
  if (msg.header.response) {
    handle_response(now, sa, msg, fx);
  } else {
    handle_request(now, sa, msg, fx);
  }
}

// §2.21.4: a request for an IKE SA we do not know (typically: we restarted) gets an unprotected
// INVALID_IKE_SPI with the request's SPIs and Message ID; rate-limited, since anyone can send these.
void Engine::answer_invalid_ike_spi(TimePoint now, const platform::Endpoint& local, const platform::Endpoint& remote,
                                    const wire::Header& h, Effects& fx) {
  if (now - invalid_spi_window_start_ >= std::chrono::seconds(1)) {
    invalid_spi_window_start_ = now;
    invalid_spi_in_window_ = 0;
  }
  if (invalid_spi_in_window_ >= settings_.invalid_spi_notifies_per_second) {
    ++counters_.invalid_ike_spi_rate_limited;
    return;
  }
  ++invalid_spi_in_window_;
  wire::Message m;
  m.header = h;
  m.header.response = true;
  m.header.initiator = !h.initiator;
  m.add_notify(wire::NotifyType::InvalidIkeSpi);
  send_plain(local, remote, std::move(m), fx);
  ++counters_.invalid_ike_spi_sent;
}

// An IKE_SA_INIT request (SPIr = 0): a retransmission of one we answered, or a new negotiation.
Effects Engine::new_init_request(TimePoint now, const platform::Endpoint& local, const platform::Endpoint& remote,
                                 const wire::Header& hdr, std::span<const uint8_t> bytes) {
  Effects fx;
  const auto* h = &hdr;
  if (auto it = by_peer_spi_.find({remote, h->spi_i}); it != by_peer_spi_.end()) {
    // A retransmitted IKE_SA_INIT request: answer from the cache, never create a second SA.
    IkeSa* sa = find_by_local_spi(it->second);
    const CachedResponse* c = sa ? sa->cached(h->message_id) : nullptr;
    if (c && !c->frames.empty()) {
      ++counters_.cached_responses;
      fx.datagrams.push_back({sa->local, sa->remote, c->frames.front()});
      ++counters_.datagrams_out;
    }
    return fx;
  }
  auto msg = wire::decode(bytes, wire_counters_);
  if (!msg || wire::check_presence(msg.value(), wire_counters_)) {
    ++counters_.dropped_invalid;
    return fx;
  }
  return init_request_in(now, local, remote, msg.value(), bytes);
}

void Engine::handle_request(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  const uint32_t id = sa.id;
  if (msg.header.exchange == wire::ExchangeType::IkeAuth) learn_window(sa, msg);
  switch (msg.header.exchange) {
    case wire::ExchangeType::IkeAuth: auth_request_in(now, sa, msg, fx); break;
    case wire::ExchangeType::CreateChildSa: child_request_in(now, sa, msg, fx); break;
    case wire::ExchangeType::Informational: info_request_in(now, sa, msg, fx); break;
    default: ++counters_.dropped_invalid; break;
  }
  if (IkeSa* still = find_by_id(id)) reschedule(*still);
}

void Engine::handle_response(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  const uint32_t id = sa.id;
  // §2.3: responses may arrive in any order; each completes the request with its Message ID.
  if (!sa.outstanding.select(msg.header.message_id)) return;
  if (msg.header.exchange == wire::ExchangeType::IkeAuth) learn_window(sa, msg);
  switch (msg.header.exchange) {
    case wire::ExchangeType::IkeAuth: auth_response_in(now, sa, msg, fx); break;
    case wire::ExchangeType::CreateChildSa: child_response_in(now, sa, msg, fx); break;
    case wire::ExchangeType::Informational: info_response_in(now, sa, msg, fx); break;
    default: ++counters_.dropped_invalid; return;
  }
  if (IkeSa* still = find_by_id(id)) {
    start_next_queued(now, *still, fx);
    if (IkeSa* again = find_by_id(id)) reschedule(*again);
  }
}

}  // namespace ravelin::ike::engine
