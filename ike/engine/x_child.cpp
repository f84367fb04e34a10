// CREATE_CHILD_SA (RFC 7296 §1.3): additional children, child rekey (§1.3.3, §2.8) with optional PFS,
// and the §2.8.1 simultaneous-rekey rule (the redundant SA is the one with the lowest nonce).
//   HDR, SK { [N(REKEY_SA)], SA, Ni, [KEi], TSi, TSr }  -->
//                                  <--  HDR, SK { SA, Nr, [KEr], TSi, TSr }
#include "ike/engine/child_plan.hpp"
#include "ike/engine/engine.hpp"
#include "ike/engine/helpers.hpp"
#include "ike/engine/ike_sa.hpp"

namespace ravelin::ike::engine {

using platform::TimePoint;

namespace {
constexpr size_t kNonceSize = 32;

const wire::Bytes& min_of(const wire::Bytes& a, const wire::Bytes& b) {
  // Nonces compare as unsigned big-endian strings (§2.8.1); a shorter prefix is smaller.
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end()) ? a : b;
}
}  // namespace

bool Engine::responder_child(TimePoint now, IkeSa& sa, const ChildRequest& req, uint32_t replaces,
                             const crypto::SecretBytes* g_ir, const wire::Bytes& ni, const wire::Bytes& nr,
                             wire::Message& response, Effects& fx) {
  const ChildState* old = replaces ? sa.find_child(replaces) : nullptr;
  auto planned = plan_responder_child(*cfg_, sa.remote.address, req, old ? old->map_entry_id : 0);
  if (auto* no = std::get_if<ChildRefusal>(&planned)) {
    response.add_notify(no->notify);
    fx.events.push_back({EventKind::Failure, sa.id, no->reason});
    log(platform::LogLevel::Info, &sa, no->reason);
    return false;
  }
  auto& plan = std::get<ChildPlan>(planned);
  auto outbound = spi32(plan.selection.chosen.spi);
  auto inbound = deps_.spis->allocate(sa.local.address, sa.remote.address);
  if (!outbound || !inbound) {
    response.add_notify(wire::NotifyType::NoAdditionalSas);
    fx.events.push_back({EventKind::Failure, sa.id, "child SA: no inbound SPI available"});
    return false;
  }
  ChildState child;
  child.inbound_spi = *inbound;
  child.outbound_spi = *outbound;
  child.algorithms = plan.algorithms;
  child.mode = plan.mode;
  child.local_ts = plan.tsr;
  child.remote_ts = plan.tsi;
  child.map_entry_id = plan.entry->id();
  child.replaces = replaces;
  child.we_initiated = false;
  if (replaces) child.min_nonce = min_of(ni, nr);
  auto kernel = derive_child(sa, child, g_ir, ni, nr, false);
  if (!kernel) {
    response.add_notify(wire::NotifyType::NoProposalChosen);
    fx.events.push_back({EventKind::Failure, sa.id, "child SA keys: " + kernel.error().message});
    return false;
  }
  wire::Proposal chosen = plan.selection.chosen;
  chosen.spi = spi32_bytes(*inbound);
  if (plan.mode == ipsec::sa::Mode::Transport) response.add_notify(wire::NotifyType::UseTransportMode);
  response.add(wire::PayloadType::Sa, wire::SaPayload{{chosen}});
  // (the caller adds Nr/KEr where the exchange carries them; TS go last as in §1.3)
  response.add(wire::PayloadType::TsI, to_wire(plan.tsi));
  response.add(wire::PayloadType::TsR, to_wire(plan.tsr));
  add_child(now, sa, std::move(child), std::move(*kernel), fx);
  return true;
}

namespace {
bool refused_by_peer(uint32_t sa_id, const wire::Message& msg, const std::vector<wire::Proposal>& offered, Effects& fx) {
  for (const auto* n : msg.notifies()) {
    if (wire::is_error_notify(n->type)) {
      fx.events.push_back({EventKind::Failure, sa_id,
                           "child SA refused by peer: " + std::string(wire::notify_name(n->type)) +
                               "; we offered " + describe(offered)});
      return true;
    }
  }
  return false;
}
}  // namespace

