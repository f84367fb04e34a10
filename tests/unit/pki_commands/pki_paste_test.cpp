// `crypto pki authenticate TP` / `crypto pki import TP certificate` with the certificate pasted line
// by line (grammar::Asker questions, answered here by a scripted asker): what is printed, what lands
// in the running-config and the IkeConfig, and that a bad paste changes nothing.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <sstream>

#include "grammar/question.hpp"
#include "ike/crypto/pki_store.hpp"
#include "tests/unit/pki_commands/cert_config_text.hpp"
#include "tests/unit/pki_crypto/test_ca.hpp"

namespace ravelin::testing {
namespace {

namespace cb = ike::config_build;

// Holds the question the command asked; answer() plays the next typed line.
class ScriptedAsker final : public grammar::Asker {
 public:
  void ask(grammar::Question q) override { pending_ = std::move(q); }
  [[nodiscard]] bool asking() const { return pending_.has_value(); }
  [[nodiscard]] std::string prompt() const { return pending_ ? pending_->prompt : "<none>"; }
  std::string answer(std::string_view line) {
    if (!pending_) return "<no question>";
    grammar::Question q = std::move(*pending_);
    pending_.reset();
    std::string out;
    rejected = false;
    q.on_answer(line, out, rejected);
    return out;
  }
  bool rejected = false;

 private:
  std::optional<grammar::Question> pending_;
};

struct PasteDevice : PkiTextDevice {
  explicit PasteDevice(grammar::Dialect d = grammar::Dialect::Ios) : PkiTextDevice(d) {
    dir = std::filesystem::temp_directory_path() / ("rv_paste_" + std::to_string(::getpid()) + "_" + std::to_string(++n));
    keys.dir = dir;
    services.provide(keys);
    services.provide<grammar::Asker>(asker);
    const std::string head = d == grammar::Dialect::Asa ? "crypto ca" : "crypto pki";
    auto r = load(head + " trustpoint ROOT\n enrollment terminal\n!\n" + head +
                  " trustpoint ME\n enrollment terminal\n keypair K\n!\n");
    EXPECT_TRUE(r.errors.empty()) << errors_text(r);
  }
  ~PasteDevice() { std::filesystem::remove_all(dir); }

  // Pastes `pem` line by line, then the blank line that ends it; returns all output.
  std::string paste(const std::string& pem) {
    std::string out;
    std::istringstream in(pem);
    for (std::string line; std::getline(in, line);) out += asker.answer(line);
    return out + asker.answer("");
  }
  const ike::config::Trustpoint* trustpoint(const std::string& name) {
    built = cb::build(store.running().root(), set.dialect());
    return built.config->find_trustpoint(name);
  }

  static inline int n = 0;
  std::filesystem::path dir;
  ike::commands::PkiStore keys;
  ScriptedAsker asker;
  cb::Built built;
};

std::string fingerprint(const ike::crypto::Certificate& c, const EVP_MD* md) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(c.der().data(), c.der().size(), out, &len, md, nullptr);
  char hex[3];
  std::string text;
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(hex, sizeof hex, "%02X", out[i]);
    text += hex;
    if (i % 4 == 3) text += ' ';
  }
  return text;
}

TEST(PkiPaste, AuthenticateShowsFingerprintsAndStoresTheCaCertificateAfterYes) {
  PasteDevice d;
  test::TestCa ca("Paste CA", "p256");
  EXPECT_EQ(d.type("crypto pki authenticate ROOT"),
            "\nEnter the base 64 encoded CA certificate.\nEnd with a blank line or the word \"quit\" on a line by itself\n\n");
  ASSERT_TRUE(d.asker.asking());
  EXPECT_EQ(d.asker.prompt(), "") << "pasted lines have no prompt";
  const std::string shown = d.paste(ca.cert()->pem());
  EXPECT_EQ(shown, "\nCertificate has the following attributes:\n       Fingerprint MD5: " +
                       fingerprint(*ca.cert(), EVP_md5()) + "\n      Fingerprint SHA1: " +
                       fingerprint(*ca.cert(), EVP_sha1()) + "\n\n");
  EXPECT_EQ(d.asker.prompt(), "% Do you accept this certificate? [yes/no]: ");
  EXPECT_EQ(d.trustpoint("ROOT")->ca_certificates.size(), 0u) << "nothing is stored before yes";
  EXPECT_EQ(d.asker.answer("yes"), "Trustpoint CA certificate accepted.\n% Certificate successfully imported\n");
  EXPECT_FALSE(d.asker.asking());
  const auto* root = d.trustpoint("ROOT");
  ASSERT_EQ(root->ca_certificates.size(), 1u) << d.render();
  EXPECT_EQ(root->ca_certificates[0]->der(), ca.cert()->der());
  EXPECT_NE(d.render().find("crypto pki certificate chain ROOT\n certificate ca " + ca.cert()->serial_hex() + "\n"),
            std::string::npos)
      << d.render();
}

