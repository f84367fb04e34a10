// Timers: retransmission (1 s doubling to 64 s, peer dead after 8 tries), half-open expiry, DPD,
// rekey and hard lifetimes of IKE and child SAs; the queue of work waiting for the window.
#include <algorithm>

#include "ike/engine/engine.hpp"
#include "ike/engine/helpers.hpp"
#include "ike/engine/ike_sa.hpp"

namespace ravelin::ike::engine {

using platform::Duration;
using platform::TimePoint;

namespace {
constexpr TimePoint kNever = TimePoint::max();
void earliest(TimePoint& t, TimePoint c) {
  if (c != TimePoint{} && c < t) t = c;
}
}  // namespace

const config::Dpd* Engine::dpd_config(const IkeSa& sa) const {
  if (!cfg_) return nullptr;
  const config::Profile* p = cfg_->find_profile(sa.profile);
  const config::Dpd* d = (p && p->dpd) ? &*p->dpd : &cfg_->dpd;
  return d->interval_seconds > 0 ? d : nullptr;
}

std::optional<Duration> Engine::dpd_retry(const IkeSa& sa) const {
  const config::Dpd* d = dpd_config(sa);
  if (!d) return std::nullopt;
  return std::chrono::seconds(std::max<uint32_t>(1, d->retry_seconds));
}

void Engine::reschedule(IkeSa& sa) {
  TimePoint t = kNever;
  for (const auto& r : sa.outstanding.all()) earliest(t, r.next_send);
  const bool up = sa.status == IkeStatus::Ready || sa.status == IkeStatus::Rekeying;
  if (!up && !sa.initiator && !sa.superseded) earliest(t, sa.created + settings_.half_open_timeout);
  if (sa.superseded) earliest(t, sa.expire_at);
  if (up) {
    earliest(t, sa.rekey_at);
    earliest(t, sa.expire_at);
    if (sa.outstanding.empty() && sa.queue.empty()) earliest(t, sa.dpd_at);
    earliest(t, sa.keepalive_at);
    for (const auto& c : sa.children) {
      if (!c.rekeying && !c.rekeyed) earliest(t, c.rekey_at);
      earliest(t, c.expire_at);
    }
  }
  timers_set_.erase({sa.scheduled, sa.id});
  sa.scheduled = t;
  if (t != kNever) timers_set_.insert({t, sa.id});
}

std::optional<TimePoint> Engine::next_deadline() const {
  if (timers_set_.empty()) return std::nullopt;
  return timers_set_.begin()->first;
}

Effects Engine::on_timer(TimePoint now) {
  Effects fx;
  std::vector<uint32_t> due;
  for (auto it = timers_set_.begin(); it != timers_set_.end() && it->first <= now; ++it) due.push_back(it->second);
  for (uint32_t id : due) {
    if (IkeSa* sa = find_by_id(id)) handle_timer(now, *sa, fx);
  }
  return fx;
}

void Engine::handle_timer(TimePoint now, IkeSa& sa, Effects& fx) {
  const uint32_t id = sa.id;
  if (!retransmit_due(now, sa, fx)) return;
  if (sa.superseded && now >= sa.expire_at) {
    destroy_sa(now, sa, "superseded by a rekeyed IKE SA", fx);
    return;
  }
  const bool up = !sa.superseded && (sa.status == IkeStatus::Ready || sa.status == IkeStatus::Rekeying);
  if (!up && !sa.initiator && !sa.superseded && now >= sa.created + settings_.half_open_timeout) {
    destroy_sa(now, sa, "half-open SA timed out", fx);
    return;
  }
  if (up) on_established_timers(now, sa, fx);
  if (IkeSa* still = find_by_id(id)) reschedule(*still);
}

// §2.1: each outstanding request is retransmitted on its own timer, the identical bytes, the interval
// doubling up to the cap. False when one ran out of tries: the peer is dead and `sa` is gone.
bool Engine::retransmit_due(TimePoint now, IkeSa& sa, Effects& fx) {
  for (auto& req : sa.outstanding.all()) {
    if (now < req.next_send) continue;
    const bool dpd = req.kind == RequestKind::Dpd && dpd_retry(sa);
    const uint32_t limit = dpd ? settings_.dpd_tries : settings_.retransmit_tries;
    if (req.tries >= limit) {
      ++counters_.peers_declared_dead;
      destroy_sa(now, sa, "peer not responding after " + std::to_string(req.tries) + " tries", fx);
      return false;
    }
    Duration wait = dpd ? *dpd_retry(sa) : settings_.retransmit_base * (1u << std::min<uint32_t>(req.tries, 16));
    if (wait > settings_.retransmit_cap) wait = settings_.retransmit_cap;
    ++req.tries;
    req.next_send = now + wait;
    for (const auto& f : req.frames) fx.datagrams.push_back({sa.local, sa.remote, f});
    ++counters_.retransmits;
    counters_.datagrams_out += req.frames.size();
  }
  return true;
}

void Engine::on_established_timers(TimePoint now, IkeSa& sa, Effects& fx) {
  if (sa.expire_at != TimePoint{} && now >= sa.expire_at) {
    destroy_sa(now, sa, "IKE SA lifetime expired", fx);
    return;
  }
  auto queued = [&](RequestKind k, uint32_t spi) {
    return std::any_of(sa.queue.begin(), sa.queue.end(),
                       [&](const QueuedWork& w) { return w.kind == k && w.child_spi == spi; });
  };
  if (sa.rekey_at != TimePoint{} && now >= sa.rekey_at) {
    sa.rekey_at = TimePoint{};
    if (!queued(RequestKind::RekeyIke, 0)) sa.queue.push_back({RequestKind::RekeyIke, 0});
  }
  for (size_t i = 0; i < sa.children.size();) {
    ChildState& c = sa.children[i];
    if (c.expire_at != TimePoint{} && now >= c.expire_at) {
      fx.remove.push_back({c.inbound_spi, c.outbound_spi, sa.local.address, sa.remote.address,
                           c.rekeyed ? "rekeyed" : "lifetime expired"});
      if (!c.rekeyed) fx.events.push_back({EventKind::ChildSaDown, sa.id, "child SA lifetime expired"});
      sa.children.erase(sa.children.begin() + static_cast<long>(i));
      continue;
    }
    if (!c.rekeying && !c.rekeyed && c.rekey_at != TimePoint{} && now >= c.rekey_at) {
      c.rekey_at = TimePoint{};
      if (!queued(RequestKind::RekeyChild, c.inbound_spi)) sa.queue.push_back({RequestKind::RekeyChild, c.inbound_spi});
    }
    ++i;
  }
  if (sa.keepalive_at != TimePoint{} && now >= sa.keepalive_at) {
    // RFC 3948 §2.3: one 0xFF octet to the peer's NAT-T port keeps our NAT mapping open.
    Datagram d{sa.local, sa.remote, {0xFF}};
    d.keepalive = true;
    fx.datagrams.push_back(std::move(d));
    ++counters_.nat_keepalives_sent;
    arm_keepalive(now, sa);
  }
  if (sa.dpd_at != TimePoint{} && now >= sa.dpd_at && sa.outstanding.empty() && sa.queue.empty()) {
    sa.queue.push_back({RequestKind::Dpd, 0});
  }
  start_next_queued(now, sa, fx);
}

void Engine::arm_dpd(TimePoint now, IkeSa& sa) {
  const config::Dpd* d = dpd_config(sa);
  // Periodic: a probe after every `interval` without an authenticated message from the peer.
  // On-demand (IOS: only when traffic is pending and nothing came back): the engine cannot see ESP, so
  // it approximates "traffic may be pending" by "the SA carries a child" and "something came back" by
  // an authenticated IKE message or inbound ESP the runtime reports (note_inbound_traffic).
  const bool on_demand_idle = d && d->mode == config::DpdMode::OnDemand &&
                              std::any_of(sa.children.begin(), sa.children.end(), [](const ChildState& c) { return !c.rekeyed; });
  if (d && (d->mode == config::DpdMode::Periodic || on_demand_idle)) {
    sa.dpd_at = now + std::chrono::seconds(d->interval_seconds);
  } else {
    sa.dpd_at = TimePoint{};
  }
}

void Engine::note_inbound_traffic(TimePoint now, uint32_t inbound_spi) {
  for (auto& [spi, sa] : sas_) {
    if (!sa->find_child(inbound_spi)) continue;
    const config::Dpd* d = dpd_config(*sa);
    if (d && d->mode == config::DpdMode::OnDemand && sa->status == IkeStatus::Ready) {
      arm_dpd(now, *sa);
      reschedule(*sa);
    }
    return;
  }
}

void Engine::arm_keepalive(TimePoint now, IkeSa& sa) {
  // Only the side behind a NAT keeps the mapping alive. The engine cannot see ESP traffic, so the
  // keepalive goes every interval whether or not ESP flowed (IOS sends it only after idle time).
  const uint32_t every = cfg_ ? cfg_->nat_keepalive_seconds : 0;
  sa.keepalive_at = sa.nat_local && every > 0 ? now + std::chrono::seconds(every) : TimePoint{};
}

namespace {
// Work that needs the SA to itself: an IKE rekey moves everything to a new SA (§2.18), a DELETE of the
// IKE SA ends it (§1.4.1: it goes after the answers to everything sent before), a liveness check is
// only due when nothing else is pending. They start when nothing is in flight and block what follows.
bool exclusive(RequestKind k) {
  return k == RequestKind::RekeyIke || k == RequestKind::Delete || k == RequestKind::Dpd;
}
}  // namespace

uint32_t Engine::send_window(const IkeSa& sa) const {
  // §2.3: at most what the peer announced (SET_WINDOW_SIZE), and no more than we allow ourselves.
  return std::max<uint32_t>(1, std::min(sa.peer_window, our_window()));
}

bool Engine::may_start(const IkeSa& sa, RequestKind next) const {
  if (sa.outstanding.empty()) return true;
  if (exclusive(next)) return false;
  for (const auto& r : sa.outstanding.all()) {
    if (exclusive(r.kind) || r.kind == RequestKind::IkeSaInit || r.kind == RequestKind::IkeAuth) return false;
  }
  // §2.3: request X may go only once the responses up to X - window have arrived.
  return sa.next_request_id < sa.outstanding.lowest_id() + send_window(sa);
}

void Engine::start_next_queued(TimePoint now, IkeSa& sa, Effects& fx) {
  while (!sa.queue.empty() && may_start(sa, sa.queue.front().kind)) {
    QueuedWork w = sa.queue.front();
    sa.queue.erase(sa.queue.begin());
    switch (w.kind) {
      case RequestKind::RekeyChild:
        if (sa.find_child(w.child_spi)) child_rekey_send(now, sa, w.child_spi, fx);
        break;
      case RequestKind::RekeyIke: ike_rekey_send(now, sa, fx); break;
      case RequestKind::CreateChild: child_create_send(now, sa, w.map_entry_id, fx); break;
      case RequestKind::Dpd: {
        wire::Message m;
        m.header.exchange = wire::ExchangeType::Informational;
        send_request(now, sa, std::move(m), static_cast<uint8_t>(RequestKind::Dpd), fx);
        break;
      }
      case RequestKind::DeleteChild: delete_child_send(now, sa, w.child_spi, fx); break;
      case RequestKind::ClearChild: send_child_delete(now, sa, w.child_spi, RequestKind::ClearChild, fx); break;
      case RequestKind::Delete: {
        wire::Message m;
        m.header.exchange = wire::ExchangeType::Informational;
        m.add(wire::PayloadType::Delete, wire::DeletePayload{wire::ProtocolId::Ike, 0, {}});
        sa.status = IkeStatus::Deleting;
        // The decision is taken: the children leave the kernel now, not after the peer's answer (which
        // may never come if the peer already forgot the SA, e.g. when only our response was lost).
        for (const auto& c : sa.children) {
          fx.remove.push_back({c.inbound_spi, c.outbound_spi, sa.local.address, sa.remote.address, "IKE SA deleted"});
          if (!c.rekeyed) fx.events.push_back({EventKind::ChildSaDown, sa.id, "IKE SA deleted"});
        }
        sa.children.clear();
        send_request(now, sa, std::move(m), static_cast<uint8_t>(RequestKind::Delete), fx);
        break;
      }
      default: break;
    }
  }
}

}  // namespace ravelin::ike::engine
