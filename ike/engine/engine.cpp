// Engine core: SA tables, dispatch of datagrams to the exchange units, reliability (retransmission,
// Message-ID window, response cache; RFC 7296 §2.1-§2.3) and timers.
#include "ike/engine/engine.hpp"

#include "ike/engine/helpers.hpp"
#include "ike/engine/ike_sa.hpp"
#include "ike/wire/presence.hpp"
#include "ike/wire/sk.hpp"

namespace ravelin::ike::engine {

using platform::TimePoint;

void Effects::append(Effects&& o) {
  for (auto& d : o.datagrams) datagrams.push_back(std::move(d));
  for (auto& i : o.install) install.push_back(std::move(i));
  for (auto& r : o.remove) remove.push_back(std::move(r));
  for (auto& e : o.events) events.push_back(std::move(e));
}

const char* status_name(IkeStatus s) {
  switch (s) {
    case IkeStatus::InitSent:
    case IkeStatus::AuthSent:
    case IkeStatus::Negotiating: return "IN-NEG";
    case IkeStatus::Ready: return "READY";
    case IkeStatus::Rekeying: return "READY";
    case IkeStatus::Deleting: return "DELETE";
  }
  return "UNKNOWN";
}

ChildState* IkeSa::find_child(uint32_t spi) {
  for (auto& c : children) {
    if (c.inbound_spi == spi) return &c;
  }
  return nullptr;
}

ChildState* IkeSa::find_child_by_outbound(uint32_t spi) {
  for (auto& c : children) {
    if (c.outbound_spi == spi) return &c;
  }
  return nullptr;
}

Engine::Engine(EngineDeps deps, EngineSettings settings)
    : deps_(deps), settings_(settings), cookies_(std::make_unique<crypto::CookieJar>(*deps.random)) {}

Engine::~Engine() = default;

Effects Engine::on_config(TimePoint, config::IkeConfigPtr cfg) {
  // Existing SAs keep their negotiated parameters; new negotiations use the new config.
  cfg_ = std::move(cfg);
  return {};
}

IkeSa* Engine::find_by_local_spi(uint64_t spi) {
  auto it = sas_.find(spi);
  return it == sas_.end() ? nullptr : it->second.get();
}

IkeSa* Engine::find_by_id(uint32_t id) {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : find_by_local_spi(it->second);
}

uint64_t Engine::fresh_spi() {
  uint64_t spi = 0;
  while (spi == 0 || sas_.count(spi)) spi = deps_.random->u64();
  return spi;
}

IkeSa& Engine::create_sa(bool initiator, const platform::Endpoint& local, const platform::Endpoint& remote,
                         uint64_t local_spi) {
  auto sa = std::make_unique<IkeSa>();
  sa->id = next_id_++;
  sa->initiator = initiator;
  sa->local = local;
  sa->remote = remote;
  const uint64_t spi = local_spi ? local_spi : fresh_spi();
  (initiator ? sa->spi_i : sa->spi_r) = spi;
  IkeSa& ref = *sa;
  by_id_[sa->id] = spi;
  sas_[spi] = std::move(sa);
  return ref;
}

void Engine::destroy_sa(TimePoint, IkeSa& sa, const std::string& reason, Effects& fx) {
  if (sa.superseded) {
    timers_set_.erase({sa.scheduled, sa.id});
    by_id_.erase(sa.id);
    sas_.erase(sa.local_spi());
    return;
  }
  for (const auto& c : sa.children) {
    fx.remove.push_back({c.inbound_spi, c.outbound_spi, sa.local.address, sa.remote.address, reason});
    if (!c.rekeyed) fx.events.push_back({EventKind::ChildSaDown, sa.id, reason});
  }
  const bool was_up = sa.status == IkeStatus::Ready || sa.status == IkeStatus::Rekeying ||
                      sa.status == IkeStatus::Deleting;
  fx.events.push_back({was_up ? EventKind::IkeSaDown : EventKind::Failure, sa.id,
                       (was_up ? "IKE SA down: " : "negotiation failed: ") + reason});
  log(platform::LogLevel::Info, &sa, "deleted: " + reason);
  if (auto it = by_peer_spi_.find({sa.remote, sa.spi_i}); it != by_peer_spi_.end() && it->second == sa.spi_r) {
    by_peer_spi_.erase(it);
  }
  if (sa.half_open) --half_open_count_;
  timers_set_.erase({sa.scheduled, sa.id});
  by_id_.erase(sa.id);
  sas_.erase(sa.local_spi());  // `sa` is gone after this line
}

void Engine::log(platform::LogLevel level, const IkeSa* sa, const std::string& text) {
  if (!deps_.logger) return;
  std::string line = sa ? "SA ID:" + std::to_string(sa->id) + " " + text : text;
  deps_.logger->log(level, "ikev2.internal", line);
}

void Engine::send_plain(const platform::Endpoint& local, const platform::Endpoint& remote, wire::Message msg,
                        Effects& fx) {
  fx.datagrams.push_back({local, remote, wire::encode(msg)});
  ++counters_.datagrams_out;
}

void Engine::send_request(TimePoint now, IkeSa& sa, wire::Message msg, uint8_t kind, Effects& fx) {
  msg.header.spi_i = sa.spi_i;
  msg.header.spi_r = sa.spi_r;
  msg.header.initiator = sa.initiator;
  msg.header.response = false;
  msg.header.message_id = sa.next_request_id++;
  wire::Bytes bytes;
  if (msg.header.exchange == wire::ExchangeType::IkeSaInit) {
    bytes = wire::encode(msg);
  } else {
    auto enc = wire::encode_protected(msg, out_keys(sa), *deps_.random);
    if (!enc) {
      log(platform::LogLevel::Error, &sa, "cannot protect request: " + enc.error().message);
      return;
    }
    bytes = std::move(*enc);
  }
  OutstandingRequest req;
  req.message_id = msg.header.message_id;
  req.kind = static_cast<RequestKind>(kind);
  req.bytes = bytes;
  req.tries = 1;
  req.next_send = now + (req.kind == RequestKind::Dpd && dpd_retry(sa) ? *dpd_retry(sa) : settings_.retransmit_base);
  sa.outstanding = std::move(req);
  fx.datagrams.push_back({sa.local, sa.remote, std::move(bytes)});
  ++counters_.datagrams_out;
  reschedule(sa);
}

void Engine::send_response(IkeSa& sa, const wire::Message& request_like, Effects& fx) {
  wire::Message msg = request_like;
  msg.header.spi_i = sa.spi_i;
  msg.header.spi_r = sa.spi_r;
  msg.header.initiator = sa.initiator;
  msg.header.response = true;
  msg.header.message_id = sa.next_peer_request_id;
  wire::Bytes bytes;
  if (msg.header.exchange == wire::ExchangeType::IkeSaInit) {
    bytes = wire::encode(msg);
  } else {
    auto enc = wire::encode_protected(msg, out_keys(sa), *deps_.random);
    if (!enc) {
      log(platform::LogLevel::Error, &sa, "cannot protect response: " + enc.error().message);
      return;
    }
    bytes = std::move(*enc);
  }
  sa.cached_id = sa.next_peer_request_id++;
  sa.cached_response = bytes;
  fx.datagrams.push_back({sa.local, sa.remote, std::move(bytes)});
  ++counters_.datagrams_out;
}

}  // namespace ravelin::ike::engine