bool Engine::initiator_child_result(TimePoint now, IkeSa& sa, const wire::Message& msg, uint32_t our_spi,
                                    const std::vector<wire::Proposal>& offered,
                                    const ipsec::ts::TrafficSelectors& tsi, const ipsec::ts::TrafficSelectors& tsr,
                                    const crypto::SecretBytes* g_ir, const wire::Bytes& ni, const wire::Bytes& nr,
                                    uint32_t replaces, Effects& fx, uint32_t map_entry_id) {
  if (our_spi == 0 || refused_by_peer(sa.id, msg, offered, fx)) return false;
  const auto* sap = msg.find<wire::SaPayload>(wire::PayloadType::Sa);
  const auto* rtsi = msg.find<wire::TsPayload>(wire::PayloadType::TsI);
  const auto* rtsr = msg.find<wire::TsPayload>(wire::PayloadType::TsR);
  if (!sap || !rtsi || !rtsr) {
    fx.events.push_back({EventKind::Failure, sa.id, "child SA: response without SA/TSi/TSr"});
    return false;
  }
  auto sel = check_response(offered, *sap);
  auto alg = sel ? esp_algorithms(sel->chosen) : Result<ipsec::sa::EspAlgorithms>(sel.error());
  auto outbound = sel ? spi32(sel->chosen.spi) : std::nullopt;
  auto got_tsi = from_wire(*rtsi);
  auto got_tsr = from_wire(*rtsr);
  std::string bad;
  if (!alg) bad = alg.error().message;
  else if (!outbound) bad = "bad SPI in the responder's proposal";
  else if (!ipsec::ts::is_narrowing_of(got_tsi, tsi) || !ipsec::ts::is_narrowing_of(got_tsr, tsr))
    bad = "responder's selectors are not a narrowing of ours (§2.9)";
  ChildState child;
  child.inbound_spi = our_spi;
  child.outbound_spi = outbound.value_or(0);
  child.algorithms = alg ? *alg : ipsec::sa::EspAlgorithms{};
  child.mode = msg.find_notify(wire::NotifyType::UseTransportMode) ? ipsec::sa::Mode::Transport
                                                                    : ipsec::sa::Mode::Tunnel;
  child.local_ts = got_tsi;
  child.remote_ts = got_tsr;
  const ChildState* old = replaces ? sa.find_child(replaces) : nullptr;
  child.map_entry_id = old ? old->map_entry_id : (map_entry_id ? map_entry_id : sa.map_entry_id);
  child.replaces = replaces;
  child.we_initiated = true;
  if (replaces) child.min_nonce = min_of(ni, nr);
  if (bad.empty()) {
    auto kernel = derive_child(sa, child, g_ir, ni, nr, true);
    if (kernel) {
      add_child(now, sa, std::move(child), std::move(*kernel), fx);
      return true;
    }
    bad = "child SA keys: " + kernel.error().message;
  }
  fx.events.push_back({EventKind::Failure, sa.id, "child SA: " + bad});
  if (outbound) {
    // The responder installed it; tell it to delete what we will not use.
    sa.children.push_back(child);
    sa.children.back().rekeyed = true;
    sa.queue.push_back({RequestKind::DeleteChild, our_spi});
  }
  return false;
}

