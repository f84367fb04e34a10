#pragma once
// X.509 certificates and CRLs for IKE certificate authentication (RFC 7296 §3.6, RFC 5280): parse
// PEM/DER, read what identity matching and `show crypto pki certificates` need, and verify a peer's
// chain against a trustpoint's CA certificates at a given wall-clock time.
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ike/crypto/pki_key.hpp"
#include "platform/net/ip_address.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {

struct X509Handle;  // ike/crypto/pki_ossl.hpp
struct CrlHandle;

using WallTime = std::chrono::system_clock::time_point;

class Certificate;
using CertificatePtr = std::shared_ptr<const Certificate>;

class Certificate {
 public:
  [[nodiscard]] static Result<CertificatePtr> from_der(std::span<const uint8_t> der);
  // Every "CERTIFICATE" block in `pem`, in order (at least one, else an error).
  [[nodiscard]] static Result<std::vector<CertificatePtr>> from_pem(std::string_view pem);

  [[nodiscard]] const Bytes& der() const { return der_; }
  [[nodiscard]] std::string pem() const;
  // RFC 2253-like, most significant RDN first as IOS prints it: "cn=r1.example.com,o=Example".
  [[nodiscard]] std::string subject() const;
  [[nodiscard]] std::string issuer() const;
  // DER of the subject Name: the data of an ID_DER_ASN1_DN identity (RFC 7296 §3.5).
  [[nodiscard]] Bytes subject_der() const;
  [[nodiscard]] std::string serial_hex() const;  // upper-case hex, no separators ("01", "5A3F")
  [[nodiscard]] WallTime not_before() const;
  [[nodiscard]] WallTime not_after() const;
  [[nodiscard]] bool is_ca() const;  // basicConstraints cA
  // subjectAltName entries.
  [[nodiscard]] std::vector<std::string> san_dns() const;
  [[nodiscard]] std::vector<std::string> san_email() const;
  [[nodiscard]] std::vector<platform::IpAddress> san_ip() const;
  [[nodiscard]] Result<PublicKey> public_key() const;
  // SHA-1 of the DER SubjectPublicKeyInfo: how a CERTREQ names a CA (RFC 7296 §3.7).
  [[nodiscard]] Bytes spki_sha1() const;
  [[nodiscard]] const X509Handle& handle() const { return *h_; }

  Certificate(std::shared_ptr<const X509Handle> h, Bytes der) : h_(std::move(h)), der_(std::move(der)) {}

 private:
  std::shared_ptr<const X509Handle> h_;
  Bytes der_;
};

// The text form Certificate::subject() uses, of a DER Name (an ID_DER_ASN1_DN identity's data).
[[nodiscard]] Result<std::string> dn_text(std::span<const uint8_t> der);

// A certificate revocation list (`revocation-check crl`), PEM or DER.
class Crl;
using CrlPtr = std::shared_ptr<const Crl>;
class Crl {
 public:
  [[nodiscard]] static Result<CrlPtr> parse(std::span<const uint8_t> pem_or_der);
  [[nodiscard]] const CrlHandle& handle() const { return *h_; }
  explicit Crl(std::shared_ptr<const CrlHandle> h) : h_(std::move(h)) {}

 private:
  std::shared_ptr<const CrlHandle> h_;
};

struct ChainCheck {
  std::vector<CertificatePtr> anchors;        // the trustpoint's CA certificate(s)
  std::vector<CertificatePtr> intermediates;  // what the peer sent besides its end-entity certificate
  std::vector<CrlPtr> crls;                   // checked against the end-entity certificate when non-empty
  WallTime now{};                             // validity is checked at this time
};

// Ok when `leaf` chains to one of `anchors`, every certificate is valid at `now` and (with CRLs) the
// leaf is not revoked. The error says why, in OpenSSL's words plus the failing subject:
// "certificate has expired (cn=r2)".
[[nodiscard]] Status verify_chain(const Certificate& leaf, const ChainCheck& check);

}  // namespace ravelin::ike::crypto
