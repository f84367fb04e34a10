// IKE_AUTH by pre-shared key or certificate, for either side (see auth_cert.hpp).
#include "ike/engine/auth_cert.hpp"

#include <algorithm>
#include <cctype>

#include "ike/crypto/auth.hpp"
#include "ike/crypto/signature.hpp"
#include "ike/engine/helpers.hpp"

namespace ravelin::ike::engine {

namespace {

using wire::Bytes;

constexpr uint8_t kX509 = static_cast<uint8_t>(wire::CertEncoding::X509Signature);

std::span<const uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

bool iequal(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

Bytes octets_for(const SignedParts& p, const wire::IdPayload& id) {
  auto maced = crypto::maced_id(*p.prf, *p.sk_p, id.body());
  return crypto::signed_octets(p.real_message, p.nonce, maced);
}

std::vector<const config::Trustpoint*> trustpoints(const config::IkeConfig& cfg, const std::vector<std::string>& names) {
  std::vector<const config::Trustpoint*> out;
  for (const auto& n : names) {
    if (const auto* t = cfg.find_trustpoint(n)) out.push_back(t);
  }
  if (names.empty()) {
    for (const auto& t : cfg.trustpoints) out.push_back(&t);
  }
  return out;
}

// Our certificate and the key that signs for it: the first sign trustpoint holding a certificate.
Result<std::pair<const config::Trustpoint*, std::shared_ptr<const crypto::PrivateKey>>> signer(
    const config::IkeConfig& cfg, const config::Profile& prof) {
  for (const auto* tp : trustpoints(cfg, prof.trustpoints_sign)) {
    if (!tp->certificate) continue;
    auto pub = tp->certificate->public_key();
    if (!pub) return pub.error();
    for (const auto& kp : cfg.key_pairs) {
      if (!kp.key || (!tp->key_label.empty() && kp.label != tp->key_label)) continue;
      if (kp.key->public_key().same_key(*pub)) return std::make_pair(tp, kp.key);
    }
    return make_error("trustpoint " + tp->name + ": no key pair" +
                      (tp->key_label.empty() ? "" : " '" + tp->key_label + "'") + " matches its certificate");
  }
  return make_error("profile " + prof.name + " has no trustpoint with a certificate to sign with");
}

// The key type the profile's method needs: rsa-sig signs with RSA, ecdsa-sig with EC, the ASA's
// `certificate` with either.
Status key_fits(config::AuthMethod m, crypto::KeyType t, const char* side) {
  if (m == config::AuthMethod::RsaSig && t != crypto::KeyType::Rsa) return make_error(std::string(side) + " rsa-sig needs an RSA certificate");
  if (m == config::AuthMethod::EcdsaSig && t != crypto::KeyType::Ec) return make_error(std::string(side) + " ecdsa-sig needs an ECDSA certificate");
  return {};
}

std::optional<wire::CertPayload> certreq_for(const config::IkeConfig& cfg, const config::Profile& prof) {
  if (prof.authentication_remote == config::AuthMethod::PreShare) return std::nullopt;
  wire::CertPayload req{kX509, {}};
  for (const auto* tp : trustpoints(cfg, prof.trustpoints_verify)) {
    for (const auto& ca : tp->ca_certificates) {
      auto h = ca->spki_sha1();  // §3.7: concatenated SHA-1 hashes of the CAs' public keys
      req.data.insert(req.data.end(), h.begin(), h.end());
    }
  }
  return req;
}

// §3.5 / RFC 4945 §3.1: the ID the peer claims must be in its certificate.
Status id_in_certificate(const config::Identity& id, const wire::IdPayload& raw, const crypto::Certificate& cert) {
  auto has = [](const std::vector<std::string>& v, const std::string& x) {
    return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return iequal(s, x); });
  };
  bool ok = false;
  switch (id.type) {
    case config::IdType::DerAsn1Dn: ok = raw.data == cert.subject_der() || iequal(id.value, cert.subject()); break;
    case config::IdType::Ipv4:
    case config::IdType::Ipv6: {
      auto a = platform::IpAddress::parse(id.value);
      auto ips = cert.san_ip();
      ok = a && std::find(ips.begin(), ips.end(), *a) != ips.end();
      break;
    }
    case config::IdType::Fqdn: ok = has(cert.san_dns(), id.value); break;
    case config::IdType::Rfc822: ok = has(cert.san_email(), id.value); break;
    case config::IdType::KeyId: ok = false; break;
  }
  if (ok) return {};
  return make_error("identity " + id.to_string() + " is not in the peer certificate (" + cert.subject() + ")");
}

const char* method_name(config::AuthMethod m) {
  switch (m) {
    case config::AuthMethod::PreShare: return "pre-share";
    case config::AuthMethod::RsaSig: return "rsa-sig";
    case config::AuthMethod::EcdsaSig: return "ecdsa-sig";
    case config::AuthMethod::Certificate: return "certificate";
  }
  return "?";
}

Status verify_psk(const config::KeyringPeer* psk, const wire::AuthPayload& auth, const SignedParts& parts,
                  const wire::IdPayload& id) {
  if (!psk) return make_error("no pre-shared key for the peer");
  if (!crypto::verify_psk_auth(*parts.prf, as_bytes(psk->pre_shared_key_remote), octets_for(parts, id), auth.data)) {
    return make_error("pre-shared key mismatch");
  }
  return {};
}

// Chain to one of the verify trustpoints (with its CRLs when `revocation-check crl`).
Status verify_chain_to_trustpoints(const config::IkeConfig& cfg, const config::Profile& prof,
                                   const crypto::Certificate& leaf, const std::vector<crypto::CertificatePtr>& rest) {
  Status last = make_error("no trustpoint to verify the peer certificate");
  for (const auto* tp : trustpoints(cfg, prof.trustpoints_verify)) {
    if (tp->ca_certificates.empty()) continue;
    if (tp->revocation == config::Revocation::Crl && tp->crls.empty()) {
      last = make_error("trustpoint " + tp->name + " checks revocation but has no CRL");
      continue;
    }
    crypto::ChainCheck check{tp->ca_certificates, rest,
                             tp->revocation == config::Revocation::Crl ? tp->crls : std::vector<crypto::CrlPtr>{},
                             cfg.pki_now()};
    last = crypto::verify_chain(leaf, check);
    if (last) return last;
  }
  return last;
}

Status verify_signature(const config::IkeConfig& cfg, const config::Profile& prof, const wire::Message& msg,
                        const wire::IdPayload& id, const wire::AuthPayload& auth, const SignedParts& parts) {
  std::vector<crypto::CertificatePtr> certs;
  for (const auto& p : msg.payloads) {
    const auto* c = std::get_if<wire::CertPayload>(&p.body);
    if (p.type != wire::PayloadType::Cert || !c || c->encoding != kX509) continue;
    auto parsed = crypto::Certificate::from_der(c->data);
    if (!parsed) return make_error("peer certificate does not parse: " + parsed.error().message);
    certs.push_back(*parsed);
  }
  if (certs.empty()) return make_error("peer sent no X.509 certificate");
  const auto& leaf = *certs.front();
  std::vector<crypto::CertificatePtr> rest(certs.begin() + 1, certs.end());
  if (auto s = verify_chain_to_trustpoints(cfg, prof, leaf, rest); !s) return make_error("certificate: " + s.error().message);
  auto identity = identity_of(id);
  if (!identity) return make_error("peer identity type is not supported");
  if (auto s = id_in_certificate(*identity, id, leaf); !s) return s;
  auto pub = leaf.public_key();
  if (!pub) return pub.error();
  if (auto s = key_fits(prof.authentication_remote, pub->type(), "remote"); !s) return s;
  if (auto s = crypto::verify_auth(*pub, auth.method, auth.data, octets_for(parts, id)); !s) {
    return make_error("AUTH signature: " + s.error().message);
  }
  return {};
}

}  // namespace