// HDR, SK { [N(REKEY_SA)], SA, Ni, [KEi], TSi, TSr } --> for cx (a rekey when cx->old_inbound_spi is set):
// a fresh inbound SPI, the entry's transform sets and its PFS group. The request in flight, or nullptr.
OutstandingRequest* Engine::child_exchange_send(TimePoint now, IkeSa& sa, const config::CryptoMapEntry& e,
                                                std::unique_ptr<ChildExchange> cx, ipsec::sa::Mode mode, Effects& fx) {
  auto spi = deps_.spis->allocate(sa.local.address, sa.remote.address);
  if (!spi) {
    log(platform::LogLevel::Warning, &sa, "child SA: no inbound SPI: " + spi.error().message);
    return nullptr;
  }
  std::vector<const config::TransformSet*> sets;
  for (const auto& n : e.transform_sets) {
    if (const auto* t = cfg_->find_transform_set(n)) sets.push_back(t);
  }
  cx->new_inbound_spi = *spi;
  cx->nonce = deps_.random->bytes(kNonceSize);
  cx->offered = esp_proposals(sets, e.pfs_group, *spi);
  wire::Message m;
  m.header.exchange = wire::ExchangeType::CreateChildSa;
  if (cx->old_inbound_spi) {
    m.add_notify(wire::NotifyType::RekeySa, {}, wire::ProtocolId::Esp, spi32_bytes(cx->old_inbound_spi));
  }
  if (mode == ipsec::sa::Mode::Transport) m.add_notify(wire::NotifyType::UseTransportMode);
  m.add(wire::PayloadType::Sa, wire::SaPayload{cx->offered});
  m.add(wire::PayloadType::Nonce, wire::NoncePayload{cx->nonce});
  if (e.pfs_group) {
    auto ke = crypto::make_key_exchange(static_cast<wire::KeGroup>(e.pfs_group), *deps_.random);
    if (!ke) {
      log(platform::LogLevel::Warning, &sa, "child SA: " + ke.error().message);
      return nullptr;
    }
    cx->ke = std::move(*ke);
    m.add(wire::PayloadType::Ke, wire::KePayload{cx->ke->group(), cx->ke->public_value()});
  }
  m.add(wire::PayloadType::TsI, to_wire(cx->tsi));
  m.add(wire::PayloadType::TsR, to_wire(cx->tsr));
  const RequestKind kind = cx->kind;
  OutstandingRequest* r = send_request(now, sa, std::move(m), static_cast<uint8_t>(kind), fx);
  if (r) {
    r->child_spi = cx->old_inbound_spi;
    r->cx = std::move(cx);
  }
  return r;
}

void Engine::child_rekey_send(TimePoint now, IkeSa& sa, uint32_t old_spi, Effects& fx) {
  ChildState* c = sa.find_child(old_spi);
  const config::CryptoMapEntry* e = c ? cfg_->find_map_entry(c->map_entry_id) : nullptr;
  if (!c || !e || c->rekeyed) return;
  auto cx = std::make_unique<ChildExchange>();
  cx->kind = RequestKind::RekeyChild;
  cx->old_inbound_spi = old_spi;
  cx->tsi = c->local_ts;
  cx->tsr = c->remote_ts;
  if (child_exchange_send(now, sa, *e, std::move(cx), c->mode, fx)) c->rekeying = true;
}

// An additional child SA on an established IKE SA (§1.3.1), for another crypto-map entry to this peer.
void Engine::child_create_send(TimePoint now, IkeSa& sa, uint32_t map_entry_id, Effects& fx) {
  const config::CryptoMapEntry* e = cfg_ ? cfg_->find_map_entry(map_entry_id) : nullptr;
  if (!e || sa.status != IkeStatus::Ready || sa.superseded) return;
  const config::TransformSet* first = e->transform_sets.empty() ? nullptr : cfg_->find_transform_set(e->transform_sets.front());
  auto cx = std::make_unique<ChildExchange>();
  cx->kind = RequestKind::CreateChild;
  cx->map_entry_id = map_entry_id;
  cx->tsi = e->local_ts;
  cx->tsr = e->remote_ts;
  if (child_exchange_send(now, sa, *e, std::move(cx), first ? first->mode : ipsec::sa::Mode::Tunnel, fx)) {
    ++counters_.create_child_sent;
  }
}

