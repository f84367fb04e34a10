// What changed between two IkeConfigs, object by object (for the subscriber's log and the engine).
#include <algorithm>
#include <functional>
#include <sstream>

#include "ike/config_build/build.hpp"

namespace ravelin::ike::config_build {

namespace {

// A comparable text of each object, secrets included only as a digest-free marker of change.
std::string fp(const config::IkeProposal& p) {
  std::ostringstream o;
  for (auto e : p.encryption) o << e.id << '/' << e.key_bits << ' ';
  o << '|';
  for (auto i : p.integrity) o << i << ' ';
  o << '|';
  for (auto f : p.prf) o << f << ' ';
  o << '|';
  for (auto g : p.groups) o << g << ' ';
  return o.str();
}
std::string fp(const config::IkePolicy& p) {
  std::ostringstream o;
  for (const auto& a : p.match_address_local) o << a.to_string() << ' ';
  o << '|';
  for (const auto& n : p.proposals) o << n << ' ';
  return o.str();
}
std::string fp(const config::Keyring& k) {
  std::ostringstream o;
  for (const auto& p : k.peers) {
    o << p.name << ':' << (p.address ? p.address->to_string() : "") << ':' << p.hostname.value_or("") << ':'
      << (p.identity ? p.identity->to_string() : "") << ':' << std::hash<std::string>{}(p.pre_shared_key_local) << ':'
      << std::hash<std::string>{}(p.pre_shared_key_remote) << ';';
  }
  return o.str();
}
std::string fp(const config::Profile& p) {
  std::ostringstream o;
  for (const auto& m : p.match_identity_remote) {
    o << static_cast<int>(m.kind) << (m.prefix ? m.prefix->to_string() : "") << m.value << ',';
  }
  o << '|';
  for (const auto& a : p.match_address_local) o << a.to_string() << ' ';
  o << '|' << (p.identity_local ? p.identity_local->to_string() : "") << '|' << p.keyring << '|' << p.lifetime_seconds;
  if (p.dpd) o << '|' << p.dpd->interval_seconds << '/' << p.dpd->retry_seconds << '/' << static_cast<int>(p.dpd->mode);
  return o.str();
}
std::string fp(const config::TransformSet& t) {
  std::ostringstream o;
  for (auto e : t.encryption) o << e.id << '/' << e.key_bits << ' ';
  o << '|';
  for (auto i : t.integrity) o << i << ' ';
  o << '|' << static_cast<int>(t.mode);
  return o.str();
}
std::string fp(const config::CryptoMapEntry& e) {
  std::ostringstream o;
  for (const auto& p : e.peers) o << p.to_string() << ' ';
  o << '|' << e.local_address.to_string() << '|';
  for (const auto& s : e.local_ts) o << s.to_string() << ',';
  o << '|';
  for (const auto& s : e.remote_ts) o << s.to_string() << ',';
  o << '|';
  for (const auto& s : e.transform_sets) o << s << ' ';
  o << '|' << e.profile << '|' << e.pfs_group << '|' << e.lifetime_seconds << '|' << e.lifetime_kilobytes;
  return o.str();
}

std::string key(const config::CryptoMapEntry& e) { return e.map_name + " " + std::to_string(e.seq); }
template <typename T>
std::string key(const T& x) { return x.name; }

template <typename T>
void compare(const std::vector<T>& a, const std::vector<T>& b, const std::string& kind, ConfigChanges& out) {
  for (const auto& x : a) {
    auto it = std::find_if(b.begin(), b.end(), [&](const T& y) { return key(y) == key(x); });
    if (it == b.end()) out.push_back({kind, key(x), ConfigChange::Op::Removed});
    else if (fp(*it) != fp(x)) out.push_back({kind, key(x), ConfigChange::Op::Modified});
  }
  for (const auto& y : b) {
    auto it = std::find_if(a.begin(), a.end(), [&](const T& x) { return key(x) == key(y); });
    if (it == a.end()) out.push_back({kind, key(y), ConfigChange::Op::Added});
  }
}

std::string globals(const config::IkeConfig& c) {
  std::ostringstream o;
  o << c.dpd.interval_seconds << '/' << c.dpd.retry_seconds << '/' << static_cast<int>(c.dpd.mode) << '|' << c.window_size
    << '|' << c.cookie_challenge.value_or(0) << '|' << c.max_in_negotiation_sa.value_or(0) << '|' << c.nat_keepalive_seconds;
  return o.str();
}

}  // namespace

ConfigChanges diff(const config::IkeConfig& before, const config::IkeConfig& after) {
  ConfigChanges out;
  compare(before.proposals, after.proposals, "proposal", out);
  compare(before.policies, after.policies, "policy", out);
  compare(before.keyrings, after.keyrings, "keyring", out);
  compare(before.profiles, after.profiles, "profile", out);
  compare(before.transform_sets, after.transform_sets, "transform-set", out);
  compare(before.crypto_map, after.crypto_map, "crypto-map", out);
  if (globals(before) != globals(after)) out.push_back({"global", "", ConfigChange::Op::Modified});
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