TEST(PkiPaste, AsaCryptoCaAuthenticateStoresTheCaCertificateInTheCaChain) {
  PasteDevice d(grammar::Dialect::Asa);
  test::TestCa ca("Paste CA", "rsa2048");
  EXPECT_NE(d.type("crypto ca authenticate ROOT").find("Enter the base 64 encoded CA certificate."), std::string::npos);
  (void)d.paste(ca.cert()->pem());
  EXPECT_EQ(d.asker.answer("y"), "Trustpoint CA certificate accepted.\n% Certificate successfully imported\n");
  EXPECT_NE(d.render().find("crypto ca certificate chain ROOT\n certificate ca " + ca.cert()->serial_hex() + "\n"),
            std::string::npos)
      << d.render();
  ASSERT_NE(d.trustpoint("ROOT"), nullptr);
  EXPECT_EQ(d.trustpoint("ROOT")->ca_certificates.size(), 1u);
}

TEST(PkiPaste, AnswerNoAndUnclearAnswersLeaveTheConfigUnchanged) {
  PasteDevice d;
  test::TestCa ca("Paste CA", "p256");
  const std::string before = d.render();
  (void)d.type("crypto pki authenticate ROOT");
  (void)d.paste(ca.cert()->pem());
  EXPECT_EQ(d.asker.answer("maybe"), "% Please answer 'yes' or 'no'.\n");
  EXPECT_EQ(d.asker.prompt(), "% Do you accept this certificate? [yes/no]: ");
  EXPECT_EQ(d.asker.answer("no"), "% Certificate not accepted: nothing was changed\n");
  EXPECT_TRUE(d.asker.rejected);
  EXPECT_EQ(d.render(), before);
}

TEST(PkiPaste, PasteThatIsNotBase64ChangesNothing) {
  PasteDevice d;
  const std::string before = d.render();
  (void)d.type("crypto pki authenticate ROOT");
  (void)d.asker.answer("-----BEGIN CERTIFICATE-----");
  (void)d.asker.answer("MIIB this is not base64!");
  const std::string out = d.asker.answer("quit");
  EXPECT_EQ(out, "% Error in receiving Certificate Authority certificate: status = FAIL, cert length = 0\n"
                 "% The paste is not base64 (at '!')\n");
  EXPECT_TRUE(d.asker.rejected);
  EXPECT_FALSE(d.asker.asking());
  EXPECT_EQ(d.render(), before);
}

TEST(PkiPaste, TwoCertificatesInOnePasteAreRefused) {
  PasteDevice d;
  test::TestCa ca("Paste CA", "p256");
  test::TestCa other("Other CA", "p256");
  const std::string before = d.render();
  (void)d.type("crypto pki authenticate ROOT");
  std::string two = ca.cert()->pem() + other.cert()->pem();
  std::string out;
  std::istringstream in(two);
  for (std::string line; std::getline(in, line);) out += d.asker.answer(line);
  out += d.asker.answer("quit");
  EXPECT_NE(out.find("% The paste is more than one certificate"), std::string::npos) << out;
  EXPECT_FALSE(d.asker.asking());
  EXPECT_EQ(d.render(), before);
}

TEST(PkiPaste, Base64ThatIsNotACertificateChangesNothing) {
  PasteDevice d;
  const std::string before = d.render();
  (void)d.type("crypto pki authenticate ROOT");
  const std::string out = d.paste("aGVsbG8gd29ybGQsIHRoaXMgaXMgbm90IERFUg==\n");
  EXPECT_NE(out.find("% The paste is not an X.509 certificate"), std::string::npos) << out;
  EXPECT_EQ(d.render(), before);
}

