#pragma once
// Certificate configurations for the pair harness: one test CA per scenario, a key and certificate
// per peer, and the profile's local/remote methods.
#include <string>

#include "ike/config/ike_config.hpp"
#include "tests/pair/engine/pair_harness.hpp"
#include "tests/unit/pki_crypto/test_ca.hpp"

namespace ravelin::test {

struct CertSide {
  std::string key_kind = "rsa2048";  // rsa2048, rsa3072, p256, p384, p521; "" = no certificate
  ike::config::AuthMethod local = ike::config::AuthMethod::RsaSig;
  ike::config::AuthMethod remote = ike::config::AuthMethod::RsaSig;
  CertOptions cert;                  // subject, validity, SANs of our certificate
  std::optional<ike::config::Identity> identity_local;
  std::string match_certificate;     // map name; empty = match identity remote address (harness default)
  bool crl_check = false;
};

// Adds trustpoint "TP" (trusting `ca`), our key pair "K" and a certificate issued by `issuer` to `c`,
// and sets the profile's methods.
inline void add_pki(ike::config::IkeConfig& c, TestCa& ca, TestCa& issuer, const CertSide& side) {
  using namespace ike::config;
  Trustpoint tp;
  tp.name = "TP";
  tp.ca_certificates = {ca.cert()};
  tp.key_label = "K";
  if (side.crl_check) tp.revocation = Revocation::Crl;
  if (!side.key_kind.empty()) {
    auto key = std::make_shared<const ike::crypto::PrivateKey>(test_key(side.key_kind));
    c.key_pairs.push_back({"K", key});
    tp.certificate = issuer.issue(key->public_key(), side.cert);
  }
  c.trustpoints.push_back(tp);
  Profile& p = c.profiles.front();
  p.authentication_local = side.local;
  p.authentication_remote = side.remote;
  p.trustpoints_sign = {"TP"};
  p.trustpoints_verify = {"TP"};
  p.identity_local = side.identity_local;
  if (!side.match_certificate.empty()) {
    p.match_identity_remote.clear();
    p.match_certificate = side.match_certificate;
  }
}

// Site A (10.0.0.1) and B (10.0.0.2) certificates carry their address as a SAN so an address
// identity binds to them.
inline CertSide side(const std::string& key_kind, ike::config::AuthMethod local, ike::config::AuthMethod remote,
                     const std::string& name, const std::string& address) {
  CertSide s;
  s.key_kind = key_kind;
  s.local = local;
  s.remote = remote;
  s.cert.subject = "CN=" + name + ",O=ravelin test";
  s.cert.san = {"IP:" + address, "DNS:" + name};
  s.identity_local = ike::config::Identity::address(*platform::IpAddress::parse(address));
  return s;
}

}  // namespace ravelin::test
