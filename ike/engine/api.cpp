// Operator- and kernel-driven entry points (initiate, clear, rekey, ACQUIRE/EXPIRE) and the read-only
// snapshot for `show crypto ikev2 sa`.
#include <algorithm>

#include "ike/engine/engine.hpp"
#include "ike/engine/helpers.hpp"
#include "ike/engine/ike_sa.hpp"

namespace ravelin::ike::engine {

using platform::TimePoint;

TimePoint Engine::soft_deadline(TimePoint now, uint32_t hard_seconds) {
  // Soft = 9/10 of hard minus a random jitter of up to 5% of hard, so that two peers configured alike
  // rarely start a rekey at the same moment (RFC 7296 §2.8.1 recommends randomising).
  const uint64_t hard_ms = uint64_t{hard_seconds} * 1000;
  const uint64_t jitter_span = hard_ms / 20;
  const uint64_t jitter = jitter_span ? deps_.random->u64() % jitter_span : 0;
  return now + std::chrono::milliseconds(hard_ms * 9 / 10 - jitter);
}

void Engine::mark_established(TimePoint now, IkeSa& sa, Effects& fx) {
  sa.status = IkeStatus::Ready;
  sa.established = now;
  sa.last_heard = now;
  const config::Profile* p = cfg_ ? cfg_->find_profile(sa.profile) : nullptr;
  sa.lifetime_seconds = p ? p->lifetime_seconds : 86400;
  sa.rekey_at = soft_deadline(now, sa.lifetime_seconds);
  sa.expire_at = now + std::chrono::seconds(sa.lifetime_seconds);
  if (sa.half_open) {
    sa.half_open = false;
    --half_open_count_;
  }
  arm_dpd(now, sa);
  arm_keepalive(now, sa);
  ++counters_.ike_sa_established;
  fx.events.push_back({EventKind::IkeSaUp, sa.id,
                       "IKE SA up: " + sa.local.to_string() + " <-> " + sa.remote.to_string() + " remote id " +
                           sa.remote_id.to_string()});
  log(platform::LogLevel::Info, &sa, "established");
}

void Engine::add_child(TimePoint now, IkeSa& sa, ChildState child, ipsec::sa::ChildSa kernel_sa, Effects& fx) {
  const config::CryptoMapEntry* e = cfg_ ? cfg_->find_map_entry(child.map_entry_id) : nullptr;
  const uint32_t hard = e ? e->lifetime_seconds : 3600;
  child.established = now;
  child.rekey_at = soft_deadline(now, hard);
  child.expire_at = now + std::chrono::seconds(hard);
  kernel_sa.lifetime.hard_seconds = hard;
  kernel_sa.lifetime.soft_seconds = static_cast<uint32_t>(
      std::chrono::duration_cast<std::chrono::seconds>(child.rekey_at - now).count());
  if (e && e->lifetime_kilobytes) {
    kernel_sa.lifetime.hard_kilobytes = e->lifetime_kilobytes;
    kernel_sa.lifetime.soft_kilobytes = e->lifetime_kilobytes * 9 / 10;
  }
  ++counters_.child_sa_established;
  fx.events.push_back({EventKind::ChildSaUp, sa.id,
                       "child SA up: in " + hex_spi(child.inbound_spi).substr(8) + " out " +
                           hex_spi(child.outbound_spi).substr(8)});
  keylog_child(kernel_sa);
  fx.install.push_back(std::move(kernel_sa));
  sa.children.push_back(std::move(child));
  if (sa.status == IkeStatus::Ready && sa.dpd_at == TimePoint{}) arm_dpd(now, sa);  // on-demand: now carries traffic
}

Effects Engine::initiate(TimePoint now, uint32_t map_entry_id, std::optional<platform::IpAddress> peer) {
  Effects fx;
  const config::CryptoMapEntry* e = cfg_ ? cfg_->find_map_entry(map_entry_id) : nullptr;
  if (!e || (e->peers.empty() && !peer)) {
    fx.events.push_back({EventKind::Failure, 0, "initiate: no crypto map entry " + std::to_string(map_entry_id)});
    return fx;
  }
  const platform::IpAddress remote = peer.value_or(e->peers.front());
  for (const auto& [spi, s] : sas_) {
    // One IKE SA per peer and map entry; an ACQUIRE during negotiation is not a second SA.
    if (s->remote.address == remote && s->status != IkeStatus::Deleting && s->map_entry_id == map_entry_id) {
      return fx;
    }
  }
  IkeSa& sa = create_sa(true, {e->local_address, settings_.ike_port}, {remote, settings_.ike_port});
  sa.created = now;
  sa.profile = e->profile;
  sa.map_entry_id = map_entry_id;
  init_start(now, sa, fx);
  return fx;
}

Effects Engine::delete_ike_sa(TimePoint now, uint32_t tunnel_id) {
  Effects fx;
  IkeSa* sa = find_by_id(tunnel_id);
  if (!sa) return fx;
  if (sa->status != IkeStatus::Ready && sa->status != IkeStatus::Rekeying) {
    destroy_sa(now, *sa, "cleared", fx);
    return fx;
  }
  sa->queue.clear();
  sa->queue.push_back({RequestKind::Delete, 0});
  start_next_queued(now, *sa, fx);  // at once, or after the answers to what is in flight
  reschedule(*sa);
  return fx;
}

Effects Engine::delete_child_sa(TimePoint now, uint32_t tunnel_id, uint32_t inbound_spi) {
  Effects fx;
  IkeSa* sa = find_by_id(tunnel_id);
  ChildState* c = sa ? sa->find_child(inbound_spi) : nullptr;
  if (!c || c->rekeyed || (sa->status != IkeStatus::Ready && sa->status != IkeStatus::Rekeying)) return fx;
  clear_child(now, *sa, inbound_spi, fx);
  reschedule(*sa);
  return fx;
}

void Engine::clear_child(TimePoint now, IkeSa& sa, uint32_t inbound_spi, Effects& fx) {
  ChildState* c = sa.find_child(inbound_spi);
  if (!c) return;
  // The operator decided: the pair leaves the kernel now, not after the peer's answer (which may never
  // come). The DELETE still names our inbound SPI so the peer removes its half (§1.4.1).
  fx.remove.push_back({c->inbound_spi, c->outbound_spi, sa.local.address, sa.remote.address, "cleared"});
  fx.events.push_back({EventKind::ChildSaDown, sa.id, "child SA cleared"});
  std::erase_if(sa.queue, [&](const QueuedWork& w) { return w.child_spi == inbound_spi; });
  std::erase_if(sa.children, [&](const ChildState& x) { return x.inbound_spi == inbound_spi; });
  for (auto& r : sa.outstanding.all()) {
    if (r.cx && r.cx->old_inbound_spi == inbound_spi) r.cx->cleared = true;  // its successor follows it
  }
  sa.queue.push_back({RequestKind::ClearChild, inbound_spi});
  start_next_queued(now, sa, fx);
  arm_dpd(now, sa);  // on-demand DPD: the SA may now carry no traffic
}

Effects Engine::rekey_child_sa(TimePoint now, uint32_t inbound_spi) {
  Effects fx;
  for (auto& [spi, sa] : sas_) {
    if (ChildState* c = sa->find_child(inbound_spi); c && sa->status == IkeStatus::Ready) {
      sa->queue.push_back({RequestKind::RekeyChild, inbound_spi});
      start_next_queued(now, *sa, fx);
      reschedule(*sa);
      break;
    }
  }
  return fx;
}

Effects Engine::create_child_sa(TimePoint now, uint32_t tunnel_id, uint32_t map_entry_id) {
  Effects fx;
  IkeSa* sa = find_by_id(tunnel_id);
  if (!sa || sa->superseded || (sa->status != IkeStatus::Ready && sa->status != IkeStatus::Rekeying)) return fx;
  if (!cfg_ || !cfg_->find_map_entry(map_entry_id)) {
    fx.events.push_back({EventKind::Failure, sa->id, "create child: no crypto map entry " + std::to_string(map_entry_id)});
    return fx;
  }
  sa->queue.push_back({RequestKind::CreateChild, 0, map_entry_id});
  start_next_queued(now, *sa, fx);
  reschedule(*sa);
  return fx;
}

Effects Engine::rekey_ike_sa(TimePoint now, uint32_t tunnel_id) {
  Effects fx;
  IkeSa* sa = find_by_id(tunnel_id);
  if (!sa || sa->status != IkeStatus::Ready) return fx;
  sa->queue.push_back({RequestKind::RekeyIke, 0});
  start_next_queued(now, *sa, fx);
  reschedule(*sa);
  return fx;
}

Effects Engine::on_kernel_event(TimePoint now, const KernelEvent& ev) {
  if (ev.kind == KernelEvent::Kind::Acquire) return initiate(now, ev.map_entry_id);
  Effects fx;
  for (auto& [spi, sa] : sas_) {
    ChildState* c = sa->find_child(ev.inbound_spi);
    if (!c) continue;
    if (ev.kind == KernelEvent::Kind::SoftExpire) {
      if (!c->rekeying && !c->rekeyed) sa->queue.push_back({RequestKind::RekeyChild, ev.inbound_spi});
    } else {
      sa->queue.push_back({RequestKind::DeleteChild, ev.inbound_spi});
    }
    start_next_queued(now, *sa, fx);
    reschedule(*sa);
    break;
  }
  return fx;
}

std::optional<IkeSaSnapshot> Engine::snapshot(uint32_t tunnel_id) const {
  auto it = by_id_.find(tunnel_id);
  if (it == by_id_.end()) return std::nullopt;
  const IkeSa& sa = *sas_.at(it->second);
  IkeSaSnapshot s;
  s.tunnel_id = sa.id;
  s.local = sa.local;
  s.remote = sa.remote;
  s.status = sa.status;
  s.initiator = sa.initiator;
  s.spi_i = sa.spi_i;
  s.spi_r = sa.spi_r;
  s.encr = static_cast<uint16_t>(sa.alg.encr);
  s.key_bits = sa.alg.key_bits;
  s.prf = static_cast<uint16_t>(sa.alg.prf);
  s.integ = static_cast<uint16_t>(sa.alg.integ);
  s.group = static_cast<uint16_t>(sa.alg.group);
  s.lifetime_seconds = sa.lifetime_seconds;
  s.established = sa.established;
  s.next_request_id = sa.next_request_id;
  s.next_peer_request_id = sa.next_peer_request_id;
  s.nat_local = sa.nat_local;
  s.nat_remote = sa.nat_remote;
  // As IOS shows them (cisco-cli §4.2): the value only, "r1.example", not "fqdn r1.example".
  s.local_identity = sa.local_id.value;
  s.remote_identity = sa.remote_id.value;
  s.profile = sa.profile;
  s.peer_fragmentation = sa.peer_fragmentation;
  s.peer_signature_hashes = sa.peer_signature_hashes;
  s.peer_window = sa.peer_window;
  for (const auto& c : sa.children) {
    if (c.rekeyed) continue;
    s.children.push_back({c.inbound_spi, c.outbound_spi, c.algorithms, c.mode, c.local_ts, c.remote_ts,
                          c.map_entry_id, c.established, c.rekey_at, c.expire_at});
  }
  return s;
}

std::vector<IkeSaSnapshot> Engine::snapshot() const {
  std::vector<IkeSaSnapshot> out;
  out.reserve(by_id_.size());
  for (const auto& [id, spi] : by_id_) {
    if (auto s = snapshot(id)) out.push_back(std::move(*s));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.tunnel_id < b.tunnel_id; });
  return out;
}

}  // namespace ravelin::ike::engine
