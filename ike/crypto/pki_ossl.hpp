#pragma once
// Internal to ike/crypto: the OpenSSL handles behind PrivateKey/PublicKey/Certificate and small
// helpers shared by pki_key.cpp, x509*.cpp and signature.cpp. Never include outside ike/crypto.
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

#include "ike/crypto/secret_bytes.hpp"

namespace ravelin::ike::crypto {

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

struct PkeyHandle {
  PkeyPtr pkey{nullptr, &EVP_PKEY_free};
};

struct X509Handle {
  X509Ptr cert{nullptr, &X509_free};
};

namespace pki_detail {
// A read-only memory BIO over `data` (valid while `data` lives).
BioPtr mem_bio(const void* data, size_t size);
// Everything written to a memory BIO, as text.
std::string bio_text(BIO* bio);
// The oldest error on OpenSSL's queue as text (queue cleared), or `fallback`.
std::string last_error(const std::string& fallback);
}  // namespace pki_detail

}  // namespace ravelin::ike::crypto

namespace ravelin::ike::crypto {
using CrlPtrRaw = std::unique_ptr<X509_CRL, decltype(&X509_CRL_free)>;
struct CrlHandle {
  CrlPtrRaw crl{nullptr, &X509_CRL_free};
};
}  // namespace ravelin::ike::crypto
