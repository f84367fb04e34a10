// Certificate authentication failures: each refuses the IKE SA with AUTHENTICATION_FAILED and a
// Failure event saying why (issue 12: wrong CA, expired, revoked, wrong identity, wrong key type).
#include <gtest/gtest.h>

#include "tests/pair/certs/cert_sites.hpp"

namespace ravelin::test {
namespace {

using ike::config::AuthMethod;
using ike::engine::EventKind;
using namespace std::chrono_literals;

struct CertPair {
  TestCa ca{"Good CA", "p256"};
  Pair p;
  ike::config::IkeConfig a_cfg = site_config(p.a.address, p.b.address, 1, 2);
  ike::config::IkeConfig b_cfg = site_config(p.b.address, p.a.address, 2, 1);
  CertSide a = side("p256", AuthMethod::EcdsaSig, AuthMethod::EcdsaSig, "a.example", "10.0.0.1");
  CertSide b = side("p256", AuthMethod::EcdsaSig, AuthMethod::EcdsaSig, "b.example", "10.0.0.2");

  // Runs the handshake with A's certificate issued by `a_issuer`; returns when both gave up.
  void run(TestCa& a_issuer, TestCa* b_issuer = nullptr) {
    add_pki(a_cfg, ca, a_issuer, a);
    add_pki(b_cfg, ca, b_issuer ? *b_issuer : ca, b);
    p.configure(a_cfg, b_cfg);
    p.initiate_from_a();
    p.run_until([&] { return p.a.saw(EventKind::Failure) && p.b.saw(EventKind::Failure); }, 30s);
  }
  void expect_responder_refused(const std::string& reason) {
    EXPECT_TRUE(p.b.saw(EventKind::Failure, reason)) << p.b.events_text();
    EXPECT_TRUE(p.a.saw(EventKind::Failure, "AUTHENTICATION_FAILED")) << p.a.events_text();
    EXPECT_TRUE(p.a.kernel.sas.empty());
    EXPECT_TRUE(p.b.kernel.sas.empty());
  }
};

TEST(CertReject, CertificateFromAnotherCaIsRefused) {
  CertPair s;
  TestCa rogue("Rogue CA", "p256");
  s.run(rogue);
  s.expect_responder_refused("certificate: unable to get local issuer certificate (cn=a.example,o=ravelin test)");
}

TEST(CertReject, ExpiredCertificateIsRefused) {
  CertPair s;
  s.a.cert.not_before_days = -60;
  s.a.cert.not_after_days = -2;
  s.run(s.ca);
  s.expect_responder_refused("certificate: certificate has expired (cn=a.example,o=ravelin test)");
}

TEST(CertReject, ExpiryIsJudgedByTheConfiguredWallClock) {
  // The certificate expired two days ago; with a PKI clock ten days behind, it is inside its validity.
  struct Past final : platform::WallClock {
    std::chrono::system_clock::time_point now() const override {
      return std::chrono::system_clock::now() - std::chrono::hours(24 * 10);
    }
  };
  CertPair s;
  s.a.cert.not_before_days = -60;
  s.a.cert.not_after_days = -2;
  s.b_cfg.pki_clock = std::make_shared<Past>();
  add_pki(s.a_cfg, s.ca, s.ca, s.a);
  add_pki(s.b_cfg, s.ca, s.ca, s.b);
  s.p.configure(s.a_cfg, s.b_cfg);
  s.p.initiate_from_a();
  EXPECT_TRUE(s.p.run_until([&] { return s.p.both_ready(); }, 10s)) << s.p.a.events_text() << s.p.b.events_text();
}

TEST(CertReject, RevokedCertificateIsRefusedWhenTheTrustpointChecksCrls) {
  CertPair s;
  s.a.cert.serial = 4242;
  s.b.crl_check = true;
  add_pki(s.a_cfg, s.ca, s.ca, s.a);
  add_pki(s.b_cfg, s.ca, s.ca, s.b);
  s.b_cfg.trustpoints.front().crls = {s.ca.crl({4242})};
  s.p.configure(s.a_cfg, s.b_cfg);
  s.p.initiate_from_a();
  s.p.run_until([&] { return s.p.a.saw(EventKind::Failure) && s.p.b.saw(EventKind::Failure); }, 30s);
  s.expect_responder_refused("certificate: certificate revoked (cn=a.example");
}

TEST(CertReject, CrlCheckWithoutACrlFailsClosed) {
  CertPair s;
  s.b.crl_check = true;
  s.run(s.ca);
  s.expect_responder_refused("trustpoint TP checks revocation but has no CRL");
}

TEST(CertReject, IdentityNotInTheCertificateIsRefused) {
  CertPair s;
  s.a.identity_local = ike::config::Identity{ike::config::IdType::Fqdn, "intruder.example"};
  s.b_cfg.profiles.front().match_identity_remote.push_back({ike::config::IdentityMatch::Kind::Any, {}, ""});
  s.run(s.ca);
  s.expect_responder_refused("identity fqdn intruder.example is not in the peer certificate (cn=a.example");
}

TEST(CertReject, RsaCertificateWhereEcdsaSigIsRequiredIsRefused) {
  CertPair s;
  s.a.key_kind = "rsa2048";
  s.a.local = AuthMethod::RsaSig;
  s.run(s.ca);
  s.expect_responder_refused("remote ecdsa-sig needs an ECDSA certificate");
}

TEST(CertReject, SignatureWhereAPreSharedKeyIsExpectedIsRefused) {
  CertPair s;
  s.b.remote = AuthMethod::PreShare;
  s.run(s.ca);
  s.expect_responder_refused("profile prof expects pre-share but the peer used AUTH method");
}

TEST(CertReject, InitiatorRefusesAResponderCertificateFromAnotherCa) {
  CertPair s;
  TestCa rogue("Rogue CA", "p256");
  s.run(s.ca, &rogue);
  EXPECT_TRUE(s.p.a.saw(EventKind::Failure, "responder's AUTH does not verify (certificate: unable to get local issuer"))
      << s.p.a.events_text();
  EXPECT_TRUE(s.p.a.kernel.sas.empty());
}

TEST(CertReject, MissingKeyPairIsALocalFailureNotACrash) {
  CertPair s;
  add_pki(s.a_cfg, s.ca, s.ca, s.a);
  add_pki(s.b_cfg, s.ca, s.ca, s.b);
  s.a_cfg.key_pairs.clear();
  s.p.configure(s.a_cfg, s.b_cfg);
  s.p.initiate_from_a();
  s.p.run_until([&] { return s.p.a.saw(EventKind::Failure); }, 30s);
  EXPECT_TRUE(s.p.a.saw(EventKind::Failure, "cannot authenticate to peer 10.0.0.2: trustpoint TP: no key pair 'K'"))
      << s.p.a.events_text();
}

}  // namespace
}  // namespace ravelin::test
