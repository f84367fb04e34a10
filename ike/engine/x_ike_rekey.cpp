// IKE SA rekey over CREATE_CHILD_SA (RFC 7296 §1.3.2, §2.18): the new SA's keys come from the old
// SK_d, the children move to it, and the rekey initiator deletes the old SA.
//   HDR, SK { SA, Ni, KEi }  -->
//                 <--  HDR, SK { SA, Nr, KEr }
// Simultaneous IKE rekeys (§2.8.2): both exchanges complete. The SA the peer's request created is
// parked until our own response arrives; then the new SA whose exchange holds the lowest of the four
// nonces is redundant and is deleted by its initiator, the other inherits the children, and its
// initiator deletes the old SA.
#include "ike/engine/engine.hpp"
#include "ike/engine/helpers.hpp"
#include "ike/engine/ike_sa.hpp"

namespace ravelin::ike::engine {

using platform::TimePoint;

namespace {
constexpr size_t kNonceSize = 32;

wire::Bytes lowest(const wire::Bytes& a, const wire::Bytes& b) {
  // Nonces compare as unsigned big-endian strings (§2.8.1).
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end()) ? a : b;
}

bool less(const wire::Bytes& a, const wire::Bytes& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}
}  // namespace

void Engine::ike_rekey_send(TimePoint now, IkeSa& sa, Effects& fx) {
  if (sa.status != IkeStatus::Ready || sa.superseded) return;
  auto cx = std::make_unique<ChildExchange>();
  cx->kind = RequestKind::RekeyIke;
  cx->new_ike_spi = fresh_spi();
  cx->offered = ike_proposals(cfg_->proposals_for(sa.local.address));
  for (auto& p : cx->offered) p.spi = spi64_bytes(cx->new_ike_spi);
  auto groups = offered_groups(cx->offered);
  if (groups.empty()) return;
  // Prefer the group the SA already uses: the peer accepted it once.
  auto group = std::find(groups.begin(), groups.end(), sa.alg.group) != groups.end() ? sa.alg.group : groups.front();
  auto ke = crypto::make_key_exchange(group, *deps_.random);
  if (!ke) return;
  cx->ke = std::move(*ke);
  cx->nonce = deps_.random->bytes(kNonceSize);
  wire::Message m;
  m.header.exchange = wire::ExchangeType::CreateChildSa;
  m.add(wire::PayloadType::Sa, wire::SaPayload{cx->offered});
  m.add(wire::PayloadType::Nonce, wire::NoncePayload{cx->nonce});
  m.add(wire::PayloadType::Ke, wire::KePayload{cx->ke->group(), cx->ke->public_value()});
  sa.status = IkeStatus::Rekeying;
  if (OutstandingRequest* r = send_request(now, sa, std::move(m), static_cast<uint8_t>(RequestKind::RekeyIke), fx)) {
    r->cx = std::move(cx);
  } else {
    sa.status = IkeStatus::Ready;
  }
}

void Engine::move_to_new_sa(TimePoint now, IkeSa& old_sa, IkeSa& n, Effects& fx) {
  ++counters_.ike_sa_rekeyed;
  n.superseded = false;
  n.parked_for = 0;
  n.profile = old_sa.profile;
  n.map_entry_id = old_sa.map_entry_id;
  n.local_id = old_sa.local_id;
  n.remote_id = old_sa.remote_id;
  n.nat_local = old_sa.nat_local;
  n.nat_remote = old_sa.nat_remote;
  n.peer_fragmentation = old_sa.peer_fragmentation;
  n.peer_signature_hashes = old_sa.peer_signature_hashes;
  n.peer_window = old_sa.peer_window;
  n.children = std::move(old_sa.children);
  old_sa.children.clear();
  // Child work that was waiting for the old SA's window continues on the new one (§2.18: the
  // children now belong to it), so no child loses its rekey.
  for (const auto& w : old_sa.queue) {
    if (w.kind == RequestKind::RekeyChild || w.kind == RequestKind::DeleteChild || w.kind == RequestKind::ClearChild ||
        w.kind == RequestKind::CreateChild) {
      n.queue.push_back(w);
    }
  }
  n.status = IkeStatus::Ready;
  n.created = now;
  n.established = now;
  n.last_heard = now;
  n.lifetime_seconds = old_sa.lifetime_seconds;
  n.rekey_at = soft_deadline(now, n.lifetime_seconds);
  n.expire_at = now + std::chrono::seconds(n.lifetime_seconds);
  arm_dpd(now, n);
  arm_keepalive(now, n);
  old_sa.superseded = true;
  old_sa.status = IkeStatus::Deleting;
  old_sa.queue.clear();
  old_sa.rekey_at = TimePoint{};
  old_sa.dpd_at = TimePoint{};
  old_sa.keepalive_at = TimePoint{};
  old_sa.rekey_parked_id = 0;
  // If the peer's DELETE of the old SA never comes, it goes anyway.
  old_sa.expire_at = now + settings_.half_open_timeout;
  fx.events.push_back({EventKind::IkeSaUp, n.id, "IKE SA rekeyed: replaces SA " + std::to_string(old_sa.id)});
  log(platform::LogLevel::Info, &n, "rekeyed from SA ID:" + std::to_string(old_sa.id));
  start_next_queued(now, n, fx);
  reschedule(n);
  reschedule(old_sa);
}