// N(REKEY_SA): the child the peer wants to rekey (our inbound SPI in `replaces`), or why not.
std::optional<wire::NotifyType> Engine::rekey_target(IkeSa& sa, const wire::Message& msg, uint32_t& replaces) {
  const auto* rekey = msg.find_notify(wire::NotifyType::RekeySa);
  if (!rekey) return std::nullopt;
  auto spi = spi32(rekey->spi);
  ChildState* old = spi ? sa.find_child_by_outbound(*spi) : nullptr;
  if (!old || old->rekeyed) return wire::NotifyType::ChildSaNotFound;  // §2.25
  // §2.25.1: a child we are deleting is not rekeyed.
  if (sa.outstanding.has(RequestKind::DeleteChild, old->inbound_spi)) return wire::NotifyType::TemporaryFailure;
  replaces = old->inbound_spi;
  return std::nullopt;
}

void Engine::child_request_in(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  const auto* sap = msg.find<wire::SaPayload>(wire::PayloadType::Sa);
  if (sap && !sap->proposals.empty() && sap->proposals.front().protocol == wire::ProtocolId::Ike) {
    ike_rekey_request_in(now, sa, msg, fx);
    return;
  }
  wire::Message r;
  r.header.exchange = wire::ExchangeType::CreateChildSa;
  const auto* ni = msg.find<wire::NoncePayload>(wire::PayloadType::Nonce);
  const auto* tsi = msg.find<wire::TsPayload>(wire::PayloadType::TsI);
  const auto* tsr = msg.find<wire::TsPayload>(wire::PayloadType::TsR);
  const auto* ke = msg.find<wire::KePayload>(wire::PayloadType::Ke);
  auto fail = [&](wire::NotifyType n) {
    wire::Message e;
    e.header.exchange = wire::ExchangeType::CreateChildSa;
    e.add_notify(n);
    send_response(sa, e, fx);
  };
  if (sa.outstanding.has(RequestKind::RekeyIke)) return fail(wire::NotifyType::TemporaryFailure);  // §2.25.2
  if (sa.superseded) return fail(wire::NotifyType::TemporaryFailure);  // replaced or parked (§2.8.2)
  if (sa.status != IkeStatus::Ready || !sap || !ni || !tsi || !tsr) return fail(wire::NotifyType::InvalidSyntax);
  uint32_t replaces = 0;
  if (auto refusal = rekey_target(sa, msg, replaces)) return fail(*refusal);
  std::unique_ptr<crypto::KeyExchange> our_ke;
  std::optional<crypto::SecretBytes> g_ir;
  if (ke) {
    auto k = crypto::make_key_exchange(ke->group, *deps_.random);
    if (!k) return fail(wire::NotifyType::NoProposalChosen);
    auto shared = (*k)->compute_shared(ke->data);
    if (!shared) return fail(wire::NotifyType::InvalidSyntax);
    g_ir = std::move(*shared);
    our_ke = std::move(*k);
  }
  wire::Bytes nr = deps_.random->bytes(kNonceSize);
  ChildRequest req{sap, from_wire(*tsi), from_wire(*tsr), msg.find_notify(wire::NotifyType::UseTransportMode) != nullptr,
                   static_cast<uint16_t>(ke ? ke->group : wire::KeGroup::None), false};
  wire::Message body;
  if (!responder_child(now, sa, req, replaces, g_ir ? &*g_ir : nullptr, ni->data, nr, body, fx)) {
    send_response(sa, body, fx);
    return;
  }
  // Order as in §1.3.2: SA, Nr, [KEr], TSi, TSr (responder_child put SA first and the TS last).
  for (auto& p : body.payloads) {
    if (p.type == wire::PayloadType::TsI) {
      r.add(wire::PayloadType::Nonce, wire::NoncePayload{nr});
      if (our_ke) r.add(wire::PayloadType::Ke, wire::KePayload{our_ke->group(), our_ke->public_value()});
    }
    r.payloads.push_back(std::move(p));
  }
  send_response(sa, r, fx);
  if (ChildState* old = replaces ? sa.find_child(replaces) : nullptr) {
    old->rekeyed = true;
    resolve_rekey_collision(now, sa, replaces, fx);
  }
}

