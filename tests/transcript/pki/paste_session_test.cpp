// `crypto pki authenticate` typed in a real cli::Session (the console's session): the banner, the
// pasted lines answered without a prompt, the fingerprints and the yes/no question, then the chain in
// the running-config and in the startup-config after `write memory`. A bad paste changes nothing and
// the session is back at its mode prompt.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/transcript/shell/harness.hpp"
#include "tests/unit/commands/harness.hpp"
#include "tests/unit/pki_crypto/test_ca.hpp"

namespace ravelin::cli::testing {
namespace {

// Types `pem` line by line as a terminal paste; returns what the session showed.
std::string paste(ShellHarness& h, const std::string& pem) {
  std::string out;
  std::istringstream in(pem);
  for (std::string line; std::getline(in, line);) out += h.type(line);
  return out;
}

void configure_trustpoint(ShellHarness& h) {
  h.type("configure terminal");
  h.type("crypto pki trustpoint ROOT");
  h.type(" enrollment terminal");
  h.type("exit");
}

TEST(PkiPasteSession, AuthenticatePastedInASessionIsKeptByWriteMemory) {
  ShellHarness h({.privilege = 15});
  test::TestCa ca("Session CA", "p256");
  configure_trustpoint(h);
  EXPECT_EQ(h.type("crypto pki authenticate ROOT"),
            "Router(config)#crypto pki authenticate ROOT\n\nEnter the base 64 encoded CA certificate.\n"
            "End with a blank line or the word \"quit\" on a line by itself\n\n");
  EXPECT_EQ(h.session().prompt(), "") << "pasted lines are read without a prompt";
  const std::string pasted = paste(h, ca.cert()->pem());
  EXPECT_NE(pasted.find("-----BEGIN CERTIFICATE-----\n"), std::string::npos) << pasted;
  const std::string shown = h.type("quit");
  EXPECT_EQ(shown.rfind("quit\n\nCertificate has the following attributes:\n       Fingerprint MD5: ", 0), 0u) << shown;
  EXPECT_NE(shown.find("\n      Fingerprint SHA1: "), std::string::npos) << shown;
  EXPECT_EQ(h.session().prompt(), "% Do you accept this certificate? [yes/no]: ");
  EXPECT_EQ(h.type("yes"), "% Do you accept this certificate? [yes/no]: yes\n"
                           "Trustpoint CA certificate accepted.\n% Certificate successfully imported\n");
  EXPECT_EQ(h.session().prompt(), "Router(config)#");
  const std::string block = "crypto pki certificate chain ROOT\n certificate ca " + ca.cert()->serial_hex() + "\n";
  h.type("end");
  EXPECT_NE(h.type("show running-config").find(block), std::string::npos);
  h.type("write memory");
  const std::string saved = ravelin::testing::read_file(h.startup_path());
  EXPECT_NE(saved.find(block), std::string::npos) << saved;
}

TEST(PkiPasteSession, BadPasteChangesNothingAndReturnsToTheModePrompt) {
  ShellHarness h({.privilege = 15});
  configure_trustpoint(h);
  const std::string before = h.type("do show running-config");
  h.type("crypto pki authenticate ROOT");
  h.type("-----BEGIN CERTIFICATE-----");
  h.type("definitely not base64 ***");
  EXPECT_EQ(h.type(""), "\n% Error in receiving Certificate Authority certificate: status = FAIL, cert length = 0\n"
                        "% The paste is not base64 (at '*')\n");
  EXPECT_EQ(h.session().prompt(), "Router(config)#");
  EXPECT_EQ(h.type("do show running-config"), before);
  // The wrong trustpoint: importing our certificate where no CA was authenticated asks nothing.
  EXPECT_EQ(h.type("crypto pki import ROOT certificate"),
            "Router(config)#crypto pki import ROOT certificate\n"
            "% You must authenticate the Certificate Authority before you can import the router's certificate.\n");
  EXPECT_EQ(h.session().prompt(), "Router(config)#");
}

}  // namespace
}  // namespace ravelin::cli::testing