// The responder's half of an IKE rekey: selects, derives and answers. Returns the new SA's id, or 0
// when it answered with an error notify.
uint32_t Engine::ike_rekey_accept(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  auto fail = [&](wire::NotifyType n, wire::Bytes data = {}) {
    wire::Message e;
    e.header.exchange = wire::ExchangeType::CreateChildSa;
    e.add_notify(n, std::move(data));
    send_response(sa, e, fx);
    return 0u;
  };
  const auto* sap = msg.find<wire::SaPayload>(wire::PayloadType::Sa);
  const auto* ni = msg.find<wire::NoncePayload>(wire::PayloadType::Nonce);
  const auto* ke = msg.find<wire::KePayload>(wire::PayloadType::Ke);
  if (!sap || !ni || !ke) return fail(wire::NotifyType::InvalidSyntax);
  auto ours = ike_proposals(cfg_->proposals_for(sa.local.address));
  auto sel = select(ours, sap->proposals);
  auto alg = sel ? ike_algorithms(sel->chosen) : Result<IkeAlgorithms>(sel.error());
  auto peer_spi = sel ? spi64(sel->chosen.spi) : std::nullopt;
  if (!alg || !peer_spi) return fail(wire::NotifyType::NoProposalChosen);
  if (alg->group != ke->group) {
    auto g = static_cast<uint16_t>(alg->group);
    return fail(wire::NotifyType::InvalidKePayload, {static_cast<uint8_t>(g >> 8), static_cast<uint8_t>(g)});
  }
  auto our_ke = crypto::make_key_exchange(alg->group, *deps_.random);
  auto g_ir = our_ke ? (*our_ke)->compute_shared(ke->data) : Result<crypto::SecretBytes>(our_ke.error());
  if (!g_ir) return fail(wire::NotifyType::InvalidSyntax);
  wire::Bytes nr = deps_.random->bytes(kNonceSize);
  const uint32_t old_id = sa.id;
  IkeSa& n = create_sa(false, sa.local, sa.remote);
  IkeSa* old_sa = find_by_id(old_id);
  n.spi_i = *peer_spi;
  n.alg = *alg;
  if (auto st = derive_ike_keys(n, *g_ir, ni->data, nr, &old_sa->keys.sk_d); !st) {
    destroy_sa(now, n, "rekey key derivation: " + st.error().message, fx);
    return fail(wire::NotifyType::NoProposalChosen);
  }
  keylog_ike(n);
  n.rekey_min_nonce = lowest(ni->data, nr);
  wire::Proposal chosen = sel->chosen;
  chosen.spi = spi64_bytes(n.spi_r);
  wire::Message r;
  r.header.exchange = wire::ExchangeType::CreateChildSa;
  r.add(wire::PayloadType::Sa, wire::SaPayload{{chosen}});
  r.add(wire::PayloadType::Nonce, wire::NoncePayload{nr});
  r.add(wire::PayloadType::Ke, wire::KePayload{alg->group, (*our_ke)->public_value()});
  send_response(*old_sa, r, fx);
  return n.id;
}

void Engine::ike_rekey_request_in(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  // §2.8.2: our own IKE rekey in flight is a collision, answered as usual; anything else in flight
  // (a child rekey, a delete) or an SA already replaced gets TEMPORARY_FAILURE (§2.25.2).
  const bool collision = sa.outstanding.has(RequestKind::RekeyIke) && sa.status == IkeStatus::Rekeying &&
                         !sa.superseded && sa.rekey_parked_id == 0;
  if (!collision && (sa.child_exchange_in_flight() || sa.status != IkeStatus::Ready || sa.superseded)) {
    wire::Message e;
    e.header.exchange = wire::ExchangeType::CreateChildSa;
    e.add_notify(wire::NotifyType::TemporaryFailure);
    send_response(sa, e, fx);
    return;
  }
  const uint32_t old_id = sa.id;
  const uint32_t new_id = ike_rekey_accept(now, sa, msg, fx);
  IkeSa* old_sa = find_by_id(old_id);
  IkeSa* n = find_by_id(new_id);
  if (!old_sa || !n) return;
  if (!collision) {
    move_to_new_sa(now, *old_sa, *n, fx);
    return;
  }
  // Parked: no children, no timers, silent if the peer deletes it as the redundant one.
  n->status = IkeStatus::Ready;
  n->superseded = true;
  n->parked_for = old_id;
  n->expire_at = TimePoint::max();
  old_sa->rekey_parked_id = new_id;
  ++counters_.ike_rekey_collisions;
  log(platform::LogLevel::Info, old_sa, "simultaneous IKE rekey: peer's SA ID:" + std::to_string(new_id) + " parked");
}

