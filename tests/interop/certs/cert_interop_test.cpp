// ravelin ↔ strongSwan 5.9.8 with certificates: RSA and ECDSA P-256 in both roles, PSK one way and
// RSA-SIG the other, and a certificate from a CA ravelin does not trust (refused with the reason).
//   IKE_AUTH { IDi(DN), CERT, CERTREQ, AUTH, SAi2, TSi, TSr } -->
//                                  <-- IKE_AUTH { IDr(DN), CERT, AUTH, SAr2, TSi, TSr }
#include <gtest/gtest.h>

#include "tests/interop/certs/cert_interop.hpp"
#include "tests/interop/strongswan/show_parse.hpp"

namespace ravelin::test::interop {
namespace {

// strongSwan's own log line for our AUTH: the RFC 7427 signature scheme it verified.
void expect_swan_verified(const Charon& swan, const std::string& scheme) {
  const std::string line = "authentication of 'CN=ravelin.example, O=ravelin test' with " + scheme + " successful";
  EXPECT_NE(swan.log().find(line), std::string::npos) << "strongSwan did not log: " << line;
}

class CertInterop : public CertInteropTest {
 protected:
  // Both sides sign with `c.key_kind` certificates; strongSwan initiates, or ravelin does on traffic.
  // Both see the other's DN and strongSwan verified our AUTH with `scheme`.
  void establish_with_certificates(const CertCase& c, bool swan_initiates, const std::string& scheme) {
    ASSERT_TRUE(start_both(c));
    if (swan_initiates) {
      auto r = swan_->initiate();
      ASSERT_TRUE(r.ok()) << r.output;
    } else {
      send_interesting_traffic();
    }
    ASSERT_TRUE(wait_established());
    EXPECT_EQ(ravelin_sa_.initiator, !swan_initiates);
    EXPECT_NE(ravelin_sa_.remote_id.find("swan.example"), std::string::npos) << ravelin_sa_.remote_id;
    EXPECT_NE(ravelin_sa_.local_id.find("ravelin.example"), std::string::npos) << ravelin_sa_.local_id;
    EXPECT_NE(swan_sa_.remote_id.find("ravelin.example"), std::string::npos) << swan_sa_.remote_id;
    expect_swan_verified(*swan_, scheme);
  }
  // strongSwan ESTABLISHED with an INSTALLED child, and ravelin (ASA dialect) logged the SA up.
  bool asa_up() const { return swan_->established().has_value() && ravelin_->log().find("SA_UP") != std::string::npos; }
};

TEST_F(CertInterop, RsaCertificatesWhenStrongSwanInitiates) {
  establish_with_certificates({"rsa2048", "rsa-sig", "rsa-sig"}, true, "RSA_EMSA_PKCS1_SHA2_256");
}

TEST_F(CertInterop, RsaCertificatesWhenRavelinInitiates) {
  establish_with_certificates({"rsa2048", "rsa-sig", "rsa-sig"}, false, "RSA_EMSA_PKCS1_SHA2_256");
}

TEST_F(CertInterop, EcdsaP256CertificatesWhenStrongSwanInitiates) {
  establish_with_certificates({"p256", "ecdsa-sig", "ecdsa-sig"}, true, "ECDSA_WITH_SHA256_DER");
}

TEST_F(CertInterop, EcdsaP256CertificatesWhenRavelinInitiates) {
  establish_with_certificates({"p256", "ecdsa-sig", "ecdsa-sig"}, false, "ECDSA_WITH_SHA256_DER");
}

// ASA dialect: `tunnel-group … ikev2 local-authentication certificate ME` / `remote-authentication
// certificate`, the tunnel-group chosen by strongSwan's address although it sends its DN.
TEST_F(CertInterop, AsaTunnelGroupCertificatesWhenStrongSwanInitiates) {
  ASSERT_TRUE(start_both_asa({"p256", "certificate", "certificate"}));
  auto r = swan_->initiate();
  ASSERT_TRUE(r.ok()) << r.output;
  ASSERT_TRUE(wait_until([&] { return asa_up(); }, Millis(10000))) << diagnostics();
  EXPECT_NE(swan_->established()->remote_id.find("ravelin.example"), std::string::npos);
  expect_swan_verified(*swan_, "ECDSA_WITH_SHA256_DER");
}

TEST_F(CertInterop, AsaTunnelGroupCertificatesWhenRavelinInitiates) {
  ASSERT_TRUE(start_both_asa({"rsa2048", "certificate", "certificate"}));
  send_interesting_traffic();
  ASSERT_TRUE(wait_until([&] { return asa_up(); }, Millis(10000))) << diagnostics();
  EXPECT_FALSE(swan_->established()->local_is_initiator);
  expect_swan_verified(*swan_, "RSA_EMSA_PKCS1_SHA2_256");
}

// RFC 7296 §2.15: each side its own method. ravelin signs nothing (PSK); strongSwan signs with RSA.
TEST_F(CertInterop, RavelinPreSharedKeyStrongSwanRsaSignature) {
  ASSERT_TRUE(start_both({"rsa2048", "pre-share", "rsa-sig"}));
  auto r = swan_->initiate();
  ASSERT_TRUE(r.ok()) << r.output;
  ASSERT_TRUE(wait_established());
  EXPECT_NE(ravelin_sa_.remote_id.find("swan.example"), std::string::npos) << ravelin_sa_.remote_id;
  EXPECT_EQ(swan_sa_.remote_id, "192.0.2.1");
}

TEST_F(CertInterop, RavelinRsaSignatureStrongSwanPreSharedKey) {
  ASSERT_TRUE(start_both({"rsa2048", "rsa-sig", "pre-share"}));
  send_interesting_traffic();
  ASSERT_TRUE(wait_established());
  EXPECT_EQ(ravelin_sa_.remote_id, "192.0.2.2");
  EXPECT_NE(swan_sa_.remote_id.find("ravelin.example"), std::string::npos) << swan_sa_.remote_id;
  expect_swan_verified(*swan_, "RSA_EMSA_PKCS1_SHA2_256");
}

TEST_F(CertInterop, CertificateFromAnUntrustedCaIsRefusedWithTheReason) {
  CertCase c{"p256", "ecdsa-sig", "ecdsa-sig"};
  c.swan_cert_from_other_ca = true;
  ASSERT_TRUE(start_both(c));
  auto r = swan_->initiate(Millis(8000));
  EXPECT_FALSE(r.ok()) << r.output;
  EXPECT_NE(r.output.find("AUTHENTICATION_FAILED"), std::string::npos) << r.output;
  // The failure line names the peer and why its certificate was refused.
  EXPECT_TRUE(wait_until([&] { return ravelin_->log().find("unable to get local issuer certificate") != std::string::npos; },
                         Millis(5000)))
      << ravelin_->log();
  const auto diag = ravelin_->exec({"show crypto ikev2 diagnose"}).output;
  EXPECT_NE(diag.find("unable to get local issuer certificate"), std::string::npos) << diag;
  EXPECT_TRUE(parse_ravelin_sas(ravelin_->show_sa_detailed()).empty()) << ravelin_->show_sa_detailed();
}

}  // namespace
}  // namespace ravelin::test::interop
