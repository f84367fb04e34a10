// IOS running-config → IkeConfig.
#include <algorithm>
#include <charconv>

#include "ike/commands/algorithms.hpp"
#include "ike/config_build/ios_parts.hpp"
#include "ipsec/commands/commands.hpp"

namespace ravelin::ike::config_build {

namespace {

using namespace detail;
namespace cmd = ipsec::commands;

uint16_t to_u16(const std::string& s) {
  uint16_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

config::IkeProposal proposal_of(std::string name, const std::vector<std::string>& enc,
                                const std::vector<std::string>& integ, const std::vector<std::string>& prf,
                                const std::vector<std::string>& grp) {
  config::IkeProposal p;
  p.name = std::move(name);
  for (const auto& e : enc) {
    if (const auto* a = commands::find_encr(e, false)) p.encryption.push_back({a->id, a->bits});
  }
  for (const auto& i : integ) {
    if (const auto* h = commands::find_hash(i, false)) p.integrity.push_back(h->integ_id);
  }
  for (const auto& f : prf.empty() ? integ : prf) {  // IOS: PRF follows integrity when not set (§2.1)
    if (const auto* h = commands::find_hash(f, false)) p.prf.push_back(h->prf_id);
  }
  for (const auto& g : grp) p.groups.push_back(to_u16(g));
  return p;
}

}  // namespace

void detail::build_ios_proposals_and_policies(const Node& root, config::IkeConfig& c) {
  for (const Node* p : root.all("crypto ikev2 proposal")) {
    c.proposals.push_back(proposal_of(p->args().text("name"), texts(*p, "encryption", "algs"),
                                      texts(*p, "integrity", "algs"), texts(*p, "prf", "algs"),
                                      texts(*p, "group", "groups")));
  }
  bool default_proposal = cmd::smart_default_enabled(root, "crypto ikev2 proposal default");
  if (default_proposal) {
    const auto& d = commands::ios_default_proposal();
    c.proposals.push_back(proposal_of("default", d.encryption, d.integrity, d.prf, d.group));
  }
  for (const Node* p : root.all("crypto ikev2 policy")) {
    config::IkePolicy pol;
    pol.name = p->args().text("name");
    for (const Node* l : p->all("match address local")) {
      if (auto a = l->args().address("address")) pol.match_address_local.push_back(*a);
    }
    for (const Node* pr : p->all("proposal")) pol.proposals.push_back(pr->args().text("proposal"));
    c.policies.push_back(std::move(pol));
  }
  // The default policy applies only when no configured one matches (§2.2): it is added when no
  // configured policy covers every local address, and last, since proposals_for() takes a union.
  bool catch_all = std::any_of(c.policies.begin(), c.policies.end(),
                               [](const config::IkePolicy& p) { return p.match_address_local.empty(); });
  if (default_proposal && !catch_all && cmd::smart_default_enabled(root, "crypto ikev2 policy default")) {
    c.policies.push_back({"default", {}, {"default"}});
  }
}

config::KeyringPeer detail::ios_keyring_peer(const Node& p) {
  config::KeyringPeer peer;
  peer.name = p.args().text("name");
  if (const Node* a = p.find("address")) {
    const auto& args = a->args();
    if (args.has("prefix6")) peer.address = args.prefix("prefix6");
    else if (args.has("mask")) peer.address = args.prefix_with_mask("address", "mask");
    else if (auto addr = args.address("address")) peer.address = platform::Prefix::host(*addr);
  }
  if (const Node* h = p.find("hostname")) peer.hostname = h->args().text("hostname");
  if (const Node* id = p.find("identity")) {
    const auto& a = id->args();
    if (auto addr = a.address("address")) peer.identity = config::Identity::address(*addr);
    else if (a.has("fqdn")) peer.identity = config::Identity{config::IdType::Fqdn, a.text("fqdn")};
    else if (a.has("email")) peer.identity = config::Identity{config::IdType::Rfc822, a.text("email")};
    else if (a.has("keyid")) peer.identity = config::Identity{config::IdType::KeyId, a.text("keyid")};
  }
  auto both = text(p, "pre-shared-key", "key");
  peer.pre_shared_key_local = peer.pre_shared_key_remote = both;
  if (auto l = text(p, "pre-shared-key local", "key"); !l.empty()) peer.pre_shared_key_local = l;
  if (auto r = text(p, "pre-shared-key remote", "key"); !r.empty()) peer.pre_shared_key_remote = r;
  return peer;
}

config::Keyring detail::ios_keyring(const Node& k) {
  config::Keyring kr;
  kr.name = k.args().text("name");
  for (const Node* p : k.all("peer")) kr.peers.push_back(ios_keyring_peer(*p));
  return kr;
}

void detail::build_ios_globals(const Node& root, config::IkeConfig& c, std::vector<std::string>& warnings) {
  if (const Node* d = root.find("crypto ikev2 dpd")) {
    c.dpd.interval_seconds = static_cast<uint32_t>(d->args().number("interval"));
    c.dpd.retry_seconds = static_cast<uint32_t>(d->args().number("retry"));
    c.dpd.mode = d->args().text("mode") == "periodic" ? config::DpdMode::Periodic : config::DpdMode::OnDemand;
  }
  if (auto w = number(root, "crypto ikev2 window", "size")) {
    // The engine keeps at most 20 requests in flight; IOS accepts up to 200.
    c.window_size = static_cast<uint32_t>(std::min<int64_t>(*w, 20));
    if (*w > 20) warnings.push_back("crypto ikev2 window " + std::to_string(*w) + ": using 20");
  }
  if (auto n = number(root, "crypto ikev2 cookie-challenge", "threshold")) c.cookie_challenge = static_cast<uint32_t>(*n);
  if (auto n = number(root, "crypto ikev2 nat keepalive", "seconds")) c.nat_keepalive_seconds = static_cast<uint32_t>(*n);
  for (const Node* l : root.all("crypto ikev2 limit max-in-negotation-sa")) {
    if (l->args().text("dir") != "outgoing") c.max_in_negotiation_sa = static_cast<uint32_t>(l->args().number("limit"));
  }
}


Built build_ios(const Node& root) {
  Built out;
  auto cfg = std::make_shared<config::IkeConfig>();
  out.interfaces = collect_interfaces(root, false);
  build_ios_proposals_and_policies(root, *cfg);
  for (const Node* k : root.all("crypto ikev2 keyring")) cfg->keyrings.push_back(ios_keyring(*k));
  build_ios_profiles(root, out.interfaces, *cfg, out.warnings);
  build_ios_transform_sets(root, *cfg);
  const auto g = ios_map_globals(root);
  for (const Node* m : root.all("crypto map")) build_ios_map_entry(root, *m, out.interfaces, g, cfg->crypto_map, out.warnings);
  build_ios_vtis(root, out.interfaces, g, cfg->crypto_map, out.warnings);
  drop_duplicate_ids(cfg->crypto_map, out.warnings);
  build_ios_globals(root, *cfg, out.warnings);
  out.config = std::move(cfg);
  return out;
}

Built build(const Node& root, grammar::Dialect dialect) {
  return dialect == grammar::Dialect::Asa ? build_asa(root) : build_ios(root);
}

}  // namespace ravelin::ike::config_build
