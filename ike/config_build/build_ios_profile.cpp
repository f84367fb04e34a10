// IOS `crypto ikev2 profile` → config::Profile.
#include "ike/config_build/build_pki.hpp"
#include "ike/config_build/ios_parts.hpp"

namespace ravelin::ike::config_build {

namespace {

using namespace detail;

std::optional<config::IdentityMatch> identity_match(const grammar::Args& a) {
  using K = config::IdentityMatch::Kind;
  config::IdentityMatch m;
  if (a.has("any")) return m;
  if (a.has("prefix6")) {
    m.kind = K::Address;
    m.prefix = a.prefix("prefix6");
  } else if (a.has("address")) {
    m.kind = K::Address;
    m.prefix = a.has("mask") ? a.prefix_with_mask("address", "mask") : a.prefix("address");
  } else if (a.has("fqdn")) {
    m.kind = a.has("domain") ? K::FqdnDomain : K::Fqdn;
    m.value = a.text("fqdn");
  } else if (a.has("email")) {
    m.kind = a.has("domain") ? K::EmailDomain : K::Email;
    m.value = a.text("email");
  } else if (a.has("keyid")) {
    m.kind = K::KeyId;
    m.value = a.text("keyid");
  } else {
    return std::nullopt;
  }
  return m;
}

std::optional<config::Identity> local_identity(const Node* n) {
  if (n == nullptr) return std::nullopt;
  const auto& a = n->args();
  if (auto addr = a.address("address")) return config::Identity::address(*addr);
  if (a.has("fqdn")) return config::Identity{config::IdType::Fqdn, a.text("fqdn")};
  if (a.has("email")) return config::Identity{config::IdType::Rfc822, a.text("email")};
  if (a.has("keyid")) return config::Identity{config::IdType::KeyId, a.text("keyid")};
  if (a.has("dn")) return config::Identity{config::IdType::DerAsn1Dn, ""};  // the certificate's subject
  return std::nullopt;
}

// Inline keys (`authentication local pre-share key K`) become a keyring of their own matching any peer.
void inline_keys(const Node& p, config::Profile& prof, config::IkeConfig& c) {
  auto local = text(p, "authentication local", "key");
  auto remote = text(p, "authentication remote", "key");
  if (local.empty() && remote.empty()) return;
  config::Keyring kr;
  kr.name = prof.name + "$inline";
  config::KeyringPeer any;
  any.name = "any";
  any.address = platform::Prefix(platform::IpAddress(), 0);
  any.pre_shared_key_local = local.empty() ? remote : local;
  any.pre_shared_key_remote = remote.empty() ? local : remote;
  kr.peers.push_back(std::move(any));
  if (prof.keyring.empty()) prof.keyring = kr.name;
  c.keyrings.push_back(std::move(kr));
}

config::AuthMethod method(const std::string& m) {
  if (m == "rsa-sig") return config::AuthMethod::RsaSig;
  if (m == "ecdsa-sig") return config::AuthMethod::EcdsaSig;
  return config::AuthMethod::PreShare;
}

void auth_methods(const Node& p, config::Profile& prof, const std::string& where, std::vector<std::string>& warnings) {
  for (const char* side : {"authentication local", "authentication remote"}) {
    auto m = text(p, side, "method");
    if (m == "eap") warnings.push_back(where + ": " + side + " eap is not supported");
  }
  prof.authentication_local = method(text(p, "authentication local", "method"));
  prof.authentication_remote = method(text(p, "authentication remote", "method"));
}

// `pki trustpoint TP [sign|verify]`: without a keyword the trustpoint does both.
void trustpoints(const Node& p, config::Profile& prof) {
  for (const Node* n : p.all("pki trustpoint")) {
    const std::string tp = n->args().text("trustpoint");
    const std::string use = n->args().text("use");
    if (use != "verify") prof.trustpoints_sign.push_back(tp);
    if (use != "sign") prof.trustpoints_verify.push_back(tp);
  }
}

}  // namespace

void detail::build_ios_profiles(const Node& root, const std::vector<InterfaceInfo>& ifs, config::IkeConfig& c,
                                std::vector<std::string>& warnings) {
  // Profiles name trustpoints; build_ios calls us once per build, so the PKI objects come first here.
  build_pki(root, c, warnings);
  for (const Node* p : root.all("crypto ikev2 profile")) {
    config::Profile prof;
    prof.name = p->args().text("name");
    std::string where = "crypto ikev2 profile " + prof.name;
    if (p->find("shutdown")) {
      warnings.push_back(where + ": shut down, not used");
      continue;
    }
    for (const Node* m : p->all("match identity remote")) {
      if (auto im = identity_match(m->args())) prof.match_identity_remote.push_back(*im);
    }
    for (const Node* l : p->all("match address local")) {
      if (auto a = l->args().address("address")) {
        prof.match_address_local.push_back(*a);
      } else if (const auto* i = find_interface(ifs, l->args().text("interface")); i && !i->hosts.empty()) {
        prof.match_address_local.push_back(i->hosts.front());
      }
    }
    prof.identity_local = local_identity(p->find("identity local"));
    auth_methods(*p, prof, where, warnings);
    trustpoints(*p, prof);
    for (const Node* m : p->all("match certificate")) prof.match_certificate = m->args().text("map");
    if (!p->find("authentication local") || !p->find("authentication remote") ||
        (prof.match_identity_remote.empty() && prof.match_certificate.empty())) {
      warnings.push_back(where + ": incomplete (needs local and remote authentication and a match identity)");
    }
    prof.keyring = text(*p, "keyring local", "keyring");
    inline_keys(*p, prof, c);
    if (auto l = number(*p, "lifetime", "seconds")) prof.lifetime_seconds = static_cast<uint32_t>(*l);
    if (const Node* d = p->find("dpd")) {
      config::Dpd dpd;
      dpd.interval_seconds = static_cast<uint32_t>(d->args().number("interval"));
      dpd.retry_seconds = static_cast<uint32_t>(d->args().number("retry"));
      dpd.mode = d->args().text("mode") == "periodic" ? config::DpdMode::Periodic : config::DpdMode::OnDemand;
      prof.dpd = dpd;
    }
    c.profiles.push_back(std::move(prof));
  }
}

}  // namespace ravelin::ike::config_build
