// IKE_AUTH with certificates between two engines: every method pair, including asymmetric ones
// (RFC 7296 §2.15: each side authenticates with its own method).
#include <gtest/gtest.h>

#include "tests/pair/certs/cert_sites.hpp"

namespace ravelin::test {
namespace {

using ike::config::AuthMethod;
using ike::engine::EventKind;
using namespace std::chrono_literals;

struct Scenario {
  const char* name;
  const char* key_a;  // initiator's key ("" for PSK)
  AuthMethod a_local;
  const char* key_b;  // responder's key
  AuthMethod b_local;
};

// A authenticates with a_local, B with b_local; each side expects the other's method.
void establish(const Scenario& s) {
  SCOPED_TRACE(s.name);
  TestCa ca;
  Pair p;
  auto ca_cfg = site_config(p.a.address, p.b.address, 1, 2);
  auto cb_cfg = site_config(p.b.address, p.a.address, 2, 1);
  add_pki(ca_cfg, ca, ca, side(s.key_a, s.a_local, s.b_local, "a.example", "10.0.0.1"));
  add_pki(cb_cfg, ca, ca, side(s.key_b, s.b_local, s.a_local, "b.example", "10.0.0.2"));
  p.configure(ca_cfg, cb_cfg);
  // IKE_SA_INIT { SAi1, KEi, Ni } -->  <-- IKE_SA_INIT { SAr1, KEr, Nr }
  // IKE_AUTH { IDi, [CERT], [CERTREQ], AUTH, SAi2, TSi, TSr } -->
  // <-- IKE_AUTH { IDr, [CERT], AUTH, SAr2, TSi, TSr }
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s))
      << p.a.events_text() << p.b.events_text();
  std::string why;
  EXPECT_TRUE(p.kernels_agree(&why)) << why;
  EXPECT_EQ(p.a.engine->snapshot()[0].remote_identity, "10.0.0.2");
  EXPECT_EQ(p.b.engine->snapshot()[0].remote_identity, "10.0.0.1");
}

TEST(CertEstablish, RsaSignaturesOnBothSides) {
  establish({"rsa-sig both", "rsa2048", AuthMethod::RsaSig, "rsa3072", AuthMethod::RsaSig});
}

TEST(CertEstablish, EcdsaSignaturesOnEveryCurve) {
  establish({"ecdsa P-256", "p256", AuthMethod::EcdsaSig, "p256", AuthMethod::EcdsaSig});
  establish({"ecdsa P-384", "p384", AuthMethod::EcdsaSig, "p384", AuthMethod::EcdsaSig});
  establish({"ecdsa P-521 / P-256", "p521", AuthMethod::EcdsaSig, "p256", AuthMethod::EcdsaSig});
}

TEST(CertEstablish, RsaAndEcdsaMixAcrossSides) {
  establish({"rsa -> ecdsa", "rsa2048", AuthMethod::RsaSig, "p384", AuthMethod::EcdsaSig});
}

TEST(CertEstablish, InitiatorPreSharedKeyResponderRsaSignature) {
  establish({"psk -> rsa", "", AuthMethod::PreShare, "rsa2048", AuthMethod::RsaSig});
}

TEST(CertEstablish, InitiatorEcdsaSignatureResponderPreSharedKey) {
  establish({"ecdsa -> psk", "p256", AuthMethod::EcdsaSig, "", AuthMethod::PreShare});
}

TEST(CertEstablish, DistinguishedNameIdentitySelectsTheProfileByCertificateMap) {
  TestCa ca;
  Pair p;
  auto ca_cfg = site_config(p.a.address, p.b.address, 1, 2);
  auto cb_cfg = site_config(p.b.address, p.a.address, 2, 1);
  auto a = side("p256", AuthMethod::EcdsaSig, AuthMethod::EcdsaSig, "a.example", "10.0.0.1");
  auto b = side("p256", AuthMethod::EcdsaSig, AuthMethod::EcdsaSig, "b.example", "10.0.0.2");
  a.identity_local = ike::config::Identity{ike::config::IdType::DerAsn1Dn, ""};  // `identity local dn`
  a.cert.san.clear();
  b.match_certificate = "CMAP";
  add_pki(ca_cfg, ca, ca, a);
  add_pki(cb_cfg, ca, ca, b);
  ike::config::CertificateMapEntry e;
  e.map = "CMAP";
  e.rules.push_back({ike::config::CertificateMapRule::Field::SubjectName, ike::config::CertificateMapRule::Op::Co,
                     "A.EXAMPLE"});
  cb_cfg.certificate_maps.push_back(e);
  p.configure(ca_cfg, cb_cfg);
  p.initiate_from_a();
  ASSERT_TRUE(p.run_until([&] { return p.both_ready() && p.a.kernel.sas.size() == 1; }, 10s))
      << p.a.events_text() << p.b.events_text();
  EXPECT_EQ(p.b.engine->snapshot()[0].remote_identity, "cn=a.example,o=ravelin test");
  EXPECT_EQ(p.b.engine->snapshot()[0].profile, "prof");
}

}  // namespace
}  // namespace ravelin::test