TEST(PkiPaste, AuthenticateRefusesAnEndEntityCertificateAndAnUnknownTrustpoint) {
  PasteDevice d;
  test::TestCa ca("Paste CA", "p256");
  auto key = test::test_key("p256");
  auto leaf = ca.issue(key.public_key(), {});
  const std::string before = d.render();
  (void)d.type("crypto pki authenticate ROOT");
  EXPECT_NE(d.paste(leaf->pem()).find("is not a CA certificate"), std::string::npos);
  EXPECT_EQ(d.render(), before);
  EXPECT_EQ(d.type("crypto pki authenticate NOPE"), "% Trustpoint NOPE not found\n");
  EXPECT_FALSE(d.asker.asking());
}

// Authenticates ROOT with `ca`, then imports `cert` into ME; returns import's output.
std::string authenticate_then_import(PasteDevice& d, test::TestCa& ca, const ike::crypto::Certificate& cert) {
  (void)d.type("crypto pki authenticate ROOT");
  (void)d.paste(ca.cert()->pem());
  (void)d.asker.answer("yes");
  // ME trusts the same CA: IOS keeps the CA in each trustpoint's chain.
  (void)d.type("crypto pki authenticate ME");
  (void)d.paste(ca.cert()->pem());
  (void)d.asker.answer("yes");
  EXPECT_EQ(d.type("crypto pki import ME certificate"),
            "\nEnter the base 64 encoded certificate.\nEnd with a blank line or the word \"quit\" on a line by itself\n\n");
  return d.paste(cert.pem());
}

TEST(PkiPaste, ImportStoresOurCertificateWhenItChainsAndHoldsOurKey) {
  PasteDevice d;
  test::TestCa ca("Paste CA", "p256");
  auto key = test::test_key("p256");
  ASSERT_TRUE(ike::crypto::save_key(d.dir, "K", key));
  auto mine = ca.issue(key.public_key(), {});
  EXPECT_EQ(authenticate_then_import(d, ca, *mine), "% Router Certificate successfully imported\n");
  const auto* me = d.trustpoint("ME");
  ASSERT_TRUE(me && me->certificate) << d.render();
  EXPECT_EQ(me->certificate->der(), mine->der());
  ASSERT_EQ(me->ca_certificates.size(), 1u);

  // A second import replaces the first certificate (one router certificate per trustpoint).
  auto renewed = ca.issue(key.public_key(), {});
  (void)d.type("crypto pki import ME certificate");
  EXPECT_EQ(d.paste(renewed->pem()), "% Router Certificate successfully imported\n");
  EXPECT_EQ(d.trustpoint("ME")->certificate->der(), renewed->der());
  EXPECT_EQ(d.render().find("certificate " + mine->serial_hex() + "\n"), std::string::npos) << d.render();
}

TEST(PkiPaste, ImportRefusesACertificateOfAnotherCaOrKeyAndChangesNothing) {
  PasteDevice d;
  test::TestCa ca("Paste CA", "p256");
  test::TestCa other("Other CA", "p256");
  auto key = test::test_key("p256");
  ASSERT_TRUE(ike::crypto::save_key(d.dir, "K", key));
  auto wrong_ca = other.issue(key.public_key(), {});
  std::string out = authenticate_then_import(d, ca, *wrong_ca);
  EXPECT_NE(out.find("% Error in saving certificate: status = FAIL\n% The certificate does not chain to trustpoint ME's CA"),
            std::string::npos)
      << out;
  const std::string before = d.render();
  auto stranger = test::test_key("p256");
  (void)d.type("crypto pki import ME certificate");
  out = d.paste(ca.issue(stranger.public_key(), {})->pem());
  EXPECT_NE(out.find("% The certificate's public key is not one of this router's key pairs"), std::string::npos) << out;
  EXPECT_EQ(d.render(), before);
  EXPECT_FALSE(d.trustpoint("ME")->certificate);
}

TEST(PkiPaste, ImportBeforeAuthenticateIsRefusedWithoutAQuestion) {
  PasteDevice d;
  EXPECT_EQ(d.type("crypto pki import ME certificate"),
            "% You must authenticate the Certificate Authority before you can import the router's certificate.\n");
  EXPECT_FALSE(d.asker.asking());
}

}  // namespace
}  // namespace ravelin::testing
