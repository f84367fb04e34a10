// ASA `tunnel-group NAME ipsec-attributes` with `ikev2 local-authentication certificate TP` and
// `ikev2 remote-authentication certificate`: the IkeConfig the builder makes from them (trustpoints
// from `crypto ca`, the tunnel-group's profile signing with TP, chosen by the peer's address).
#include <gtest/gtest.h>

#include "tests/unit/pki_commands/cert_config_text.hpp"
#include "tests/unit/pki_crypto/test_ca.hpp"

namespace ravelin::testing {
namespace {

using ike::config::AuthMethod;

struct AsaCerts {
  test::TestCa ca{"Lab CA", "p256"};
  std::shared_ptr<const ike::crypto::PrivateKey> key =
      std::make_shared<const ike::crypto::PrivateKey>(test::test_key("p256"));
  ike::crypto::CertificatePtr mine = [this] {
    test::CertOptions o;
    o.subject = "CN=asa.example,O=lab";
    return ca.issue(key->public_key(), o);
  }();
  ike::config_build::Built build(const CertSiteText& s) {
    return build_text(grammar::Dialect::Asa, asa_cert_site(s, *ca.cert(), *mine), key);
  }
};

TEST(AsaTunnelGroupCerts, CertificateBothWaysBuildsASigningProfileChosenByPeerAddress) {
  AsaCerts f;
  auto built = f.build({});
  const auto& c = *built.config;
  for (const auto& w : built.warnings) EXPECT_EQ(w.find("tunnel-group"), std::string::npos) << w;
  const auto* me = c.find_trustpoint("ME");
  const auto* root = c.find_trustpoint("ROOT");
  ASSERT_NE(me, nullptr);
  ASSERT_NE(root, nullptr);
  ASSERT_TRUE(me->certificate);
  EXPECT_EQ(me->certificate->der(), f.mine->der());
  EXPECT_EQ(me->key_label, "K");
  ASSERT_EQ(root->ca_certificates.size(), 1u);
  EXPECT_EQ(root->ca_certificates[0]->der(), f.ca.cert()->der());

  const auto* prof = c.find_profile("tunnel-group 10.0.0.2");
  ASSERT_NE(prof, nullptr);
  EXPECT_EQ(prof->authentication_local, AuthMethod::Certificate);
  EXPECT_EQ(prof->authentication_remote, AuthMethod::Certificate);
  EXPECT_EQ(prof->trustpoints_sign, std::vector<std::string>{"ME"});
  EXPECT_TRUE(prof->trustpoints_verify.empty()) << "the ASA validates against every trustpoint";
  ASSERT_EQ(prof->match_address_remote.size(), 1u);
  EXPECT_EQ(prof->match_address_remote[0].to_string(), "10.0.0.2/32");
  EXPECT_FALSE(prof->identity_local) << "no identity: the certificate's DN, as `crypto isakmp identity auto`";
  EXPECT_TRUE(c.keyrings.empty()) << "no pre-shared key anywhere, so no keyring peer";
  ASSERT_EQ(c.crypto_map.size(), 1u);
  EXPECT_EQ(c.crypto_map[0].profile, "tunnel-group 10.0.0.2");
}

TEST(AsaTunnelGroupCerts, PreSharedKeyOneWayCertificateTheOtherKeepsOnlyThatKey) {
  AsaCerts f;
  CertSiteText s;
  s.asa_local = "pre-shared-key LocalSecret1";
  auto built = f.build(s);
  const auto& c = *built.config;
  const auto* prof = c.find_profile("tunnel-group 10.0.0.2");
  ASSERT_NE(prof, nullptr);
  EXPECT_EQ(prof->authentication_local, AuthMethod::PreShare);
  EXPECT_EQ(prof->authentication_remote, AuthMethod::Certificate);
  EXPECT_TRUE(prof->trustpoints_sign.empty());
  ASSERT_EQ(c.keyrings.size(), 1u);
  ASSERT_EQ(c.keyrings[0].peers.size(), 1u);
  EXPECT_EQ(c.keyrings[0].peers[0].pre_shared_key_local, "LocalSecret1");
  EXPECT_EQ(c.keyrings[0].peers[0].pre_shared_key_remote, "");

  s.asa_local = "certificate ME";
  s.asa_remote = "pre-shared-key RemoteSecret2";
  auto other = f.build(s);
  const auto* p2 = other.config->find_profile("tunnel-group 10.0.0.2");
  ASSERT_NE(p2, nullptr);
  EXPECT_EQ(p2->authentication_local, AuthMethod::Certificate);
  EXPECT_EQ(p2->authentication_remote, AuthMethod::PreShare);
  ASSERT_EQ(other.config->keyrings.size(), 1u);
  EXPECT_EQ(other.config->keyrings[0].peers[0].pre_shared_key_remote, "RemoteSecret2");
}

TEST(AsaTunnelGroupCerts, UnknownTrustpointIsReportedWithTheTunnelGroup) {
  AsaCerts f;
  CertSiteText s;
  s.asa_local = "certificate NOSUCH";
  auto built = f.build(s);
  bool warned = false;
  for (const auto& w : built.warnings) warned |= w == "tunnel-group 10.0.0.2: trustpoint NOSUCH does not exist";
  EXPECT_TRUE(warned) << ::testing::PrintToString(built.warnings);
}

TEST(AsaTunnelGroupCerts, MissingRemoteAuthenticationLeavesTheTunnelGroupOut) {
  PkiTextDevice dev(grammar::Dialect::Asa);
  auto r = dev.load("tunnel-group 10.0.0.2 type ipsec-l2l\ntunnel-group 10.0.0.2 ipsec-attributes\n"
                    " ikev2 local-authentication certificate ME\n");
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  auto built = ike::config_build::build(dev.store.running().root(), grammar::Dialect::Asa);
  EXPECT_EQ(built.config->find_profile("tunnel-group 10.0.0.2"), nullptr);
  bool warned = false;
  for (const auto& w : built.warnings) warned |= w.find("tunnel-group 10.0.0.2: needs ikev2 local- and remote") == 0;
  EXPECT_TRUE(warned) << ::testing::PrintToString(built.warnings);
}

TEST(IosProfileCerts, TrustpointsSignVerifyAndCertificateMapBuildFromIosText) {
  AsaCerts f;
  CertSiteText s;
  s.ios_local = "ecdsa-sig";
  s.ios_remote = "rsa-sig";
  auto built = build_text(grammar::Dialect::Ios, ios_cert_site(s, "peer.example", *f.ca.cert(), *f.mine), f.key);
  const auto* prof = built.config->find_profile("PROF");
  ASSERT_NE(prof, nullptr) << ::testing::PrintToString(built.warnings);
  EXPECT_EQ(prof->authentication_local, AuthMethod::EcdsaSig);
  EXPECT_EQ(prof->authentication_remote, AuthMethod::RsaSig);
  EXPECT_EQ(prof->trustpoints_sign, std::vector<std::string>{"ME"});
  EXPECT_EQ(prof->trustpoints_verify, std::vector<std::string>{"ROOT"});
  EXPECT_EQ(prof->match_certificate, "PEER");
  ASSERT_EQ(built.config->crypto_map.size(), 1u);
  EXPECT_EQ(built.config->crypto_map[0].profile, "PROF");
}

}  // namespace
}  // namespace ravelin::testing
