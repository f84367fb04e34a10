// Certificates: parsing, names, SANs, and chain verification against a trustpoint (ike/crypto/x509.hpp).
#include <gtest/gtest.h>

#include "tests/unit/pki_crypto/test_ca.hpp"

namespace ravelin::test {
namespace {

using ike::crypto::Certificate;
using ike::crypto::ChainCheck;
using ike::crypto::verify_chain;

std::chrono::system_clock::time_point now() { return std::chrono::system_clock::now(); }

TEST(PkiX509, IssuedCertificateExposesSubjectIssuerSerialAndSans) {
  TestCa ca("Test Root");
  auto key = test_key("p256");
  CertOptions o;
  o.subject = "CN=r1.example.com,O=ravelin test";
  o.san = {"DNS:r1.example.com", "IP:10.0.0.1", "email:ops@example.com"};
  o.serial = 0x5a3f;
  auto c = ca.issue(key.public_key(), o);
  EXPECT_EQ(c->subject(), "cn=r1.example.com,o=ravelin test");
  EXPECT_EQ(c->issuer(), "cn=Test Root,o=ravelin test");
  EXPECT_EQ(c->serial_hex(), "5A3F");
  EXPECT_EQ(c->san_dns(), std::vector<std::string>{"r1.example.com"});
  EXPECT_EQ(c->san_email(), std::vector<std::string>{"ops@example.com"});
  ASSERT_EQ(c->san_ip().size(), 1u);
  EXPECT_EQ(c->san_ip()[0].to_string(), "10.0.0.1");
  EXPECT_FALSE(c->is_ca());
  EXPECT_TRUE(ca.cert()->is_ca());
  EXPECT_LT(c->not_before(), now());
  EXPECT_GT(c->not_after(), now() + std::chrono::hours(24 * 300));
  auto pub = c->public_key();
  ASSERT_TRUE(pub);
  EXPECT_TRUE(pub->same_key(key.public_key()));
  EXPECT_EQ(c->spki_sha1().size(), 20u);
}

TEST(PkiX509, PemAndDerParseToTheSameCertificate) {
  TestCa ca;
  auto c = ca.issue(test_key("rsa2048").public_key(), {});
  auto from_pem = Certificate::from_pem(c->pem() + ca.cert()->pem());
  ASSERT_TRUE(from_pem) << from_pem.error().message;
  ASSERT_EQ(from_pem->size(), 2u);
  EXPECT_EQ((*from_pem)[0]->der(), c->der());
  EXPECT_EQ((*from_pem)[1]->der(), ca.cert()->der());
  auto from_der = Certificate::from_der(c->der());
  ASSERT_TRUE(from_der);
  EXPECT_EQ((*from_der)->subject_der(), c->subject_der());
}

TEST(PkiX509, MalformedInputIsAnError) {
  EXPECT_FALSE(Certificate::from_pem("no certificate here"));
  std::vector<uint8_t> junk{0x30, 0x82, 0x01, 0x00, 0x01};
  EXPECT_FALSE(Certificate::from_der(junk));
  TestCa ca;
  auto der = ca.cert()->der();
  der.push_back(0);
  EXPECT_FALSE(Certificate::from_der(der)) << "trailing bytes are refused";
  der.resize(der.size() / 2);
  EXPECT_FALSE(Certificate::from_der(der));
}

TEST(PkiX509, ChainToTheTrustpointCaVerifies) {
  TestCa ca;
  auto leaf = ca.issue(test_key("p256").public_key(), {});
  EXPECT_TRUE(verify_chain(*leaf, ChainCheck{{ca.cert()}, {}, {}, now()}));
}

TEST(PkiX509, CertificateFromAnotherCaIsRejected) {
  TestCa ca("Good CA");
  TestCa other("Other CA");
  auto leaf = other.issue(test_key("p256").public_key(), {});
  auto s = verify_chain(*leaf, ChainCheck{{ca.cert()}, {}, {}, now()});
  ASSERT_FALSE(s);
  EXPECT_NE(s.error().message.find("unable to get local issuer certificate"), std::string::npos) << s.error().message;
}

TEST(PkiX509, ExpiredAndNotYetValidCertificatesAreRejectedAtTheGivenTime) {
  TestCa ca;
  CertOptions o;
  o.subject = "CN=old";
  o.not_before_days = -30;
  o.not_after_days = -1;
  auto old = ca.issue(test_key("p256").public_key(), o);
  auto s = verify_chain(*old, ChainCheck{{ca.cert()}, {}, {}, now()});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "certificate has expired (cn=old)");
  // The same certificate verifies at a time inside its validity.
  EXPECT_TRUE(verify_chain(*old, ChainCheck{{ca.cert()}, {}, {}, now() - std::chrono::hours(24 * 10)}));
  auto fresh = ca.issue(test_key("p256").public_key(), {});
  auto early = verify_chain(*fresh, ChainCheck{{ca.cert()}, {}, {}, now() - std::chrono::hours(24 * 5)});
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("not yet valid"), std::string::npos);
}

TEST(PkiX509, IntermediateSentByThePeerCompletesTheChain) {
  TestCa root("Root");
  TestCa sub("Sub CA", "p256", root);
  CertOptions o;
  o.subject = "CN=leaf";
  auto leaf = sub.issue(test_key("p256").public_key(), o);
  EXPECT_TRUE(verify_chain(*leaf, ChainCheck{{root.cert()}, {sub.cert()}, {}, now()}));
  auto missing = verify_chain(*leaf, ChainCheck{{root.cert()}, {}, {}, now()});
  ASSERT_FALSE(missing) << "without the intermediate the chain is incomplete";
  EXPECT_NE(missing.error().message.find("(cn=leaf)"), std::string::npos) << missing.error().message;
  EXPECT_FALSE(verify_chain(*leaf, ChainCheck{{}, {sub.cert()}, {}, now()})) << "no anchors, nothing verifies";
}

TEST(PkiX509, RevokedCertificateIsRejectedWhenACrlIsGiven) {
  TestCa ca;
  CertOptions o;
  o.subject = "CN=revoked";
  o.serial = 77;
  auto leaf = ca.issue(test_key("p256").public_key(), o);
  auto good = ca.issue(test_key("p256").public_key(), {});
  auto crl = ca.crl({77});
  auto s = verify_chain(*leaf, ChainCheck{{ca.cert()}, {}, {crl}, now()});
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "certificate revoked (cn=revoked)");
  EXPECT_TRUE(verify_chain(*good, ChainCheck{{ca.cert()}, {}, {crl}, now()}));
  EXPECT_TRUE(verify_chain(*leaf, ChainCheck{{ca.cert()}, {}, {}, now()})) << "without a CRL nothing is revoked";
}

}  // namespace
}  // namespace ravelin::test
