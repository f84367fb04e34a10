#pragma once
// A throwaway certificate authority made at test run time with OpenSSL (never a committed key):
// RSA or EC CA, end-entity certificates with chosen validity, SANs and key usage, and CRLs.
// Header-only so the unit and pair certificate tests share it.
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <string>
#include <vector>

#include "ike/crypto/pki_key.hpp"
#include "ike/crypto/pki_ossl.hpp"
#include "ike/crypto/x509.hpp"

namespace ravelin::test {

struct CertOptions {
  std::string subject = "CN=peer,O=ravelin test";  // "K=V,K=V" in DER order
  long not_before_days = -1;                       // relative to now
  long not_after_days = 365;
  std::vector<std::string> san;                    // "DNS:r1.example", "IP:10.0.0.1", "email:a@b"
  bool ca = false;
  std::string key_usage;                           // e.g. "digitalSignature"; empty = none
  long serial = 0;                                 // 0: next serial of the CA
};

inline ike::crypto::PrivateKey test_key(const std::string& kind) {
  using ike::crypto::PrivateKey;
  if (kind == "rsa2048") return *PrivateKey::generate_rsa(2048);
  if (kind == "rsa3072") return *PrivateKey::generate_rsa(3072);
  if (kind == "p384") return *PrivateKey::generate_ec(384);
  if (kind == "p521") return *PrivateKey::generate_ec(521);
  return *PrivateKey::generate_ec(256);
}

class TestCa {
 public:
  explicit TestCa(const std::string& name = "ravelin test CA", const std::string& key_kind = "p256")
      : key_(test_key(key_kind)) {
    CertOptions o;
    o.subject = "CN=" + name + ",O=ravelin test";
    o.ca = true;
    o.not_before_days = -3650;
    o.not_after_days = 3650;
    cert_ = sign(key_.public_key(), o, nullptr, key_);
  }
  // A subordinate CA certified by `parent`.
  TestCa(const std::string& name, const std::string& key_kind, TestCa& parent) : key_(test_key(key_kind)) {
    CertOptions o;
    o.subject = "CN=" + name + ",O=ravelin test";
    o.ca = true;
    o.not_before_days = -1825;
    o.not_after_days = 1825;
    cert_ = parent.issue(key_.public_key(), o);
  }

  [[nodiscard]] ike::crypto::CertificatePtr cert() const { return cert_; }
  [[nodiscard]] const ike::crypto::PrivateKey& key() const { return key_; }

  [[nodiscard]] ike::crypto::CertificatePtr issue(const ike::crypto::PublicKey& pub, const CertOptions& o) {
    return sign(pub, o, cert_->handle().cert.get(), key_);
  }

  // A CRL signed by this CA revoking `serials`, valid from yesterday for a week.
  [[nodiscard]] ike::crypto::CrlPtr crl(const std::vector<long>& serials) const {
    X509_CRL* raw = X509_CRL_new();
    std::unique_ptr<X509_CRL, decltype(&X509_CRL_free)> crl(raw, &X509_CRL_free);
    X509_CRL_set_version(raw, 1);
    X509_CRL_set_issuer_name(raw, X509_get_subject_name(cert_->handle().cert.get()));
    std::unique_ptr<ASN1_TIME, decltype(&ASN1_TIME_free)> t(ASN1_TIME_new(), &ASN1_TIME_free);
    X509_time_adj_ex(t.get(), -1, 0, nullptr);
    X509_CRL_set1_lastUpdate(raw, t.get());
    X509_time_adj_ex(t.get(), 7, 0, nullptr);
    X509_CRL_set1_nextUpdate(raw, t.get());
    for (long s : serials) {
      X509_REVOKED* r = X509_REVOKED_new();
      std::unique_ptr<ASN1_INTEGER, decltype(&ASN1_INTEGER_free)> n(ASN1_INTEGER_new(), &ASN1_INTEGER_free);
      ASN1_INTEGER_set(n.get(), s);
      X509_REVOKED_set_serialNumber(r, n.get());
      X509_time_adj_ex(t.get(), -1, 0, nullptr);
      X509_REVOKED_set_revocationDate(r, t.get());
      X509_CRL_add0_revoked(raw, r);
    }
    X509_CRL_sort(raw);
    X509_CRL_sign(raw, key_.handle().pkey.get(), EVP_sha256());
    unsigned char* out = nullptr;
    const int len = i2d_X509_CRL(raw, &out);
    std::vector<uint8_t> der(out, out + len);
    OPENSSL_free(out);
    return *ike::crypto::Crl::parse(der);
  }

 private:
  static void set_name(X509_NAME* name, const std::string& text) {
    size_t pos = 0;
    while (pos < text.size()) {
      size_t comma = text.find(',', pos);
      if (comma == std::string::npos) comma = text.size();
      const std::string rdn = text.substr(pos, comma - pos);
      const size_t eq = rdn.find('=');
      X509_NAME_add_entry_by_txt(name, rdn.substr(0, eq).c_str(), MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(rdn.c_str() + eq + 1), -1, -1, 0);
      pos = comma + 1;
    }
  }

  static void add_ext(X509* x, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, x, nullptr, nullptr, 0);
    X509_EXTENSION* e = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (e) {
      X509_add_ext(x, e, -1);
      X509_EXTENSION_free(e);
    }
  }

  // Signs with `signer`; `issuer` nullptr means self-signed.
  ike::crypto::CertificatePtr sign(const ike::crypto::PublicKey& pub, const CertOptions& o, X509* issuer_cert,
                                   const ike::crypto::PrivateKey& signer) {
    std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), &X509_free);
    X509_set_version(x.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(x.get()), o.serial ? o.serial : next_serial_++);
    X509_time_adj_ex(X509_getm_notBefore(x.get()), o.not_before_days, 0, nullptr);
    X509_time_adj_ex(X509_getm_notAfter(x.get()), o.not_after_days, 0, nullptr);
    set_name(X509_get_subject_name(x.get()), o.subject);
    X509* issuer = issuer_cert ? issuer_cert : x.get();
    X509_set_issuer_name(x.get(), X509_get_subject_name(issuer));
    X509_set_pubkey(x.get(), pub.handle().pkey.get());
    add_ext(x.get(), issuer, NID_basic_constraints, o.ca ? "critical,CA:TRUE" : "CA:FALSE");
    if (o.ca) add_ext(x.get(), issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
    if (!o.key_usage.empty()) add_ext(x.get(), issuer, NID_key_usage, o.key_usage);
    add_ext(x.get(), issuer, NID_subject_key_identifier, "hash");
    if (!o.san.empty()) {
      std::string s;
      for (const auto& v : o.san) s += (s.empty() ? "" : ",") + v;
      add_ext(x.get(), issuer, NID_subject_alt_name, s);
    }
    X509_sign(x.get(), signer.handle().pkey.get(), EVP_sha256());
    unsigned char* out = nullptr;
    const int len = i2d_X509(x.get(), &out);
    std::vector<uint8_t> der(out, out + len);
    OPENSSL_free(out);
    return *ike::crypto::Certificate::from_der(der);
  }

  ike::crypto::PrivateKey key_;
  ike::crypto::CertificatePtr cert_;
  long next_serial_ = 2;
};

}  // namespace ravelin::test
