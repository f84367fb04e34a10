// What changed between two IkeConfigs, object by object (for the subscriber's log and the engine).
#include "ike/config_build/diff_parts.hpp"

namespace ravelin::ike::config_build {

namespace detail {

namespace {

bool same_dpd(const std::optional<config::Dpd>& a, const std::optional<config::Dpd>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->interval_seconds == b->interval_seconds && a->retry_seconds == b->retry_seconds && a->mode == b->mode);
}

bool same_match(const config::IdentityMatch& a, const config::IdentityMatch& b) {
  return a.kind == b.kind && a.prefix == b.prefix && a.value == b.value;
}

bool same_peer(const config::KeyringPeer& a, const config::KeyringPeer& b) {
  return a.name == b.name && a.address == b.address && a.hostname == b.hostname && a.identity == b.identity &&
         a.pre_shared_key_local == b.pre_shared_key_local && a.pre_shared_key_remote == b.pre_shared_key_remote;
}

template <typename T, typename Eq>
bool same_list(const std::vector<T>& a, const std::vector<T>& b, Eq eq) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!eq(a[i], b[i])) return false;
  }
  return true;
}

}  // namespace

bool same(const config::IkeProposal& a, const config::IkeProposal& b) {
  return a.encryption == b.encryption && a.integrity == b.integrity && a.prf == b.prf && a.groups == b.groups;
}

bool same(const config::IkePolicy& a, const config::IkePolicy& b) {
  return a.match_address_local == b.match_address_local && a.proposals == b.proposals;
}

bool same(const config::Keyring& a, const config::Keyring& b) { return same_list(a.peers, b.peers, same_peer); }

bool same(const config::Profile& a, const config::Profile& b) {
  return same_list(a.match_identity_remote, b.match_identity_remote, same_match) &&
         a.match_address_local == b.match_address_local && a.identity_local == b.identity_local &&
         a.authentication_local == b.authentication_local && a.authentication_remote == b.authentication_remote &&
         a.keyring == b.keyring && a.trustpoints_sign == b.trustpoints_sign &&
         a.trustpoints_verify == b.trustpoints_verify && a.match_certificate == b.match_certificate &&
         a.lifetime_seconds == b.lifetime_seconds && same_dpd(a.dpd, b.dpd);
}

bool same(const config::TransformSet& a, const config::TransformSet& b) {
  return a.encryption == b.encryption && a.integrity == b.integrity && a.mode == b.mode;
}

bool same(const config::CryptoMapEntry& a, const config::CryptoMapEntry& b) {
  return a.peers == b.peers && a.local_address == b.local_address && a.local_ts == b.local_ts &&
         a.remote_ts == b.remote_ts && a.transform_sets == b.transform_sets && a.profile == b.profile &&
         a.pfs_group == b.pfs_group && a.lifetime_seconds == b.lifetime_seconds &&
         a.lifetime_kilobytes == b.lifetime_kilobytes && a.dynamic == b.dynamic;
}

bool same_globals(const config::IkeConfig& a, const config::IkeConfig& b) {
  return same_dpd(a.dpd, b.dpd) && a.window_size == b.window_size && a.cookie_challenge == b.cookie_challenge &&
         a.max_in_negotiation_sa == b.max_in_negotiation_sa && a.nat_keepalive_seconds == b.nat_keepalive_seconds;
}

std::string change_name(const config::CryptoMapEntry& e) { return e.map_name + " " + std::to_string(e.seq); }

}  // namespace detail

ConfigChanges diff(const config::IkeConfig& before, const config::IkeConfig& after) {
  using detail::compare_objects;
  ConfigChanges out;
  compare_objects(before.proposals, after.proposals, "proposal", out);
  compare_objects(before.policies, after.policies, "policy", out);
  compare_objects(before.keyrings, after.keyrings, "keyring", out);
  compare_objects(before.profiles, after.profiles, "profile", out);
  compare_objects(before.transform_sets, after.transform_sets, "transform-set", out);
  compare_objects(before.crypto_map, after.crypto_map, "crypto-map", out);
  if (!detail::same_globals(before, after)) out.push_back({"global", "", ConfigChange::Op::Modified});
  return out;
}

std::string describe(const ConfigChanges& changes) {
  std::string out;
  for (const auto& c : changes) {
    out += c.op == ConfigChange::Op::Added ? "+ " : c.op == ConfigChange::Op::Removed ? "- " : "~ ";
    out += c.kind;
    if (!c.name.empty()) out += " " + c.name;
    out += "\n";
  }
  return out;
}

}  // namespace ravelin::ike::config_build
