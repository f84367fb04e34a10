// IKE_AUTH helpers on hostile or incomplete input (ike/engine/auth_cert.hpp): errors, never crashes.
#include <gtest/gtest.h>

#include "ike/crypto/prf.hpp"
#include "ike/engine/auth_cert.hpp"
#include "tests/unit/pki_crypto/test_ca.hpp"

namespace ravelin::test {
namespace {

using namespace ike;

struct Fixture {
  std::unique_ptr<crypto::Prf> prf = crypto::make_prf(wire::PrfId::HmacSha2_256).value();
  crypto::SecretBytes sk_p{std::vector<uint8_t>(32, 7)};
  wire::Bytes message = wire::Bytes(64, 1);
  wire::Bytes nonce = wire::Bytes(32, 2);
  engine::SignedParts parts() const { return {prf.get(), &sk_p, message, nonce}; }
  config::IkeConfig cfg;
  config::Profile prof;
  Fixture() {
    prof.name = "P";
    prof.authentication_remote = config::AuthMethod::EcdsaSig;
    prof.authentication_local = config::AuthMethod::EcdsaSig;
  }
};

wire::Message with_cert(wire::Bytes der) {
  wire::Message m;
  m.add(wire::PayloadType::Cert, wire::CertPayload{4, std::move(der)});
  return m;
}

TEST(PkiEngineAuth, GarbageCertificatePayloadIsARefusalReason) {
  Fixture f;
  TestCa ca;
  f.cfg.trustpoints.push_back({"TP", "terminal", "", config::Revocation::None, "", {ca.cert()}, nullptr, {}});
  const wire::IdPayload id{wire::IdType::Fqdn, {'a'}};
  const wire::AuthPayload auth{wire::AuthMethod::DigitalSignature, {1, 2, 3}};
  for (const wire::Bytes& junk : {wire::Bytes{}, wire::Bytes{0x30}, wire::Bytes{0x30, 0x82, 0xff, 0xff}, wire::Bytes(500, 0x41)}) {
    auto s = engine::verify_peer_auth(f.cfg, f.prof, nullptr, with_cert(junk), id, auth, f.parts());
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("peer certificate does not parse"), std::string::npos) << s.error().message;
    EXPECT_EQ(engine::peer_certificate(with_cert(junk)), nullptr);
  }
  auto none = engine::verify_peer_auth(f.cfg, f.prof, nullptr, wire::Message{}, id, auth, f.parts());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message, "peer sent no X.509 certificate");
}

TEST(PkiEngineAuth, PreSharedKeyWhereASignatureIsExpectedNamesBothMethods) {
  Fixture f;
  const wire::AuthPayload auth{wire::AuthMethod::SharedKeyMic, wire::Bytes(32, 0)};
  auto s = engine::verify_peer_auth(f.cfg, f.prof, nullptr, wire::Message{}, {wire::IdType::Fqdn, {'a'}}, auth, f.parts());
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "profile P expects ecdsa-sig but the peer used AUTH method 2");
}

TEST(PkiEngineAuth, DistinguishedNameIdentityReadsAsTheCertificateSubject) {
  TestCa ca;
  CertOptions o;
  o.subject = "CN=r2.example,O=lab,C=DE";
  auto cert = ca.issue(test_key("p256").public_key(), o);
  auto id = engine::identity_of({wire::IdType::DerAsn1Dn, cert->subject_der()});
  ASSERT_TRUE(id);
  EXPECT_EQ(id->type, config::IdType::DerAsn1Dn);
  EXPECT_EQ(id->value, "cn=r2.example,o=lab,c=DE");
  EXPECT_FALSE(engine::identity_of({wire::IdType::DerAsn1Dn, {0x30, 0x05, 0x01}}));
}

TEST(PkiEngineAuth, SigningWithoutACertificateOrKeyIsAnError) {
  Fixture f;
  auto none = engine::build_our_auth(f.cfg, f.prof, nullptr, *platform::IpAddress::parse("10.0.0.1"), f.parts(), {});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message, "profile P has no trustpoint with a certificate to sign with");
  f.prof.authentication_local = config::AuthMethod::PreShare;
  auto psk = engine::build_our_auth(f.cfg, f.prof, nullptr, *platform::IpAddress::parse("10.0.0.1"), f.parts(), {});
  ASSERT_FALSE(psk);
  EXPECT_EQ(psk.error().message, "no pre-shared key for the peer");
}

TEST(PkiEngineAuth, OurSignatureCarriesTheCertificateAndVerifiesWithItsKey) {
  Fixture f;
  TestCa ca;
  auto key = std::make_shared<const crypto::PrivateKey>(test_key("p384"));
  CertOptions o;
  o.subject = "CN=me";
  auto cert = ca.issue(key->public_key(), o);
  f.cfg.key_pairs.push_back({"K", key});
  f.cfg.trustpoints.push_back({"TP", "terminal", "", config::Revocation::None, "", {ca.cert()}, cert, {}});
  auto ours = engine::build_our_auth(f.cfg, f.prof, nullptr, *platform::IpAddress::parse("10.0.0.1"), f.parts(), {});
  ASSERT_TRUE(ours) << ours.error().message;
  EXPECT_EQ(ours->identity.value, "cn=me");
  EXPECT_EQ(ours->id.type, wire::IdType::DerAsn1Dn);
  ASSERT_EQ(ours->certs.size(), 1u);
  EXPECT_EQ(ours->certs[0].data, cert->der());
  EXPECT_EQ(ours->auth.method, wire::AuthMethod::EcdsaP384) << "no peer hash list: RFC 4754 method";
  ASSERT_TRUE(ours->certreq);
  EXPECT_EQ(ours->certreq->data, ca.cert()->spki_sha1());
  // The peer's view: the same helpers accept it.
  wire::Message m;
  m.add(wire::PayloadType::Cert, ours->certs[0]);
  EXPECT_TRUE(engine::verify_peer_auth(f.cfg, f.prof, nullptr, m, ours->id, ours->auth, f.parts()));
  auto with_hashes = engine::build_our_auth(f.cfg, f.prof, nullptr, *platform::IpAddress::parse("10.0.0.1"),
                                            f.parts(), {2, 3, 4});
  ASSERT_TRUE(with_hashes);
  EXPECT_EQ(with_hashes->auth.method, wire::AuthMethod::DigitalSignature);
  EXPECT_TRUE(engine::verify_peer_auth(f.cfg, f.prof, nullptr, m, with_hashes->id, with_hashes->auth, f.parts()));
}

}  // namespace
}  // namespace ravelin::test
