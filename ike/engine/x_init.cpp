// IKE_SA_INIT (RFC 7296 §1.2): proposals, KE, nonces; COOKIE (§2.6), INVALID_KE_PAYLOAD (§1.2) and
// the half-open limit on the responder.
//   Initiator                         Responder
//   HDR, SAi1, KEi, Ni  -->
//                       <--  HDR, SAr1, KEr, Nr
#include "ike/engine/certreq.hpp"
#include "ike/engine/engine.hpp"
#include "ike/engine/helpers.hpp"
#include "ike/engine/ike_sa.hpp"
#include "ike/engine/nat.hpp"

namespace ravelin::ike::engine {

using platform::TimePoint;

namespace {

constexpr size_t kNonceSize = 32;

wire::Message stateless_reply(const wire::Message& req) {
  wire::Message m;
  m.header.spi_i = req.header.spi_i;
  m.header.spi_r = 0;
  m.header.exchange = wire::ExchangeType::IkeSaInit;
  m.header.response = true;
  m.header.initiator = false;
  m.header.message_id = req.header.message_id;
  return m;
}

// RFC 7427 §4: the hashes we can verify signatures with: SHA2-256, SHA2-384, SHA2-512.
constexpr uint16_t kSignatureHashes[] = {2, 3, 4};
constexpr size_t kMaxSignatureHashes = 16;

wire::Bytes signature_hash_bytes() {
  wire::Bytes out;
  for (uint16_t h : kSignatureHashes) {
    out.push_back(static_cast<uint8_t>(h >> 8));
    out.push_back(static_cast<uint8_t>(h));
  }
  return out;
}

// The peer's SIGNATURE_HASH_ALGORITHMS list; a malformed one (odd length, too long) counts as absent.
std::vector<uint16_t> signature_hashes(const wire::Message& m) {
  const auto* n = m.find_notify(wire::NotifyType::SignatureHashAlgorithms);
  std::vector<uint16_t> out;
  if (!n || n->data.size() % 2 != 0 || n->data.size() / 2 > kMaxSignatureHashes) return out;
  for (size_t i = 0; i + 1 < n->data.size(); i += 2) out.push_back(static_cast<uint16_t>((n->data[i] << 8) | n->data[i + 1]));
  return out;
}

wire::Bytes group_bytes(wire::KeGroup g) {
  auto v = static_cast<uint16_t>(g);
  return {static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
}

}  // namespace

void Engine::init_extensions(IkeSa& sa, const wire::Message& msg, wire::Message* response) {
  sa.peer_fragmentation = settings_.fragmentation && msg.find_notify(wire::NotifyType::IkeFragmentationSupported);
  sa.peer_signature_hashes = signature_hashes(msg);
  if (!response) return;
  // RFC 7383 §2.3 / RFC 7427 §4: the responder answers them only when the initiator announced them.
  if (sa.peer_fragmentation) response->add_notify(wire::NotifyType::IkeFragmentationSupported);
  if (msg.find_notify(wire::NotifyType::SignatureHashAlgorithms)) {
    response->add_notify(wire::NotifyType::SignatureHashAlgorithms, signature_hash_bytes());
  }
}

void Engine::init_start(TimePoint now, IkeSa& sa, Effects& fx) {
  sa.hs = std::make_unique<Handshake>();
  sa.hs->offered = ike_proposals(cfg_->proposals_for(sa.local.address));
  auto groups = offered_groups(sa.hs->offered);
  if (groups.empty()) {
    destroy_sa(now, sa, "no IKEv2 proposal with a key exchange group is configured", fx);
    return;
  }
  auto ke = crypto::make_key_exchange(groups.front(), *deps_.random);
  if (!ke) {
    destroy_sa(now, sa, "key exchange: " + ke.error().message, fx);
    return;
  }
  sa.hs->ke = std::move(*ke);
  sa.hs->ni = deps_.random->bytes(kNonceSize);
  init_send(now, sa, fx);
}

void Engine::init_send(TimePoint now, IkeSa& sa, Effects& fx) {
  wire::Message m;
  m.header.exchange = wire::ExchangeType::IkeSaInit;
  // §2.6: the COOKIE notify comes first when the responder asked for one.
  if (!sa.hs->cookie.empty()) m.add_notify(wire::NotifyType::Cookie, sa.hs->cookie);
  m.add(wire::PayloadType::Sa, wire::SaPayload{sa.hs->offered});
  m.add(wire::PayloadType::Ke, wire::KePayload{sa.hs->ke->group(), sa.hs->ke->public_value()});
  m.add(wire::PayloadType::Nonce, wire::NoncePayload{sa.hs->ni});
  add_nat_detection(m, sa.spi_i, 0, sa.local, sa.remote);
  if (settings_.fragmentation) m.add_notify(wire::NotifyType::IkeFragmentationSupported);  // RFC 7383 §2.3
  m.add_notify(wire::NotifyType::SignatureHashAlgorithms, signature_hash_bytes());        // RFC 7427 §4
  sa.status = IkeStatus::InitSent;
  sa.next_request_id = 0;  // every IKE_SA_INIT attempt (cookie, new group) uses Message ID 0
  send_request(now, sa, std::move(m), static_cast<uint8_t>(RequestKind::IkeSaInit), fx);
  if (sa.outstanding) sa.hs->init_request = sa.outstanding->frames.front();
}

// The responder asked for a COOKIE or another group, or refused: retry or give up. True = handled.
bool Engine::init_retry_or_refusal(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  if (const auto* c = msg.find_notify(wire::NotifyType::Cookie)) {
    if (c->data.empty() || c->data.size() > 64 || !sa.hs->cookie.empty()) {
      destroy_sa(now, sa, "invalid or repeated COOKIE from responder", fx);
      return true;
    }
    sa.hs->cookie = c->data;
    init_send(now, sa, fx);
    return true;
  }
  if (const auto* n = msg.find_notify(wire::NotifyType::InvalidKePayload)) {
    if (n->data.size() != 2) {
      destroy_sa(now, sa, "malformed INVALID_KE_PAYLOAD", fx);
      return true;
    }
    auto want = static_cast<wire::KeGroup>((n->data[0] << 8) | n->data[1]);
    auto groups = offered_groups(sa.hs->offered);
    if (want == sa.hs->ke->group() || std::find(groups.begin(), groups.end(), want) == groups.end()) {
      destroy_sa(now, sa, "responder wants DH group " + std::to_string(static_cast<int>(want)) + " which we did not offer", fx);
      return true;
    }
    auto ke = crypto::make_key_exchange(want, *deps_.random);
    if (!ke) {
      destroy_sa(now, sa, "key exchange: " + ke.error().message, fx);
      return true;
    }
    log(platform::LogLevel::Info, &sa, "INVALID_KE_PAYLOAD: retrying with group " + std::to_string(static_cast<int>(want)));
    sa.hs->ke = std::move(*ke);
    init_send(now, sa, fx);
    return true;
  }
  for (const auto* n : msg.notifies()) {
    if (wire::is_error_notify(n->type)) {
      destroy_sa(now, sa, "peer answered " + std::string(wire::notify_name(n->type)) + "; we offered " +
                              describe(sa.hs->offered), fx);
      return true;
    }
  }
  return false;
}

void Engine::init_response_in(TimePoint now, IkeSa& sa, const wire::Message& msg, std::span<const uint8_t> bytes,
                              Effects& fx) {
  sa.outstanding.reset();
  if (init_retry_or_refusal(now, sa, msg, fx)) return;
  const auto* sap = msg.find<wire::SaPayload>(wire::PayloadType::Sa);
  const auto* ke = msg.find<wire::KePayload>(wire::PayloadType::Ke);
  const auto* nr = msg.find<wire::NoncePayload>(wire::PayloadType::Nonce);
  if (!sap || !ke || !nr || msg.header.spi_r == 0) {
    destroy_sa(now, sa, "IKE_SA_INIT response without SA, KE, Nr or SPIr", fx);
    return;
  }
  auto sel = check_response(sa.hs->offered, *sap);
  auto alg = sel ? ike_algorithms(sel->chosen) : Result<IkeAlgorithms>(sel.error());
  if (!alg || alg->group != ke->group || ke->group != sa.hs->ke->group()) {
    destroy_sa(now, sa, alg ? "responder's KE does not match its chosen group" : alg.error().message, fx);
    return;
  }
  auto g_ir = sa.hs->ke->compute_shared(ke->data);
  if (!g_ir) {
    destroy_sa(now, sa, "invalid KE from responder: " + g_ir.error().message, fx);
    return;
  }
  sa.alg = *alg;
  // Re-key the table entry is not needed: the initiator's SA is found by SPIi.
  sa.spi_r = msg.header.spi_r;
  sa.hs->nr = nr->data;
  sa.hs->init_response.assign(bytes.begin(), bytes.end());
  if (auto st = derive_ike_keys(sa, *g_ir, sa.hs->ni, sa.hs->nr); !st) {
    destroy_sa(now, sa, "key derivation: " + st.error().message, fx);
    return;
  }
  keylog_ike(sa);
  sa.hs->ke.reset();
  init_extensions(sa, msg, nullptr);
  initiator_nat(sa, msg);
  auth_send(now, sa, fx);
}

void Engine::initiator_nat(IkeSa& sa, const wire::Message& msg) {
  auto nat = check_nat_detection(msg, sa.spi_i, sa.spi_r, sa.local, sa.remote);
  if (!nat) return;
  sa.nat_local = nat->local_behind_nat;
  sa.nat_remote = nat->remote_behind_nat;
  if (sa.nat_local || sa.nat_remote) {
    // §2.23: once a NAT is detected the initiator moves to port 4500 for IKE_AUTH and everything after.
    sa.local.port = settings_.natt_port;
    sa.remote.port = settings_.natt_port;
    log(platform::LogLevel::Info, &sa, "NAT detected; moving to " + sa.remote.to_string());
  }
}

// COOKIE (§2.6) past `cookie-challenge N`, then the half-open limit; false = answered or dropped.
bool Engine::admit_init(const platform::Endpoint& local, const platform::Endpoint& remote, const wire::Message& msg,
                        const wire::Bytes& ni, Effects& fx) {
  if (cfg_->cookie_challenge && half_open_count_ >= *cfg_->cookie_challenge) {
    const auto* c = msg.find_notify(wire::NotifyType::Cookie);
    if (!c || !cookies_->verify(c->data, ni, remote.address, msg.header.spi_i)) {
      // §2.6: stateless; nothing is remembered about this initiator.
      wire::Message r = stateless_reply(msg);
      r.add_notify(wire::NotifyType::Cookie, cookies_->make(ni, remote.address, msg.header.spi_i));
      send_plain(local, remote, std::move(r), fx);
      ++counters_.cookies_sent;
      return false;
    }
  }
  if (cfg_->max_in_negotiation_sa && half_open_count_ >= *cfg_->max_in_negotiation_sa) {
    ++counters_.half_open_refused;
    return false;
  }
  return true;
}

Effects Engine::init_request_in(TimePoint now, const platform::Endpoint& local, const platform::Endpoint& remote,
                                const wire::Message& msg, std::span<const uint8_t> bytes) {
  Effects fx;
  const auto* sap = msg.find<wire::SaPayload>(wire::PayloadType::Sa);
  const auto* ke = msg.find<wire::KePayload>(wire::PayloadType::Ke);
  const auto* ni = msg.find<wire::NoncePayload>(wire::PayloadType::Nonce);
  if (!sap || !ke || !ni) {
    ++counters_.dropped_invalid;
    return fx;
  }
  if (!admit_init(local, remote, msg, ni->data, fx)) return fx;
  auto ours = ike_proposals(cfg_->proposals_for(local.address));
  auto sel = select(ours, sap->proposals);
  if (!sel) {
    wire::Message r = stateless_reply(msg);
    r.add_notify(wire::NotifyType::NoProposalChosen);
    send_plain(local, remote, std::move(r), fx);
    fx.events.push_back({EventKind::Failure, 0, "IKE_SA_INIT from " + remote.to_string() + ": " + sel.error().message});
    return fx;
  }
  auto alg = ike_algorithms(sel->chosen);
  if (!alg) {
    ++counters_.dropped_invalid;
    return fx;
  }
  if (ke->group != alg->group) {
    // §1.2: tell the initiator which of its groups we want; it retries with that one.
    wire::Message r = stateless_reply(msg);
    r.add_notify(wire::NotifyType::InvalidKePayload, group_bytes(alg->group));
    send_plain(local, remote, std::move(r), fx);
    return fx;
  }
  auto our_ke = crypto::make_key_exchange(alg->group, *deps_.random);
  if (!our_ke) {
    ++counters_.dropped_invalid;
    return fx;
  }
  auto g_ir = (*our_ke)->compute_shared(ke->data);
  if (!g_ir) {
    ++counters_.dropped_invalid;
    fx.events.push_back({EventKind::Failure, 0, "invalid KE from " + remote.to_string() + ": " + g_ir.error().message});
    return fx;
  }
  init_respond(now, {local, remote}, msg, bytes, {sel->chosen, *alg, **our_ke, *g_ir}, fx);
  return fx;
}

// The responder's state and IKE_SA_INIT response once proposal and KE are accepted.
void Engine::init_respond(TimePoint now, std::pair<platform::Endpoint, platform::Endpoint> ends,
                          const wire::Message& msg, std::span<const uint8_t> bytes, const InitChoice& choice,
                          Effects& fx) {
  const auto& [local, remote] = ends;
  const auto* ni = msg.find<wire::NoncePayload>(wire::PayloadType::Nonce);
  const IkeAlgorithms* alg = &choice.alg;
  const auto& g_ir = choice.g_ir;
  IkeSa& sa = create_sa(false, local, remote);
  sa.created = now;
  sa.status = IkeStatus::Negotiating;
  sa.spi_i = msg.header.spi_i;
  sa.alg = *alg;
  by_peer_spi_[{remote, sa.spi_i}] = sa.spi_r;
  ++half_open_count_;
  sa.half_open = true;
  sa.hs = std::make_unique<Handshake>();
  sa.hs->ni = ni->data;
  sa.hs->nr = deps_.random->bytes(kNonceSize);
  sa.hs->init_request.assign(bytes.begin(), bytes.end());
  if (auto st = derive_ike_keys(sa, g_ir, sa.hs->ni, sa.hs->nr); !st) {
    destroy_sa(now, sa, "key derivation: " + st.error().message, fx);
    return;
  }
  keylog_ike(sa);
  wire::Message r;
  r.header.exchange = wire::ExchangeType::IkeSaInit;
  wire::Proposal chosen = choice.chosen;
  chosen.spi.clear();
  r.add(wire::PayloadType::Sa, wire::SaPayload{{chosen}});
  r.add(wire::PayloadType::Ke, wire::KePayload{alg->group, choice.ke.public_value()});
  r.add(wire::PayloadType::Nonce, wire::NoncePayload{sa.hs->nr});
  // §1.2: HDR, SAr1, KEr, Nr, [CERTREQ]: the CAs we trust when some profile wants the peer's certificate.
  if (auto req = responder_certreq(*cfg_, local.address)) r.add(wire::PayloadType::CertReq, std::move(*req));
  if (auto nat = check_nat_detection(msg, sa.spi_i, 0, local, remote)) {
    sa.nat_local = nat->local_behind_nat;
    sa.nat_remote = nat->remote_behind_nat;
    add_nat_detection(r, sa.spi_i, sa.spi_r, local, remote);
  }
  init_extensions(sa, msg, &r);
  sa.next_peer_request_id = msg.header.message_id;
  send_response(sa, r, fx);
  if (!sa.responses.empty()) sa.hs->init_response = sa.responses.back().frames.front();
  reschedule(sa);
}

}  // namespace ravelin::ike::engine
