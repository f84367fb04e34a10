// Engine core: SA tables, dispatch of datagrams to the exchange units, reliability (retransmission,
// Message-ID window, response cache; RFC 7296 §2.1-§2.3) and timers.
#include "ike/engine/engine.hpp"

#include <algorithm>

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

void InFlight::reset() {
  if (current_ < items_.size()) items_.erase(items_.begin() + static_cast<long>(current_));
  current_ = kNone;
}

OutstandingRequest& InFlight::add(OutstandingRequest r) {
  items_.push_back(std::move(r));
  current_ = items_.size() - 1;
  return items_.back();
}

bool InFlight::select(uint32_t message_id) {
  current_ = kNone;
  for (size_t i = 0; i < items_.size(); ++i) {
    if (items_[i].message_id == message_id) current_ = i;
  }
  return current_ != kNone;
}

bool InFlight::contains(uint32_t message_id) const {
  return std::any_of(items_.begin(), items_.end(), [&](const auto& r) { return r.message_id == message_id; });
}

bool InFlight::has(RequestKind kind) const {
  return std::any_of(items_.begin(), items_.end(), [&](const auto& r) { return r.kind == kind; });
}

bool InFlight::has(RequestKind kind, uint32_t child_spi) const {
  return std::any_of(items_.begin(), items_.end(),
                     [&](const auto& r) { return r.kind == kind && r.child_spi == child_spi; });
}

uint32_t InFlight::lowest_id() const {
  uint32_t low = UINT32_MAX;
  for (const auto& r : items_) low = std::min(low, r.message_id);
  return low;
}

bool IkeSa::child_exchange_in_flight() const {
  const auto& all = outstanding.all();
  return std::any_of(all.begin(), all.end(), [](const OutstandingRequest& r) { return r.cx != nullptr; });
}

const CachedResponse* IkeSa::cached(uint32_t message_id) const {
  for (const auto& c : responses) {
    if (c.message_id == message_id) return &c;
  }
  return nullptr;
}

void Engine::announce_window(wire::Message& msg) const {
  // §2.3: SET_WINDOW_SIZE in IKE_AUTH tells the peer how many requests it may have outstanding.
  const uint32_t w = our_window();
  if (w <= 1) return;
  msg.add_notify(wire::NotifyType::SetWindowSize, {static_cast<uint8_t>(w >> 24), static_cast<uint8_t>(w >> 16),
                                                    static_cast<uint8_t>(w >> 8), static_cast<uint8_t>(w)});
}

void Engine::learn_window(IkeSa& sa, const wire::Message& msg) {
  const auto* n = msg.find_notify(wire::NotifyType::SetWindowSize);
  if (!n || n->data.size() != 4) return;
  const uint32_t w = (uint32_t{n->data[0]} << 24) | (uint32_t{n->data[1]} << 16) | (uint32_t{n->data[2]} << 8) | n->data[3];
  sa.peer_window = std::clamp<uint32_t>(w, 1, 20);
}

uint32_t Engine::our_window() const {
  // `crypto ikev2 window size N` (1..20): how many of the peer's requests we keep answers for.
  return cfg_ ? std::clamp<uint32_t>(cfg_->window_size, 1, 20) : 1;
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

void Engine::destroy_sa(TimePoint now, IkeSa& sa, const std::string& reason, Effects& fx) {
  if (IkeSa* parked = sa.rekey_parked_id ? find_by_id(sa.rekey_parked_id) : nullptr) {
    sa.rekey_parked_id = 0;
    destroy_sa(now, *parked, reason, fx);  // a parked SA (superseded) goes silently with its old SA
  }
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

size_t Engine::max_ike_message(const IkeSa& sa) const {
  // RFC 7383 §2.5.1: the IP packet carrying a fragment stays within fragment_mtu: minus the IP and
  // UDP headers and, on the NAT-T port, the non-ESP marker.
  const size_t overhead = (sa.remote.address.is_v4() ? 20 : 40) + 8 + (sa.local.port == settings_.natt_port ? 4 : 0);
  return settings_.fragment_mtu > overhead ? settings_.fragment_mtu - overhead : 0;
}

Result<std::vector<wire::Bytes>> Engine::encode_for(const IkeSa& sa, const wire::Message& msg) {
  if (msg.header.exchange == wire::ExchangeType::IkeSaInit) return std::vector<wire::Bytes>{wire::encode(msg)};
  auto whole = wire::encode_protected(msg, out_keys(sa), *deps_.random);
  if (!whole) return whole.error();
  const size_t limit = max_ike_message(sa);
  if (!sa.peer_fragmentation || !settings_.fragmentation || limit == 0 || whole->size() <= limit) {
    return std::vector<wire::Bytes>{std::move(*whole)};
  }
  // RFC 7383 §2.5: too large for one packet and the peer reassembles: SKF fragments instead.
  auto frags = wire::encode_fragments(msg, out_keys(sa), *deps_.random, limit);
  if (!frags) return frags.error();
  counters_.fragments_sent += frags->size();
  return std::move(*frags);
}

OutstandingRequest* Engine::send_request(TimePoint now, IkeSa& sa, wire::Message msg, uint8_t kind, Effects& fx) {
  msg.header.spi_i = sa.spi_i;
  msg.header.spi_r = sa.spi_r;
  msg.header.initiator = sa.initiator;
  msg.header.response = false;
  msg.header.message_id = sa.next_request_id++;
  if (kind == static_cast<uint8_t>(RequestKind::IkeAuth)) announce_window(msg);
  auto frames = encode_for(sa, msg);
  if (!frames) {
    log(platform::LogLevel::Error, &sa, "cannot protect request: " + frames.error().message);
    return nullptr;
  }
  OutstandingRequest req;
  req.message_id = msg.header.message_id;
  req.kind = static_cast<RequestKind>(kind);
  req.frames = std::move(*frames);
  req.tries = 1;
  req.next_send = now + (req.kind == RequestKind::Dpd && dpd_retry(sa) ? *dpd_retry(sa) : settings_.retransmit_base);
  for (const auto& f : req.frames) fx.datagrams.push_back({sa.local, sa.remote, f});
  counters_.datagrams_out += req.frames.size();
  OutstandingRequest& sent = sa.outstanding.add(std::move(req));
  counters_.max_requests_in_flight = std::max<uint32_t>(counters_.max_requests_in_flight,
                                                         static_cast<uint32_t>(sa.outstanding.size()));
  reschedule(sa);
  return &sent;
}

void Engine::send_response(IkeSa& sa, const wire::Message& request_like, Effects& fx) {
  wire::Message msg = request_like;
  msg.header.spi_i = sa.spi_i;
  msg.header.spi_r = sa.spi_r;
  msg.header.initiator = sa.initiator;
  msg.header.response = true;
  msg.header.message_id = sa.next_peer_request_id;
  if (msg.header.exchange == wire::ExchangeType::IkeAuth && msg.find<wire::AuthPayload>(wire::PayloadType::Auth)) {
    announce_window(msg);
  }
  auto frames = encode_for(sa, msg);
  if (!frames) {
    log(platform::LogLevel::Error, &sa, "cannot protect response: " + frames.error().message);
    return;
  }
  for (const auto& f : *frames) fx.datagrams.push_back({sa.local, sa.remote, f});
  counters_.datagrams_out += frames->size();
  sa.responses.push_back({sa.next_peer_request_id++, std::move(*frames)});
  while (sa.responses.size() > our_window()) sa.responses.erase(sa.responses.begin());
}

}  // namespace ravelin::ike::engine
