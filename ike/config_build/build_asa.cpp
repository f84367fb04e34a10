// ASA running-config → IkeConfig.
#include <algorithm>
#include <charconv>

#include "ike/commands/algorithms.hpp"
#include "ike/config_build/build_pki.hpp"
#include "ike/config_build/common.hpp"
#include "ipsec/commands/transforms.hpp"

namespace ravelin::ike::config_build {

namespace {

using namespace detail;
namespace cmd = ipsec::commands;

constexpr const char* kTunnelGroupKeyring = "tunnel-groups";

std::vector<std::string> leaf_or_default(const Node& p, std::string_view leaf, std::string_view binding) {
  auto v = texts(p, leaf, binding);
  if (!v.empty()) return v;
  if (auto d = p.value(leaf, binding)) {
    if (d->is_list()) {
      for (const auto& i : d->items()) v.push_back(i.text());
    } else {
      v.push_back(d->text());
    }
  }
  return v;
}

// `crypto ikev2 policy N` is a proposal; priorities order them (lowest number first).
uint32_t build_policies(const Node& root, config::IkeConfig& c) {
  config::IkePolicy pol{"asa", {}, {}};
  uint32_t lifetime = 86400;
  bool first = true;
  for (const Node* p : root.all("crypto ikev2 policy")) {
    config::IkeProposal prop;
    prop.name = p->args().text("priority");
    for (const auto& e : leaf_or_default(*p, "encryption", "algs")) {
      if (const auto* a = commands::find_encr(e, true)) prop.encryption.push_back({a->id, a->bits});
    }
    for (const auto& i : leaf_or_default(*p, "integrity", "algs")) {
      if (const auto* h = commands::find_hash(i, true)) prop.integrity.push_back(h->integ_id);
    }
    for (const auto& f : leaf_or_default(*p, "prf", "algs")) {
      if (const auto* h = commands::find_hash(f, true)) prop.prf.push_back(h->prf_id);
    }
    for (const auto& g : leaf_or_default(*p, "group", "groups")) {
      uint16_t n = 0;
      std::from_chars(g.data(), g.data() + g.size(), n);
      prop.groups.push_back(n);
    }
    bool aead = !prop.encryption.empty() && prop.encryption.front().id == config::encr::kAesGcm16;
    if (aead) prop.integrity.clear();  // the ASA shows `integrity null` with GCM (§3.1)
    if (first) {
      if (auto s = number(*p, "lifetime seconds", "seconds")) lifetime = static_cast<uint32_t>(*s);
      first = false;
    }
    pol.proposals.push_back(prop.name);
    c.proposals.push_back(std::move(prop));
  }
  if (!pol.proposals.empty()) c.policies.push_back(std::move(pol));
  return lifetime;
}

// `ikev2 local-authentication pre-shared-key K | certificate TP`: the method, and the key or the
// trustpoint we sign with.
config::AuthMethod local_method(const Node& local, config::KeyringPeer& peer, config::Profile& prof) {
  if (local.args().has("trustpoint")) {
    prof.trustpoints_sign.push_back(local.args().text("trustpoint"));
    return config::AuthMethod::Certificate;
  }
  peer.pre_shared_key_local = local.args().text("key");
  return config::AuthMethod::PreShare;
}

// `ikev2 remote-authentication pre-shared-key K | certificate`: the ASA validates the peer certificate
// against every trustpoint (the profile's verify list stays empty = all).
config::AuthMethod remote_method(const Node& remote, config::KeyringPeer& peer) {
  if (remote.args().has("certificate")) return config::AuthMethod::Certificate;
  peer.pre_shared_key_remote = remote.args().text("key");
  return config::AuthMethod::PreShare;
}

bool usable_authentication(const Node* local, const Node* remote) {
  return local && remote && (local->args().has("key") || local->args().has("trustpoint")) &&
         (remote->args().has("key") || remote->args().has("certificate"));
}

// Each L2L tunnel-group named by an address is one keyring peer and one profile; the ASA picks it by
// the peer's address (and DefaultL2LGroup for any other peer).
void build_tunnel_groups(const Node& root, uint32_t lifetime, config::IkeConfig& c, std::vector<std::string>& warnings) {
  config::Keyring kr;
  kr.name = kTunnelGroupKeyring;
  for (const Node* tg : root.all("tunnel-group")) {
    std::string name = tg->args().text("name");
    std::string where = "tunnel-group " + name;
    // DefaultL2LGroup is built in with type ipsec-l2l.
    if (text(*tg, "type", "type") != "ipsec-l2l" && name != "DefaultL2LGroup") continue;
    const Node* ia = tg->find("ipsec-attributes");
    const Node* local = ia ? ia->find("ikev2 local-authentication") : nullptr;
    const Node* remote = ia ? ia->find("ikev2 remote-authentication") : nullptr;
    if (!usable_authentication(local, remote)) {
      warnings.push_back(where + ": needs ikev2 local- and remote-authentication (pre-shared-key or certificate), not used");
      continue;
    }
    config::KeyringPeer peer;
    peer.name = name;
    auto addr = platform::IpAddress::parse(name);
    peer.address = addr ? platform::Prefix::host(*addr) : platform::Prefix(platform::IpAddress(), 0);

    config::Profile prof;
    prof.name = where;
    config::IdentityMatch m;
    if (addr) {
      m.kind = config::IdentityMatch::Kind::Address;
      m.prefix = platform::Prefix::host(*addr);
      prof.match_address_remote.push_back(platform::Prefix::host(*addr));
    }
    prof.match_identity_remote.push_back(m);
    prof.authentication_local = local_method(*local, peer, prof);
    prof.authentication_remote = remote_method(*remote, peer);
    prof.keyring = kTunnelGroupKeyring;
    prof.lifetime_seconds = lifetime;
    if (const Node* ka = ia->find("isakmp keepalive"); ka && ka->args().has("threshold")) {
      prof.dpd = config::Dpd{static_cast<uint32_t>(ka->args().number("threshold")),
                             static_cast<uint32_t>(ka->args().number("retry")), config::DpdMode::OnDemand};
    }
    if (!prof.trustpoints_sign.empty() && c.find_trustpoint(prof.trustpoints_sign.front()) == nullptr) {
      warnings.push_back(where + ": trustpoint " + prof.trustpoints_sign.front() + " does not exist");
    }
    if (prof.authentication_local == config::AuthMethod::PreShare ||
        prof.authentication_remote == config::AuthMethod::PreShare) {
      kr.peers.push_back(std::move(peer));
    }
    c.profiles.push_back(std::move(prof));
  }
  if (!kr.peers.empty()) c.keyrings.push_back(std::move(kr));
}

void build_proposals(const Node& root, config::IkeConfig& c) {
  for (const Node* p : root.all("crypto ipsec ikev2 ipsec-proposal")) {
    config::TransformSet ts;
    ts.name = p->args().text("name");
    for (const auto& e : cmd::asa_canonical_order(texts(*p, "protocol esp encryption", "algs"), cmd::asa_esp_encryptions())) {
      for (const auto& a : cmd::asa_esp_encryptions()) {
        if (a.keyword == e) ts.encryption.push_back({a.id, a.bits});
      }
    }
    for (const auto& i : cmd::asa_canonical_order(texts(*p, "protocol esp integrity", "algs"), cmd::asa_esp_integrities())) {
      for (const auto& a : cmd::asa_esp_integrities()) {
        if (a.keyword == i) ts.integrity.push_back(a.id);
      }
    }
    c.transform_sets.push_back(std::move(ts));
  }
}

}  // namespace

void build_asa_maps(const Node& root, const std::vector<InterfaceInfo>& ifs, config::IkeConfig& c,
                    std::vector<std::string>& warnings);  // build_asa_maps.cpp

Built build_asa(const Node& root) {
  Built out;
  auto cfg = std::make_shared<config::IkeConfig>();
  out.interfaces = collect_interfaces(root, true);
  uint32_t lifetime = build_policies(root, *cfg);
  build_pki(root, *cfg, out.warnings);  // `crypto ca trustpoint` / `certificate chain`, before the tunnel-groups
  build_tunnel_groups(root, lifetime, *cfg, out.warnings);
  build_proposals(root, *cfg);
  build_asa_maps(root, out.interfaces, *cfg, out.warnings);
  if (auto n = number(root, "crypto ikev2 cookie-challenge", "percent")) cfg->cookie_challenge = static_cast<uint32_t>(*n);
  if (auto n = number(root, "crypto ikev2 limit max-in-negotiation-sa", "limit")) cfg->max_in_negotiation_sa = static_cast<uint32_t>(*n);
  if (root.all("crypto ikev2 enable").empty()) out.warnings.push_back("crypto ikev2 is not enabled on any interface");
  out.config = std::move(cfg);
  return out;
}

}  // namespace ravelin::ike::config_build
