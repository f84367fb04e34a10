// `crypto pki certificate chain TP` holding several certificates (root CA, intermediate CA and our
// certificate) in a config file: the IkeConfig's trustpoint gets all of them, the peer's chain
// verifies through the intermediate, `show crypto pki certificates` lists each, and the block renders
// back to text that reloads identically.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/unit/pki_commands/cert_config_text.hpp"
#include "tests/unit/pki_crypto/test_ca.hpp"

namespace ravelin::testing {
namespace {

namespace cb = ike::config_build;

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

struct ThreeCertificates {
  test::TestCa root{"Chain Root", "p256"};
  test::TestCa sub{"Chain Sub", "p256", root};
  ike::crypto::PrivateKey key = test::test_key("p256");
  ike::crypto::CertificatePtr mine = sub.issue(key.public_key(), {});
  // IOS order: our certificate, then the CA certificates.
  std::string text() const {
    std::string chain = chain_block("crypto pki", "TP", *mine, false);
    for (const auto* ca : {&sub, &root}) {
      for (const auto& l : cb::chain_lines(*ca->cert(), true)) chain += l + "\n";
    }
    return "crypto pki trustpoint TP\n enrollment terminal\n revocation-check none\n!\n" + chain + "!\n";
  }
};

TEST(PkiChain, SeveralCertificatesInOneChainBuildIntoTheTrustpoint) {
  ThreeCertificates f;
  PkiTextDevice d(grammar::Dialect::Ios);
  auto r = d.load(f.text());
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  auto built = cb::build(d.store.running().root(), grammar::Dialect::Ios);
  const auto* tp = built.config->find_trustpoint("TP");
  ASSERT_NE(tp, nullptr);
  for (const auto& w : built.warnings) EXPECT_EQ(w.find("certificate chain"), std::string::npos) << w;
  ASSERT_TRUE(tp->certificate) << d.render();
  EXPECT_EQ(tp->certificate->der(), f.mine->der());
  ASSERT_EQ(tp->ca_certificates.size(), 2u) << d.render();
  EXPECT_EQ(tp->ca_certificates[0]->der(), f.sub.cert()->der());
  EXPECT_EQ(tp->ca_certificates[1]->der(), f.root.cert()->der());
  // A peer certificate issued by the intermediate verifies against the trustpoint's CAs.
  auto peer_key = test::test_key("p256");
  auto peer = f.sub.issue(peer_key.public_key(), {});
  EXPECT_TRUE(ike::crypto::verify_chain(*peer, {tp->ca_certificates, {}, {}, std::chrono::system_clock::now()}));
}

TEST(PkiChain, ShowListsEveryCertificateOfTheChain) {
  ThreeCertificates f;
  PkiTextDevice d(grammar::Dialect::Ios);
  ASSERT_TRUE(d.load(f.text()).errors.empty());
  const std::string shown = d.exec("show crypto pki certificates TP");
  EXPECT_EQ(count(shown, "CA Certificate\n"), 2u) << shown;
  EXPECT_EQ(count("\n" + shown, "\nCertificate\n"), 1u) << shown;
  EXPECT_NE(shown.find("cn=Chain Sub"), std::string::npos) << shown;
  EXPECT_EQ(count(shown, "  Associated Trustpoints: TP\n"), 3u) << shown;
}

TEST(PkiChain, ChainOfSeveralCertificatesRendersAndReloadsIdentically) {
  ThreeCertificates f;
  PkiTextDevice first(grammar::Dialect::Ios);
  ASSERT_TRUE(first.load(f.text()).errors.empty());
  const std::string rendered = first.render();
  PkiTextDevice second(grammar::Dialect::Ios);
  auto r = second.load(rendered);
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  EXPECT_EQ(second.render(), rendered);
  auto built = cb::build(second.store.running().root(), grammar::Dialect::Ios);
  ASSERT_NE(built.config->find_trustpoint("TP"), nullptr);
  EXPECT_EQ(built.config->find_trustpoint("TP")->ca_certificates.size(), 2u);
}

}  // namespace
}  // namespace ravelin::testing
