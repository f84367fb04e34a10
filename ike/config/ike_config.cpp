#include "ike/config/ike_config.hpp"

#include <algorithm>

namespace ravelin::ike::config {

namespace {

bool ends_with_domain(std::string_view value, std::string_view domain) {
  if (domain.empty()) return false;
  if (value.size() < domain.size()) return false;
  auto tail = value.substr(value.size() - domain.size());
  if (!std::equal(tail.begin(), tail.end(), domain.begin(), domain.end(),
                  [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
    return false;
  }
  // "example.com" matches "r1.example.com" and "example.com", not "badexample.com".
  if (value.size() == domain.size() || domain.front() == '.' || domain.front() == '@') return true;
  char before = value[value.size() - domain.size() - 1];
  return before == '.' || before == '@';
}

bool iequal(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

}  // namespace

Identity Identity::address(const platform::IpAddress& a) {
  return {a.is_v4() ? IdType::Ipv4 : IdType::Ipv6, a.to_string()};
}

std::string Identity::to_string() const {
  switch (type) {
    case IdType::Ipv4:
    case IdType::Ipv6: return value;
    case IdType::Fqdn: return "fqdn " + value;
    case IdType::Rfc822: return "email " + value;
    case IdType::KeyId: return "key-id " + value;
    case IdType::DerAsn1Dn: return value;
  }
  return value;
}

bool IdentityMatch::matches(const Identity& id) const {
  switch (kind) {
    case Kind::Any: return true;
    case Kind::Address: {
      if (id.type != IdType::Ipv4 && id.type != IdType::Ipv6) return false;
      auto a = platform::IpAddress::parse(id.value);
      return a && prefix && prefix->contains(*a);
    }
    case Kind::Fqdn: return id.type == IdType::Fqdn && iequal(id.value, value);
    case Kind::FqdnDomain: return id.type == IdType::Fqdn && ends_with_domain(id.value, value);
    case Kind::Email: return id.type == IdType::Rfc822 && iequal(id.value, value);
    case Kind::EmailDomain: return id.type == IdType::Rfc822 && ends_with_domain(id.value, value);
    case Kind::KeyId: return id.type == IdType::KeyId && id.value == value;
  }
  return false;
}

uint32_t CryptoMapEntry::id() const {
  // FNV-1a over the map name, mixed with the sequence: stable across restarts and config reloads.
  uint32_t h = 2166136261u;
  for (char c : map_name) h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
  h = (h ^ seq) * 16777619u;
  return h == 0 ? 1 : h;
}

template <typename T>
static const T* find_named(const std::vector<T>& v, std::string_view name) {
  auto it = std::find_if(v.begin(), v.end(), [&](const T& x) { return x.name == name; });
  return it == v.end() ? nullptr : &*it;
}

const IkeProposal* IkeConfig::find_proposal(std::string_view name) const { return find_named(proposals, name); }
const Keyring* IkeConfig::find_keyring(std::string_view name) const { return find_named(keyrings, name); }
const Profile* IkeConfig::find_profile(std::string_view name) const { return find_named(profiles, name); }
const TransformSet* IkeConfig::find_transform_set(std::string_view name) const {
  return find_named(transform_sets, name);
}

std::vector<const IkeProposal*> IkeConfig::proposals_for(const platform::IpAddress& local) const {
  std::vector<const IkeProposal*> out;
  for (const auto& pol : policies) {
    bool applies = pol.match_address_local.empty() ||
                   std::find(pol.match_address_local.begin(), pol.match_address_local.end(), local) !=
                       pol.match_address_local.end();
    if (!applies) continue;
    for (const auto& name : pol.proposals) {
      const IkeProposal* p = find_proposal(name);
      if (p && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
  }
  if (out.empty()) {
    for (const auto& p : proposals) out.push_back(&p);
  }
  return out;
}

const CryptoMapEntry* IkeConfig::map_entry_for_peer(const platform::IpAddress& peer) const {
  const CryptoMapEntry* best = nullptr;
  const CryptoMapEntry* dynamic = nullptr;
  for (const auto& e : crypto_map) {
    if (e.dynamic) {
      if (!dynamic || e.seq < dynamic->seq) dynamic = &e;
      continue;
    }
    if (std::find(e.peers.begin(), e.peers.end(), peer) == e.peers.end()) continue;
    if (!best || e.seq < best->seq) best = &e;
  }
  return best ? best : dynamic;
}

const CryptoMapEntry* IkeConfig::find_map_entry(uint32_t id) const {
  auto it = std::find_if(crypto_map.begin(), crypto_map.end(),
                         [&](const CryptoMapEntry& e) { return e.id() == id; });
  return it == crypto_map.end() ? nullptr : &*it;
}

}  // namespace ravelin::ike::config
