// `crypto pki …` / `crypto key …` commands: trustpoints and certificate chains round-trip through the
// running-config and build into IkeConfig; keys go to the 0600 key store, never into the config.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "ike/commands/pki.hpp"
#include "ike/config_build/build.hpp"
#include "ike/config_build/build_pki.hpp"
#include "ike/crypto/pki_store.hpp"
#include "tests/unit/commands/harness.hpp"
#include "tests/unit/pki_commands/cert_config_text.hpp"
#include "tests/unit/pki_crypto/test_ca.hpp"

namespace ravelin::testing {
namespace {

namespace cb = ike::config_build;

struct PkiDevice : Device {
  PkiDevice() : Device(grammar::Dialect::Ios) {
    ensure_pki(set);
    dir = std::filesystem::temp_directory_path() / ("rv_pki_" + std::to_string(::getpid()) + "_" + std::to_string(++n));
    store_service.dir = dir;
    services.provide(store_service);
  }
  ~PkiDevice() { std::filesystem::remove_all(dir); }
  static inline int n = 0;
  std::filesystem::path dir;
  ike::commands::PkiStore store_service;
};

// A chain block as IOS prints it holding one certificate (chains of several: chain_test.cpp).
std::string chain_text(const std::string& tp, const ike::crypto::Certificate& cert, bool ca) {
  std::string out = "crypto pki certificate chain " + tp + "\n";
  for (const auto& l : cb::chain_lines(cert, ca)) out += l + "\n";
  return out + "!\n";
}

TEST(PkiCommands, TrustpointChainAndProfileBuildIntoIkeConfig) {
  PkiDevice d;
  test::TestCa ca("Lab CA", "p256");
  auto key = test::test_key("p256");
  test::CertOptions o;
  o.subject = "CN=r1.example,O=lab";
  auto cert = ca.issue(key.public_key(), o);
  const std::string text =
      "crypto pki trustpoint ROOT\n enrollment terminal\n!\n"
      "crypto pki trustpoint TP\n enrollment terminal\n revocation-check none\n rsakeypair K\n!\n" +
      chain_text("ROOT", *ca.cert(), true) + chain_text("TP", *cert, false) +
      "!\ncrypto pki certificate map CMAP 10\n subject-name co lab\n!\n"
      "crypto ikev2 profile PROF\n match certificate CMAP\n identity local dn\n"
      " authentication remote ecdsa-sig\n authentication local ecdsa-sig\n pki trustpoint TP sign\n"
      " pki trustpoint ROOT verify\n!\n";
  auto r = d.load(text);
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  auto built = cb::build(d.store.running().root(), grammar::Dialect::Ios);
  const auto& c = *built.config;
  ASSERT_EQ(c.trustpoints.size(), 2u) << ::testing::PrintToString(built.warnings);
  const auto* root = c.find_trustpoint("ROOT");
  ASSERT_NE(root, nullptr);
  ASSERT_EQ(root->ca_certificates.size(), 1u) << d.render();
  EXPECT_EQ(root->ca_certificates[0]->der(), ca.cert()->der());
  const auto& tp = *c.find_trustpoint("TP");
  EXPECT_EQ(tp.key_label, "K");
  ASSERT_TRUE(tp.certificate);
  EXPECT_EQ(tp.certificate->subject(), "cn=r1.example,o=lab");
  ASSERT_EQ(c.certificate_maps.size(), 1u);
  EXPECT_TRUE(c.certificate_maps[0].matches(*cert));
  const auto* prof = c.find_profile("PROF");
  ASSERT_NE(prof, nullptr);
  EXPECT_EQ(prof->authentication_local, ike::config::AuthMethod::EcdsaSig);
  EXPECT_EQ(prof->authentication_remote, ike::config::AuthMethod::EcdsaSig);
  EXPECT_EQ(prof->trustpoints_sign, std::vector<std::string>{"TP"});
  EXPECT_EQ(prof->trustpoints_verify, std::vector<std::string>{"ROOT"});
  EXPECT_EQ(prof->match_certificate, "CMAP");
  ASSERT_TRUE(prof->identity_local);
  EXPECT_EQ(prof->identity_local->type, ike::config::IdType::DerAsn1Dn);
  // The chain renders back as it was loaded.
  const std::string shown = d.render();
  EXPECT_NE(shown.find(cb::chain_lines(*cert, false)[1]), std::string::npos) << shown;
  EXPECT_NE(shown.find("crypto pki certificate chain TP"), std::string::npos);
}

TEST(PkiCommands, CorruptChainBecomesAWarningNotACertificate) {
  PkiDevice d;
  auto r = d.load("crypto pki trustpoint TP\n!\ncrypto pki certificate chain TP\n certificate ca 01\n  3082ZZ\n  \tquit\n!\n");
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  auto built = cb::build(d.store.running().root(), grammar::Dialect::Ios);
  ASSERT_EQ(built.config->trustpoints.size(), 1u);
  EXPECT_TRUE(built.config->trustpoints[0].ca_certificates.empty());
  bool warned = false;
  for (const auto& w : built.warnings) warned |= w.find("certificate ca 01: not hexadecimal") != std::string::npos;
  EXPECT_TRUE(warned) << ::testing::PrintToString(built.warnings);
}

TEST(PkiCommands, KeyGenerationWritesAPrivateFileAndNothingToTheConfig) {
  PkiDevice d;
  const std::string out = d.type("crypto key generate ec keysize 256 label R1-EC");
  EXPECT_EQ(out, "The name for the keys will be: R1-EC\n% Generating 256 bit EC keys, keys will be non-exportable...\n"
                 "[OK] (elapsed time was 0 seconds)\n");
  struct stat st{};
  ASSERT_EQ(::stat((d.dir / "R1-EC.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(d.render().find("R1-EC"), std::string::npos) << "keys never appear in the running-config";
  const std::string shown = d.exec("show crypto key mypubkey ec");
  EXPECT_NE(shown.find("Key name: R1-EC\n Key type: EC KEYS 256 bits\n"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("PRIVATE"), std::string::npos);
  EXPECT_EQ(d.exec("show crypto key mypubkey rsa"), "");
  ike::config::IkeConfig c;
  std::vector<std::string> warnings;
  cb::load_key_pairs(d.dir, c, warnings);
  ASSERT_EQ(c.key_pairs.size(), 1u);
  EXPECT_EQ(c.key_pairs[0].label, "R1-EC");
  EXPECT_EQ(c.key_pairs[0].key->curve(), "P-256");
}

TEST(PkiCommands, RsaKeyGenerationReportsTheModulus) {
  PkiDevice d;
  const std::string out = d.type("crypto key generate rsa modulus 1024 label K1");
  EXPECT_NE(out.find("% The key modulus size is 1024 bits\n% Generating 1024 bit RSA keys"), std::string::npos) << out;
  auto k = ike::crypto::load_key(d.dir, "K1");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->bits(), 1024);
  EXPECT_NE(d.type("crypto key generate rsa modulus 512 label K2").find("% Invalid input"), std::string::npos)
      << "below the range we accept";
}

TEST(PkiCommands, BadLabelsNeverEscapeTheKeyDirectory) {
  PkiDevice d;
  EXPECT_FALSE(ike::crypto::valid_key_label("../etc"));
  EXPECT_FALSE(ike::crypto::valid_key_label(".hidden"));
  EXPECT_TRUE(ike::crypto::valid_key_label("R1-KEY.v2"));
  const std::string out = d.type("crypto key generate ec keysize 256 label ../x");
  EXPECT_NE(out.find("% Invalid key label ../x"), std::string::npos) << out;
}

TEST(PkiCommands, ShowCertificatesListsOursThenTheCa) {
  PkiDevice d;
  test::TestCa ca("Lab CA", "p256");
  test::CertOptions o;
  o.subject = "CN=r1.example";
  o.serial = 0x1f;
  auto cert = ca.issue(test::test_key("p256").public_key(), o);
  auto r = d.load("crypto pki trustpoint TP\n!\n" + chain_text("TP", *cert, false) +
                  "crypto pki trustpoint CA\n!\n" + chain_text("CA", *ca.cert(), true));
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  const std::string shown = d.exec("show crypto pki certificates");
  EXPECT_EQ(shown.find("Certificate\n  Status: Available\n  Certificate Serial Number (hex): 1F\n"), 0u) << shown;
  EXPECT_NE(shown.find("  Subject:\n    cn=r1.example\n"), std::string::npos);
  EXPECT_NE(shown.find("CA Certificate\n"), std::string::npos);
  EXPECT_NE(shown.find("  Associated Trustpoints: TP\n"), std::string::npos);
  EXPECT_NE(shown.find("  Associated Trustpoints: CA\n"), std::string::npos);
  EXPECT_EQ(d.exec("show crypto pki certificates OTHER"), "");
}

}  // namespace
}  // namespace ravelin::testing

namespace ravelin::testing {
namespace {

TEST(PkiCommands, BothDialectsDeclareThePkiFamilyWithoutDeclarationErrors) {
  PkiDevice ios;
  EXPECT_TRUE(ios.set.errors().empty()) << ::testing::PrintToString(ios.set.errors());
  Device asa(grammar::Dialect::Asa);
  ensure_pki(asa.set);
  EXPECT_TRUE(asa.set.errors().empty()) << ::testing::PrintToString(asa.set.errors());
  auto r = asa.load("crypto ca trustpoint ASDM_TP\n enrollment terminal\n revocation-check none\n keypair K\n");
  EXPECT_TRUE(r.errors.empty()) << errors_text(r);
  EXPECT_NE(asa.render().find("crypto ca trustpoint ASDM_TP\n enrollment terminal\n"), std::string::npos) << asa.render();
}

TEST(PkiCommands, TrustpointSubModeTakesItsCommandsInteractively) {
  PkiDevice d;
  EXPECT_EQ(d.type("crypto pki trustpoint TP"), "");
  EXPECT_EQ(d.prompt_text(), "Router(ca-trustpoint)#");
  EXPECT_EQ(d.type("enrollment url http://ca.example/certsrv"), "");
  EXPECT_EQ(d.type("revocation-check crl"), "");
  EXPECT_NE(d.type("revocation-check ocsp").find("% Invalid input"), std::string::npos);
  EXPECT_NE(d.render().find(" enrollment url http://ca.example/certsrv\n revocation-check crl\n"), std::string::npos)
      << d.render();
}

}  // namespace
}  // namespace ravelin::testing
