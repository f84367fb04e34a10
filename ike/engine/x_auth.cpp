// IKE_AUTH (RFC 7296 §1.2, §2.15): identities, authentication by pre-shared key or certificate (each
// side its own method, auth_cert.hpp), profile and keyring selection, and the first CHILD_SA.
//   HDR, SK { IDi, [CERT,] [CERTREQ,] [IDr,] AUTH, SAi2, TSi, TSr }  -->
//                                <--  HDR, SK { IDr, [CERT,] AUTH, SAr2, TSi, TSr }
#include "ike/engine/auth_cert.hpp"
#include "ike/engine/child_plan.hpp"
#include "ike/engine/engine.hpp"
#include "ike/engine/helpers.hpp"
#include "ike/engine/ike_sa.hpp"

namespace ravelin::ike::engine {

using platform::TimePoint;

namespace {

// The keyring peer for a remote: by identity first (when known), then address, then host name.
const config::KeyringPeer* find_key(const config::Keyring& kr, const platform::IpAddress& addr,
                                    const config::Identity* id) {
  if (id) {
    for (const auto& p : kr.peers) {
      if (p.identity && *p.identity == *id) return &p;
    }
  }
  const config::KeyringPeer* best = nullptr;
  for (const auto& p : kr.peers) {
    if (p.address && p.address->contains(addr) && (!best || p.address->length() > best->address->length())) best = &p;
  }
  if (best) return best;
  if (id && id->type == config::IdType::Fqdn) {
    for (const auto& p : kr.peers) {
      if (p.hostname && *p.hostname == id->value) return &p;
    }
  }
  return nullptr;
}

bool local_matches(const std::vector<platform::IpAddress>& list, const platform::IpAddress& a) {
  return list.empty() || std::find(list.begin(), list.end(), a) != list.end();
}

bool needs_key(const config::Profile& p) {
  return p.authentication_local == config::AuthMethod::PreShare || p.authentication_remote == config::AuthMethod::PreShare;
}

// Appends our ID, CERT, CERTREQ and AUTH in §1.2's order.
void add_our_auth(wire::Message& m, wire::PayloadType id_type, const OurAuth& a) {
  m.add(id_type, a.id);
  for (const auto& c : a.certs) m.add(wire::PayloadType::Cert, c);
  if (a.certreq) m.add(wire::PayloadType::CertReq, *a.certreq);
  m.add(wire::PayloadType::Auth, a.auth);
}

// The first profile (in configuration order) whose local addresses fit and whose `match identity
// remote`, `match certificate` or (ASA tunnel-group) peer address selects the peer.
const config::Profile* select_profile(const config::IkeConfig& cfg, const platform::IpAddress& local,
                                      const platform::IpAddress& remote, const config::Identity& id,
                                      const crypto::Certificate* cert) {
  for (const auto& p : cfg.profiles) {
    if (!local_matches(p.match_address_local, local)) continue;
    if (std::any_of(p.match_identity_remote.begin(), p.match_identity_remote.end(),
                    [&](const config::IdentityMatch& m) { return m.matches(id); }) ||
        std::any_of(p.match_address_remote.begin(), p.match_address_remote.end(),
                    [&](const platform::Prefix& a) { return a.contains(remote); }) ||
        certificate_map_matches(cfg, p, cert)) {
      return &p;
    }
  }
  return nullptr;
}

}  // namespace

void Engine::auth_send(TimePoint now, IkeSa& sa, Effects& fx) {
  const config::CryptoMapEntry* e = cfg_->find_map_entry(sa.map_entry_id);
  const config::Profile* prof = cfg_->find_profile(sa.profile);
  if (!e || !prof) {
    destroy_sa(now, sa, "no ikev2 profile '" + sa.profile + "' for crypto map entry", fx);
    return;
  }
  const config::Keyring* kr = cfg_->find_keyring(prof->keyring);
  const config::KeyringPeer* kp = kr ? find_key(*kr, sa.remote.address, nullptr) : nullptr;
  if (!kp && prof->authentication_local == config::AuthMethod::PreShare) {
    destroy_sa(now, sa, "keyring '" + prof->keyring + "' has no key for peer " + sa.remote.address.to_string(), fx);
    return;
  }
  auto ours = build_our_auth(*cfg_, *prof, kp, sa.local.address,
                             {sa.prf.get(), &sa.keys.sk_pi, sa.hs->init_request, sa.hs->nr}, sa.peer_signature_hashes);
  if (!ours) {
    destroy_sa(now, sa, "cannot authenticate to peer " + sa.remote.address.to_string() + ": " + ours.error().message, fx);
    return;
  }
  sa.local_id = ours->identity;

  wire::Message m;
  m.header.exchange = wire::ExchangeType::IkeAuth;
  add_our_auth(m, wire::PayloadType::IdI, *ours);
  bool other_sa = false;
  for (const auto& [spi, s] : sas_) other_sa |= s.get() != &sa && s->remote.address == sa.remote.address;
  if (!other_sa) m.add_notify(wire::NotifyType::InitialContact);
  auto spi = deps_.spis->allocate(sa.local.address, sa.remote.address);
  if (spi) {
    std::vector<const config::TransformSet*> sets;
    for (const auto& n : e->transform_sets) {
      if (const auto* t = cfg_->find_transform_set(n)) sets.push_back(t);
    }
    sa.hs->child_spi = *spi;
    sa.hs->child_offered = esp_proposals(sets, 0, *spi);
    sa.hs->tsi = e->local_ts;
    sa.hs->tsr = e->remote_ts;
    if (!sets.empty() && sets.front()->mode == ipsec::sa::Mode::Transport) {
      m.add_notify(wire::NotifyType::UseTransportMode);
    }
    m.add(wire::PayloadType::Sa, wire::SaPayload{sa.hs->child_offered});
    m.add(wire::PayloadType::TsI, to_wire(sa.hs->tsi));
    m.add(wire::PayloadType::TsR, to_wire(sa.hs->tsr));
  } else {
    log(platform::LogLevel::Warning, &sa, "no inbound SPI for the first child: " + spi.error().message);
  }
  sa.status = IkeStatus::AuthSent;
  send_request(now, sa, std::move(m), static_cast<uint8_t>(RequestKind::IkeAuth), fx);
}

void Engine::auth_request_in(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  auto refuse = [&](const std::string& why) {
    wire::Message r;
    r.header.exchange = wire::ExchangeType::IkeAuth;
    r.add_notify(wire::NotifyType::AuthenticationFailed);
    send_response(sa, r, fx);
    destroy_sa(now, sa, why, fx);
  };
  if (sa.status != IkeStatus::Negotiating || !sa.hs) {
    ++counters_.dropped_invalid;
    return;
  }
  const auto* idi = msg.find<wire::IdPayload>(wire::PayloadType::IdI);
  const auto* auth = msg.find<wire::AuthPayload>(wire::PayloadType::Auth);
  auto id = idi ? identity_of(*idi) : std::nullopt;
  if (!id || !auth) return refuse("IKE_AUTH without a usable IDi or AUTH");
  const crypto::CertificatePtr cert = peer_certificate(msg);
  const config::Profile* prof = select_profile(*cfg_, sa.local.address, sa.remote.address, *id, cert.get());
  if (!prof) return refuse("identity " + id->to_string() + " matched no ikev2 profile");
  const config::Keyring* kr = cfg_->find_keyring(prof->keyring);
  const config::KeyringPeer* kp = kr ? find_key(*kr, sa.remote.address, &*id) : nullptr;
  if (!kp && needs_key(*prof)) {
    return refuse("keyring '" + prof->keyring + "' has no key for peer " + sa.remote.address.to_string() +
                  " identity " + id->to_string());
  }
  if (auto v = verify_peer_auth(*cfg_, *prof, kp, msg, *idi, *auth,
                                {sa.prf.get(), &sa.keys.sk_pi, sa.hs->init_request, sa.hs->nr});
      !v) {
    return refuse("authentication failed for peer " + sa.remote.address.to_string() + " identity " +
                  id->to_string() + " (" + v.error().message + ")");
  }
  auto ours = build_our_auth(*cfg_, *prof, kp, sa.local.address,
                             {sa.prf.get(), &sa.keys.sk_pr, sa.hs->init_response, sa.hs->ni}, sa.peer_signature_hashes);
  if (!ours) return refuse("cannot authenticate to peer " + sa.remote.address.to_string() + ": " + ours.error().message);
  sa.remote_id = *id;
  sa.profile = prof->name;
  sa.local_id = ours->identity;
  if (msg.find_notify(wire::NotifyType::InitialContact)) {
    // §2.4 / INITIAL_CONTACT: the peer restarted; every older IKE SA with it is stale.
    std::vector<uint32_t> stale;
    for (const auto& [spi, s] : sas_) {
      if (s.get() != &sa && s->remote.address == sa.remote.address && s->remote_id == sa.remote_id) stale.push_back(s->id);
    }
    for (uint32_t sid : stale) {
      if (IkeSa* s = find_by_id(sid)) destroy_sa(now, *s, "INITIAL_CONTACT from peer", fx);
    }
  }
  wire::Message r;
  r.header.exchange = wire::ExchangeType::IkeAuth;
  ours->certreq.reset();  // CERTREQ is not part of the responder's IKE_AUTH (§1.2)
  add_our_auth(r, wire::PayloadType::IdR, *ours);
  mark_established(now, sa, fx);
  const auto* sap = msg.find<wire::SaPayload>(wire::PayloadType::Sa);
  const auto* tsi = msg.find<wire::TsPayload>(wire::PayloadType::TsI);
  const auto* tsr = msg.find<wire::TsPayload>(wire::PayloadType::TsR);
  if (sap && tsi && tsr) {
    ChildRequest req{sap, from_wire(*tsi), from_wire(*tsr),
                     msg.find_notify(wire::NotifyType::UseTransportMode) != nullptr, 0, true};
    responder_child(now, sa, req, 0, nullptr, sa.hs->ni, sa.hs->nr, r, fx);
  }
  send_response(sa, r, fx);
  sa.hs.reset();
}

void Engine::auth_response_in(TimePoint now, IkeSa& sa, const wire::Message& msg, Effects& fx) {
  sa.outstanding.reset();
  const auto* idr = msg.find<wire::IdPayload>(wire::PayloadType::IdR);
  const auto* auth = msg.find<wire::AuthPayload>(wire::PayloadType::Auth);
  if (!idr || !auth) {
    std::string n = "no AUTH";
    for (const auto* x : msg.notifies()) {
      if (wire::is_error_notify(x->type)) n = std::string(wire::notify_name(x->type));
    }
    destroy_sa(now, sa, "peer refused IKE_AUTH: " + n, fx);
    return;
  }
  auto id = identity_of(*idr);
  const config::Profile* prof = cfg_->find_profile(sa.profile);
  const config::Keyring* kr = prof ? cfg_->find_keyring(prof->keyring) : nullptr;
  const config::KeyringPeer* kp = kr && id ? find_key(*kr, sa.remote.address, &*id) : nullptr;
  if (!id || !prof) {
    destroy_sa(now, sa, "responder's AUTH does not verify (unusable IDr)", fx);
    return;
  }
  if (auto v = verify_peer_auth(*cfg_, *prof, kp, msg, *idr, *auth,
                                {sa.prf.get(), &sa.keys.sk_pr, sa.hs->init_response, sa.hs->ni});
      !v) {
    destroy_sa(now, sa, "responder's AUTH does not verify (" + v.error().message + ")", fx);
    return;
  }
  sa.remote_id = *id;
  mark_established(now, sa, fx);
  initiator_child_result(now, sa, msg, sa.hs->child_spi, sa.hs->child_offered, sa.hs->tsi, sa.hs->tsr, nullptr,
                         sa.hs->ni, sa.hs->nr, 0, fx);
  sa.hs.reset();
}

}  // namespace ravelin::ike::engine