void Engine::child_response_in(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  auto cx = std::move(sa.outstanding->cx);
  sa.outstanding.reset();
  if (!cx) return;
  if (cx->kind == RequestKind::RekeyIke) return ike_rekey_response_in(now, sa, msg, std::move(cx), fx);
  ChildState* old = sa.find_child(cx->old_inbound_spi);
  if (old) old->rekeying = false;
  if (msg.find_notify(wire::NotifyType::TemporaryFailure) && old && !old->rekeyed) {
    // §2.25: try again a little later, with jitter so the two peers do not collide again.
    old->rekey_at = now + std::chrono::milliseconds(2000 + deps_.random->u32() % 8000);
    return;
  }
  if (msg.find_notify(wire::NotifyType::ChildSaNotFound)) return;  // the peer already deleted it
  const auto* nr = msg.find<wire::NoncePayload>(wire::PayloadType::Nonce);
  const auto* ke = msg.find<wire::KePayload>(wire::PayloadType::Ke);
  std::optional<crypto::SecretBytes> g_ir;
  if (cx->ke) {
    auto shared = ke && ke->group == cx->ke->group() ? cx->ke->compute_shared(ke->data)
                                                     : Result<crypto::SecretBytes>(make_error("no KEr for PFS"));
    if (!shared && !msg.find_notify(wire::NotifyType::NoProposalChosen)) {
      fx.events.push_back({EventKind::Failure, sa.id, "child rekey: " + shared.error().message});
      return;
    }
    if (shared) g_ir = std::move(*shared);
  }
  const wire::Bytes no_nonce;
  bool ok = initiator_child_result(now, sa, msg, cx->new_inbound_spi, cx->offered, cx->tsi, cx->tsr, g_ir ? &*g_ir : nullptr,
                                   cx->nonce, nr ? nr->data : no_nonce, cx->old_inbound_spi, fx, cx->map_entry_id);
  if (!ok) return;
  if (cx->cleared) return clear_child(now, sa, cx->new_inbound_spi, fx);  // `clear crypto sa` came first
  if (ChildState* o = sa.find_child(cx->old_inbound_spi)) {
    // Make-before-break: the new child is installed; now the old one goes (§2.8).
    o->rekeyed = true;
    sa.queue.push_back({RequestKind::DeleteChild, cx->old_inbound_spi});
  }
  if (cx->old_inbound_spi) resolve_rekey_collision(now, sa, cx->old_inbound_spi, fx);  // an additional child collides with nothing
}

void Engine::resolve_rekey_collision(TimePoint, IkeSa& sa, uint32_t replaces, Effects&) {
  ChildState* mine = nullptr;
  ChildState* theirs = nullptr;
  for (auto& c : sa.children) {
    if (c.replaces != replaces || c.rekeyed) continue;
    (c.we_initiated ? mine : theirs) = &c;
  }
  if (!mine || !theirs) return;
  // §2.8.1: the SA whose exchange holds the lowest of the four nonces is redundant and is deleted by
  // the peer that initiated that exchange. Both peers reach the same verdict independently.
  const bool mine_is_redundant =
      std::lexicographical_compare(mine->min_nonce.begin(), mine->min_nonce.end(), theirs->min_nonce.begin(),
                                   theirs->min_nonce.end());
  log(platform::LogLevel::Info, &sa, std::string("simultaneous child rekey: ") +
                                         (mine_is_redundant ? "deleting ours" : "peer deletes its own"));
  mine->min_nonce.clear();
  theirs->min_nonce.clear();
  if (mine_is_redundant) {
    mine->rekeyed = true;
    sa.queue.push_back({RequestKind::DeleteChild, mine->inbound_spi});
  }
}

}  // namespace ravelin::ike::engine
