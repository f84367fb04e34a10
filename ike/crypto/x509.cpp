// X.509 parsing and chain verification over OpenSSL 3 (see x509.hpp).
#include "ike/crypto/x509.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <ctime>

#include "ike/crypto/openssl_evp.hpp"
#include "ike/crypto/pki_ossl.hpp"

namespace ravelin::ike::crypto {

namespace {

using pki_detail::last_error;

Result<CertificatePtr> wrap(X509* raw) {
  if (raw == nullptr) return make_error(last_error("not an X.509 certificate"));
  auto h = std::make_shared<X509Handle>();
  h->cert.reset(raw);
  unsigned char* out = nullptr;
  const int n = i2d_X509(raw, &out);
  if (n <= 0) return make_error("cannot encode certificate");
  Bytes der(out, out + n);
  OPENSSL_free(out);
  return std::make_shared<const Certificate>(std::move(h), std::move(der));
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "cn=r1,o=Example": RDNs in DER order (most significant first), short names in lower case.
std::string name_text(const X509_NAME* name) {
  std::string out;
  const int n = X509_NAME_entry_count(name);
  for (int i = 0; i < n; ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(e));
    const char* sn = nid == NID_undef ? "oid" : OBJ_nid2sn(nid);
    unsigned char* utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));
    std::string value = len > 0 ? std::string(reinterpret_cast<char*>(utf8), static_cast<size_t>(len)) : "";
    OPENSSL_free(utf8);
    if (!out.empty()) out += ",";
    out += (nid == NID_pkcs9_emailAddress ? std::string("e") : lower(sn)) + "=" + value;
  }
  return out;
}

WallTime wall(const ASN1_TIME* t) {
  struct tm tm = {};
  if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return WallTime{};
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// subjectAltName entries of one GENERAL_NAME type, as raw strings.
std::vector<std::string> san_strings(const X509* x, int type) {
  std::vector<std::string> out;
  using Names = std::unique_ptr<GENERAL_NAMES, void (*)(GENERAL_NAMES*)>;
  Names names(static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(x, NID_subject_alt_name, nullptr, nullptr)),
              [](GENERAL_NAMES* g) { GENERAL_NAMES_free(g); });
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* g = sk_GENERAL_NAME_value(names.get(), i);
    if (g->type != type) continue;
    const ASN1_STRING* s = type == GEN_IPADD ? g->d.iPAddress : g->d.ia5;
    out.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)), static_cast<size_t>(ASN1_STRING_length(s)));
  }
  return out;
}

}  // namespace

Result<CertificatePtr> Certificate::from_der(std::span<const uint8_t> der) {
  const unsigned char* p = der.data();
  X509* raw = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  if (raw != nullptr && p != der.data() + der.size()) {
    X509_free(raw);
    return make_error("trailing bytes after the certificate");
  }
  return wrap(raw);
}

Result<std::vector<CertificatePtr>> Certificate::from_pem(std::string_view pem) {
  auto bio = pki_detail::mem_bio(pem.data(), pem.size());
  if (!bio) return make_error("out of memory");
  std::vector<CertificatePtr> out;
  // Bounded by the input: each round consumes one PEM block.
  for (size_t i = 0; i < 64; ++i) {
    X509* raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (raw == nullptr) break;
    auto c = wrap(raw);
    if (!c) return c.error();
    out.push_back(*c);
  }
  ERR_clear_error();  // the end of input shows up as a "no start line" error
  if (out.empty()) return make_error("no PEM certificate found");
  return out;
}

std::string Certificate::pem() const {
  BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || PEM_write_bio_X509(bio.get(), h_->cert.get()) != 1) return {};
  return pki_detail::bio_text(bio.get());
}

std::string Certificate::subject() const { return name_text(X509_get_subject_name(h_->cert.get())); }
std::string Certificate::issuer() const { return name_text(X509_get_issuer_name(h_->cert.get())); }

Bytes Certificate::subject_der() const {
  unsigned char* out = nullptr;
  const int n = i2d_X509_NAME(X509_get_subject_name(h_->cert.get()), &out);
  if (n <= 0) return {};
  Bytes der(out, out + n);
  OPENSSL_free(out);
  return der;
}

std::string Certificate::serial_hex() const {
  using BnPtr = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
  BnPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(h_->cert.get()), nullptr), &BN_free);
  if (!bn) return {};
  char* hex = BN_bn2hex(bn.get());
  std::string s = hex ? hex : "";
  OPENSSL_free(hex);
  return s;
}

WallTime Certificate::not_before() const { return wall(X509_get0_notBefore(h_->cert.get())); }
WallTime Certificate::not_after() const { return wall(X509_get0_notAfter(h_->cert.get())); }
bool Certificate::is_ca() const { return X509_check_ca(h_->cert.get()) > 0; }

std::vector<std::string> Certificate::san_dns() const { return san_strings(h_->cert.get(), GEN_DNS); }
std::vector<std::string> Certificate::san_email() const { return san_strings(h_->cert.get(), GEN_EMAIL); }

std::vector<platform::IpAddress> Certificate::san_ip() const {
  std::vector<platform::IpAddress> out;
  for (const auto& raw : san_strings(h_->cert.get(), GEN_IPADD)) {
    const auto* p = reinterpret_cast<const uint8_t*>(raw.data());
    if (auto a = platform::IpAddress::from_bytes(std::span<const uint8_t>(p, raw.size()))) out.push_back(*a);
  }
  return out;
}

Result<PublicKey> Certificate::public_key() const {
  EVP_PKEY* k = X509_get_pubkey(h_->cert.get());  // a new reference
  if (k == nullptr) return make_error(last_error("certificate has no usable public key"));
  auto h = std::make_shared<PkeyHandle>();
  h->pkey.reset(k);
  return PublicKey(std::move(h));
}

Bytes Certificate::spki_sha1() const {
  auto key = public_key();
  if (!key) return {};
  const Bytes spki = key->spki_der();
  Bytes out(20);
  if (!ossl::digest(ossl::Digest::Sha1, spki, out)) return {};
  return out;
}

Result<std::string> dn_text(std::span<const uint8_t> der) {
  const unsigned char* p = der.data();
  using NamePtr = std::unique_ptr<X509_NAME, decltype(&X509_NAME_free)>;
  NamePtr name(d2i_X509_NAME(nullptr, &p, static_cast<long>(der.size())), &X509_NAME_free);
  if (!name || p != der.data() + der.size()) {
    ERR_clear_error();
    return make_error("not a DER distinguished name");
  }
  return name_text(name.get());
}

Result<CrlPtr> Crl::parse(std::span<const uint8_t> data) {
  auto h = std::make_shared<CrlHandle>();
  auto bio = pki_detail::mem_bio(data.data(), data.size());
  if (!bio) return make_error("out of memory");
  h->crl.reset(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
  if (!h->crl) {
    ERR_clear_error();
    const unsigned char* p = data.data();
    h->crl.reset(d2i_X509_CRL(nullptr, &p, static_cast<long>(data.size())));
  }
  if (!h->crl) return make_error(last_error("not a PEM or DER CRL"));
  return std::make_shared<const Crl>(std::move(h));
}

}  // namespace ravelin::ike::crypto
