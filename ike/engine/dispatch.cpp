// Datagram dispatch: SPI lookup, Message-ID window and response cache (RFC 7296 §2.1-§2.3), then the
// exchange unit for the message's exchange type.
#include "ike/engine/engine.hpp"
#include "ike/engine/helpers.hpp"
#include "ike/engine/ike_sa.hpp"
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
    return fx;
  }
  if (h->exchange == wire::ExchangeType::IkeSaInit) {
    if (!h->response || !sa->outstanding || sa->outstanding->kind != RequestKind::IkeSaInit) {
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
  if (h->response) {
    if (!sa->outstanding || sa->outstanding->message_id != h->message_id) {
      ++counters_.dropped_out_of_window;  // a duplicate or stale response
      return fx;
    }
  } else if (h->message_id != sa->next_peer_request_id &&
             !(sa->cached_id && *sa->cached_id == h->message_id)) {
    ++counters_.dropped_out_of_window;
    return fx;
  }
  // Integrity first (§2.21.2): a forged message must not trigger even a cached response.
  auto msg = wire::decode_protected(bytes, in_keys(*sa), wire_counters_);
  if (!msg) {
    ++counters_.dropped_invalid;
    return fx;
  }
  sa->last_heard = now;
  if ((sa->nat_local || sa->nat_remote) && (sa->remote != remote || sa->local != local)) {
    // §2.23: behind a NAT, the peer's address and port are those of its last authenticated message.
    sa->remote = remote;
    sa->local = local;
  }
  if (sa->status == IkeStatus::Ready) arm_dpd(now, *sa);  // any authenticated message proves liveness
  if (!h->response && sa->cached_id && *sa->cached_id == h->message_id) {
    ++counters_.cached_responses;
    fx.datagrams.push_back({sa->local, sa->remote, sa->cached_response});
    ++counters_.datagrams_out;
    reschedule(*sa);
    return fx;
  }
  if (wire::check_presence(msg.value(), wire_counters_)) {
    ++counters_.dropped_invalid;
    return fx;
  }
  if (h->response) {
    handle_response(now, *sa, msg.value(), fx);
  } else {
    handle_request(now, *sa, msg.value(), fx);
  }
  return fx;
}

// An IKE_SA_INIT request (SPIr = 0): a retransmission of one we answered, or a new negotiation.
Effects Engine::new_init_request(TimePoint now, const platform::Endpoint& local, const platform::Endpoint& remote,
                                 const wire::Header& hdr, std::span<const uint8_t> bytes) {
  Effects fx;
  const auto* h = &hdr;
  if (auto it = by_peer_spi_.find({remote, h->spi_i}); it != by_peer_spi_.end()) {
    // A retransmitted IKE_SA_INIT request: answer from the cache, never create a second SA.
    IkeSa* sa = find_by_local_spi(it->second);
    if (sa && sa->cached_id == h->message_id && !sa->cached_response.empty()) {
      ++counters_.cached_responses;
      fx.datagrams.push_back({sa->local, sa->remote, sa->cached_response});
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
