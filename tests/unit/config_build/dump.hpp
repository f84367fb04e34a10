#pragma once
// A complete text form of a Built (IkeConfig, interfaces, warnings), so that two builds can be compared
// field by field with a readable difference. Pre-shared keys appear only as a hash.
#include <functional>
#include <sstream>
#include <string>

#include "ike/config_build/build.hpp"

namespace ravelin::testing {

namespace dump_detail {

using namespace ike::config;

template <typename T>
void list(std::ostringstream& o, const std::vector<T>& v) {
  o << '[';
  for (const auto& x : v) o << x << ' ';
  o << ']';
}
inline void list(std::ostringstream& o, const std::vector<Encryption>& v) {
  o << '[';
  for (const auto& e : v) o << e.id << '/' << e.key_bits << ' ';
  o << ']';
}
inline void list(std::ostringstream& o, const std::vector<platform::IpAddress>& v) {
  o << '[';
  for (const auto& a : v) o << a.to_string() << ' ';
  o << ']';
}
inline void list(std::ostringstream& o, const ipsec::ts::TrafficSelectors& v) {
  o << '[';
  for (const auto& s : v) o << s.to_string() << ' ';
  o << ']';
}
inline std::string hidden(const std::string& secret) { return "#" + std::to_string(std::hash<std::string>{}(secret)); }

inline void ike_objects(std::ostringstream& o, const IkeConfig& c) {
  for (const auto& p : c.proposals) {
    o << "proposal " << p.name << ' ';
    list(o, p.encryption), list(o, p.integrity), list(o, p.prf), list(o, p.groups);
    o << '\n';
  }
  for (const auto& p : c.policies) {
    o << "policy " << p.name << ' ';
    list(o, p.match_address_local), list(o, p.proposals);
    o << '\n';
  }
  for (const auto& k : c.keyrings) {
    o << "keyring " << k.name << '\n';
    for (const auto& p : k.peers) {
      o << " peer " << p.name << ' ' << (p.address ? p.address->to_string() : "-") << ' ' << p.hostname.value_or("-")
        << ' ' << (p.identity ? p.identity->to_string() : "-") << ' ' << hidden(p.pre_shared_key_local) << ' '
        << hidden(p.pre_shared_key_remote) << '\n';
    }
  }
  for (const auto& p : c.profiles) {
    o << "profile " << p.name << " match";
    for (const auto& m : p.match_identity_remote) {
      o << ' ' << static_cast<int>(m.kind) << ':' << (m.prefix ? m.prefix->to_string() : "") << ':' << m.value;
    }
    o << ' ';
    list(o, p.match_address_local);
    o << ' ' << (p.identity_local ? p.identity_local->to_string() : "-") << ' '
      << static_cast<int>(p.authentication_local) << static_cast<int>(p.authentication_remote) << ' ' << p.keyring
      << ' ';
    list(o, p.trustpoints_sign), list(o, p.trustpoints_verify);
    o << ' ' << p.match_certificate << ' ' << p.lifetime_seconds;
    if (p.dpd) o << " dpd " << p.dpd->interval_seconds << '/' << p.dpd->retry_seconds << '/' << static_cast<int>(p.dpd->mode);
    o << '\n';
  }
}

inline void ipsec_objects(std::ostringstream& o, const IkeConfig& c) {
  for (const auto& t : c.transform_sets) {
    o << "transform-set " << t.name << ' ';
    list(o, t.encryption), list(o, t.integrity);
    o << ' ' << static_cast<int>(t.mode) << '\n';
  }
  for (const auto& e : c.crypto_map) {
    o << "map " << e.map_name << ' ' << e.seq << " id " << e.id() << (e.dynamic ? " dynamic " : " ");
    list(o, e.peers);
    o << ' ' << e.local_address.to_string() << ' ';
    list(o, e.local_ts), list(o, e.remote_ts), list(o, e.transform_sets);
    o << ' ' << e.profile << ' ' << e.pfs_group << ' ' << e.lifetime_seconds << ' ' << e.lifetime_kilobytes << '\n';
  }
  o << "globals " << c.dpd.interval_seconds << '/' << c.dpd.retry_seconds << '/' << static_cast<int>(c.dpd.mode) << ' '
    << c.window_size << ' ' << c.cookie_challenge.value_or(0) << ' ' << c.max_in_negotiation_sa.value_or(0) << ' '
    << c.nat_keepalive_seconds << '\n';
}

inline void pki_objects(std::ostringstream& o, const IkeConfig& c) {
  for (const auto& t : c.trustpoints) {
    o << "trustpoint " << t.name << ' ' << t.enrollment << ' ' << t.subject_name << ' ' << static_cast<int>(t.revocation)
      << ' ' << t.key_label << " ca " << t.ca_certificates.size() << " cert "
      << (t.certificate ? t.certificate->subject() : "-") << " crls " << t.crls.size() << '\n';
  }
  for (const auto& m : c.certificate_maps) {
    o << "certificate map " << m.map << ' ' << m.seq;
    for (const auto& r : m.rules) o << ' ' << static_cast<int>(r.field) << static_cast<int>(r.op) << r.value;
    o << '\n';
  }
  o << "key pairs " << c.key_pairs.size() << '\n';
}

}  // namespace dump_detail

inline std::string dump(const ike::config_build::Built& b) {
  std::ostringstream o;
  dump_detail::ike_objects(o, *b.config);
  dump_detail::ipsec_objects(o, *b.config);
  dump_detail::pki_objects(o, *b.config);
  for (const auto& i : b.interfaces) {
    o << "interface " << i.name << ' ' << i.nameif << ' ' << i.shutdown;
    for (const auto& a : i.addresses) o << ' ' << a.to_string();
    dump_detail::list(o, i.hosts);
    o << '\n';
  }
  for (const auto& w : b.warnings) o << "warning " << w << '\n';
  return o.str();
}

}  // namespace ravelin::testing