std::optional<config::Identity> identity_of(const wire::IdPayload& id) {
  if (id.type == wire::IdType::DerAsn1Dn) {
    auto dn = crypto::dn_text(id.data);
    if (!dn) return std::nullopt;
    return config::Identity{config::IdType::DerAsn1Dn, *dn};
  }
  return from_wire(id);
}

crypto::CertificatePtr peer_certificate(const wire::Message& msg) {
  const auto* c = msg.find<wire::CertPayload>(wire::PayloadType::Cert);
  if (!c || c->encoding != kX509) return nullptr;
  auto parsed = crypto::Certificate::from_der(c->data);
  return parsed ? *parsed : nullptr;
}

bool certificate_map_matches(const config::IkeConfig& cfg, const config::Profile& prof, const crypto::Certificate* cert) {
  if (prof.match_certificate.empty() || cert == nullptr) return false;
  auto entries = cfg.certificate_map(prof.match_certificate);
  return std::any_of(entries.begin(), entries.end(), [&](const auto* e) { return e->matches(*cert); });
}

Result<OurAuth> build_our_auth(const config::IkeConfig& cfg, const config::Profile& prof,
                               const config::KeyringPeer* psk, const platform::IpAddress& local,
                               const SignedParts& parts, const std::vector<uint16_t>& peer_hashes) {
  OurAuth out;
  out.certreq = certreq_for(cfg, prof);
  if (prof.authentication_local == config::AuthMethod::PreShare) {
    if (!psk) return make_error("no pre-shared key for the peer");
    out.identity = prof.identity_local.value_or(config::Identity::address(local));
    if (out.identity.type == config::IdType::DerAsn1Dn) return make_error("identity local dn needs a certificate");
    out.id = to_wire(out.identity);
    auto mac = crypto::psk_auth(*parts.prf, as_bytes(psk->pre_shared_key_local), octets_for(parts, out.id));
    out.auth = {wire::AuthMethod::SharedKeyMic, Bytes(mac.data(), mac.data() + mac.size())};
    return out;
  }
  auto s = signer(cfg, prof);
  if (!s) return s.error();
  const auto& [tp, key] = *s;
  if (auto k = key_fits(prof.authentication_local, key->type(), "local"); !k) return k.error();
  // IOS: with a certificate the local identity defaults to the certificate's DN.
  out.identity = prof.identity_local.value_or(config::Identity{config::IdType::DerAsn1Dn, ""});
  if (out.identity.type == config::IdType::DerAsn1Dn) {
    out.identity.value = tp->certificate->subject();
    out.id = wire::IdPayload{wire::IdType::DerAsn1Dn, tp->certificate->subject_der()};
  } else {
    out.id = to_wire(out.identity);
  }
  out.certs.push_back(wire::CertPayload{kX509, tp->certificate->der()});
  std::optional<std::vector<uint16_t>> hashes;
  if (!peer_hashes.empty()) hashes = peer_hashes;
  auto sig = crypto::sign_auth(*key, octets_for(parts, out.id), hashes);
  if (!sig) return make_error("signing failed: " + sig.error().message);
  out.auth = {sig->method, std::move(sig->data)};
  return out;
}

Status verify_peer_auth(const config::IkeConfig& cfg, const config::Profile& prof, const config::KeyringPeer* psk,
                        const wire::Message& msg, const wire::IdPayload& id, const wire::AuthPayload& auth,
                        const SignedParts& parts) {
  const bool got_psk = auth.method == wire::AuthMethod::SharedKeyMic;
  const bool want_psk = prof.authentication_remote == config::AuthMethod::PreShare;
  if (got_psk != want_psk) {
    return make_error("profile " + prof.name + " expects " + method_name(prof.authentication_remote) +
                      " but the peer used AUTH method " + std::to_string(static_cast<int>(auth.method)));
  }
  if (want_psk) return verify_psk(psk, auth, parts, id);
  return verify_signature(cfg, prof, msg, id, auth, parts);
}

}  // namespace ravelin::ike::engine