// Our rekey failed or was refused: a parked SA from the peer's rekey takes over (its initiator, the
// peer, deletes the old SA); otherwise we try again later.
void Engine::ike_rekey_failed(TimePoint now, IkeSa& sa, platform::Duration retry, Effects& fx) {
  if (IkeSa* parked = sa.rekey_parked_id ? find_by_id(sa.rekey_parked_id) : nullptr) {
    move_to_new_sa(now, sa, *parked, fx);
    return;
  }
  sa.rekey_parked_id = 0;
  sa.rekey_at = now + retry;
}

void Engine::ike_rekey_response_in(TimePoint now, IkeSa& sa, const wire::Message& msg,
                                   std::unique_ptr<ChildExchange> cx, Effects& fx) {
  sa.status = IkeStatus::Ready;
  if (msg.find_notify(wire::NotifyType::TemporaryFailure)) {
    return ike_rekey_failed(now, sa, std::chrono::milliseconds(2000 + deps_.random->u32() % 8000), fx);
  }
  const auto* sap = msg.find<wire::SaPayload>(wire::PayloadType::Sa);
  const auto* nr = msg.find<wire::NoncePayload>(wire::PayloadType::Nonce);
  const auto* ke = msg.find<wire::KePayload>(wire::PayloadType::Ke);
  auto sel = sap ? check_response(cx->offered, *sap) : Result<Selection>(make_error("no SA in IKE rekey response"));
  auto alg = sel ? ike_algorithms(sel->chosen) : Result<IkeAlgorithms>(sel.error());
  auto peer_spi = sel ? spi64(sel->chosen.spi) : std::nullopt;
  if (!alg || !peer_spi || !nr || !ke || ke->group != cx->ke->group()) {
    fx.events.push_back({EventKind::Failure, sa.id, "IKE rekey failed: " + (alg ? std::string("bad response") : alg.error().message)});
    return ike_rekey_failed(now, sa, std::chrono::seconds(30), fx);
  }
  auto g_ir = cx->ke->compute_shared(ke->data);
  if (!g_ir) return ike_rekey_failed(now, sa, std::chrono::seconds(30), fx);
  const uint32_t old_id = sa.id;
  IkeSa& n = create_sa(true, sa.local, sa.remote, cx->new_ike_spi);
  IkeSa* old_sa = find_by_id(old_id);
  n.spi_r = *peer_spi;
  n.alg = *alg;
  if (auto st = derive_ike_keys(n, *g_ir, cx->nonce, nr->data, &old_sa->keys.sk_d); !st) {
    destroy_sa(now, n, "rekey key derivation: " + st.error().message, fx);
    return ike_rekey_failed(now, *old_sa, std::chrono::seconds(30), fx);
  }
  keylog_ike(n);
  n.rekey_min_nonce = lowest(cx->nonce, nr->data);
  IkeSa* parked = old_sa->rekey_parked_id ? find_by_id(old_sa->rekey_parked_id) : nullptr;
  if (parked && less(n.rekey_min_nonce, parked->rekey_min_nonce)) {
    // §2.8.2: ours holds the lowest nonce, so it is redundant: we delete it; the peer's SA inherits
    // the children and the peer deletes the old SA.
    log(platform::LogLevel::Info, old_sa, "simultaneous IKE rekey: ours is redundant, keeping SA ID:" + std::to_string(parked->id));
    move_to_new_sa(now, *old_sa, *parked, fx);
    n.status = IkeStatus::Ready;
    n.superseded = true;
    n.expire_at = now + settings_.half_open_timeout;
    n.queue.push_back({RequestKind::Delete, 0});
    start_next_queued(now, n, fx);
    reschedule(n);
    return;
  }
  if (parked) {
    // The peer's SA is the redundant one; the peer deletes it. Until then it just waits.
    log(platform::LogLevel::Info, old_sa, "simultaneous IKE rekey: peer's SA ID:" + std::to_string(parked->id) + " is redundant");
    parked->parked_for = 0;
    parked->expire_at = now + settings_.half_open_timeout;
    reschedule(*parked);
  }
  move_to_new_sa(now, *old_sa, n, fx);
  // §2.18: the initiator of the surviving rekey deletes the old IKE SA.
  old_sa->status = IkeStatus::Ready;  // so that the DELETE is sent as a normal request
  old_sa->queue.push_back({RequestKind::Delete, 0});
}

}  // namespace ravelin::ike::engine
