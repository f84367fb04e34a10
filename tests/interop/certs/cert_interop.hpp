#pragma once
// Certificate interop with strongSwan: a CA made by the test (tests/unit/pki_crypto/test_ca.hpp),
// strongSwan's key, certificate and the CA as PEM files in the case's directory, loaded as a pubkey
// connection over vici; ravelin's key in its key store beside the startup-config and its
// trustpoints (ROOT: the CA, ME: its own certificate) in the startup-config.
#include <string>

#include "tests/interop/strongswan/interop_fixture.hpp"
#include "tests/unit/pki_crypto/test_ca.hpp"

namespace ravelin::test::interop {

struct CertCase {
  std::string key_kind = "rsa2048";  // rsa2048 / p256 (test_key), for both peers
  std::string ravelin_local = "rsa-sig";  // IOS method; "pre-share" with a PSK
  std::string ravelin_remote = "rsa-sig";
  bool swan_cert_from_other_ca = false;  // strongSwan's certificate is issued by a CA ravelin does not trust
};

class CertInteropTest : public InteropTest {
 protected:
  // Makes the keys and certificates, starts strongSwan with a pubkey (or psk) connection matching
  // `c`, and ravelin with the trustpoints and profile methods of `c`.
  ::testing::AssertionResult start_both(const CertCase& c);
  // The same with ravelin configured in the ASA dialect (tunnel-group certificate both ways).
  ::testing::AssertionResult start_both_asa(const CertCase& c);
  [[nodiscard]] std::string ravelin_cn() const { return "ravelin.example"; }
  [[nodiscard]] std::string swan_cn() const { return "swan.example"; }

 private:
  [[nodiscard]] std::string swanctl_conf(const CertCase& c) const;
  [[nodiscard]] std::string ravelin_pki_config(const CertCase& c) const;
  ::testing::AssertionResult load_swan_connection(const CertCase& c);
  // CA, keys and certificates; strongSwan started with its connection for `c`.
  ::testing::AssertionResult prepare(const CertCase& c);

  TestCa ca_{"interop CA", "p256"};
  TestCa other_ca_{"unknown CA", "p256"};
  ike::crypto::CertificatePtr ravelin_cert_;
};

}  // namespace ravelin::test::interop
