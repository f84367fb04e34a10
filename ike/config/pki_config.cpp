// The certificate part of IkeConfig: trustpoints, key pairs, certificate maps (see ike_config.hpp).
#include <algorithm>
#include <cctype>

#include "ike/config/ike_config.hpp"

namespace ravelin::ike::config {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The texts a rule's field stands for; a rule holds when any of them satisfies it (eq/co), or none
// does (ne/nc).
std::vector<std::string> field_values(const crypto::Certificate& cert, CertificateMapRule::Field f) {
  switch (f) {
    case CertificateMapRule::Field::SubjectName: return {cert.subject()};
    case CertificateMapRule::Field::IssuerName: return {cert.issuer()};
    case CertificateMapRule::Field::AltSubjectName: {
      std::vector<std::string> v = cert.san_dns();
      for (auto& e : cert.san_email()) v.push_back(e);
      for (auto& a : cert.san_ip()) v.push_back(a.to_string());
      return v;
    }
  }
  return {};
}

}  // namespace

bool CertificateMapEntry::matches(const crypto::Certificate& cert) const {
  for (const auto& r : rules) {
    const std::string want = lower(r.value);
    bool any = false;
    for (const auto& v : field_values(cert, r.field)) {
      const std::string have = lower(v);
      const bool hit = (r.op == CertificateMapRule::Op::Eq || r.op == CertificateMapRule::Op::Ne)
                           ? have == want
                           : have.find(want) != std::string::npos;
      any |= hit;
    }
    const bool positive = r.op == CertificateMapRule::Op::Eq || r.op == CertificateMapRule::Op::Co;
    if (any != positive) return false;
  }
  return true;
}

const Trustpoint* IkeConfig::find_trustpoint(std::string_view name) const {
  auto it = std::find_if(trustpoints.begin(), trustpoints.end(), [&](const Trustpoint& t) { return t.name == name; });
  return it == trustpoints.end() ? nullptr : &*it;
}

const KeyPair* IkeConfig::find_key_pair(std::string_view label) const {
  auto it = std::find_if(key_pairs.begin(), key_pairs.end(), [&](const KeyPair& k) { return k.label == label; });
  return it == key_pairs.end() ? nullptr : &*it;
}

std::vector<const CertificateMapEntry*> IkeConfig::certificate_map(std::string_view name) const {
  std::vector<const CertificateMapEntry*> out;
  for (const auto& e : certificate_maps) {
    if (e.map == name) out.push_back(&e);
  }
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->seq < b->seq; });
  return out;
}

crypto::WallTime IkeConfig::pki_now() const {
  // The one place the engine's certificate checks read wall time; tests and `clock set` supply their own.
  return pki_clock ? pki_clock->now() : std::chrono::system_clock::now();
}

}  // namespace ravelin::ike::config
