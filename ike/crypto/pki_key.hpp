#pragma once
// Asymmetric keys for certificate authentication (issue 12): RSA and EC (P-256/P-384/P-521) private
// keys generated here or loaded from PEM/DER, and public keys from a certificate or a
// SubjectPublicKeyInfo. Values are immutable and cheap to copy (shared handle). A private key's PEM is
// secret: it is written only to the 0600 key store and never logged or printed.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ike/crypto/secret_bytes.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {

enum class KeyType : uint8_t { Rsa, Ec };

struct PkeyHandle;  // ike/crypto/pki_ossl.hpp (OpenSSL's EVP_PKEY)

class PublicKey {
 public:
  // DER SubjectPublicKeyInfo (X.509 §4.1.2.7).
  [[nodiscard]] static Result<PublicKey> from_spki_der(std::span<const uint8_t> der);
  [[nodiscard]] KeyType type() const;
  [[nodiscard]] int bits() const;              // RSA modulus / EC field size
  [[nodiscard]] std::string curve() const;     // "P-256", "P-384", "P-521"; empty for RSA
  [[nodiscard]] Bytes spki_der() const;
  [[nodiscard]] std::string pem() const;       // "-----BEGIN PUBLIC KEY-----" block
  [[nodiscard]] bool same_key(const PublicKey& other) const;
  [[nodiscard]] const PkeyHandle& handle() const { return *h_; }
  explicit PublicKey(std::shared_ptr<const PkeyHandle> h) : h_(std::move(h)) {}

 private:
  std::shared_ptr<const PkeyHandle> h_;
};

class PrivateKey {
 public:
  // RSA with a modulus of `bits` (IOS `crypto key generate rsa modulus N`: 512..4096; we refuse < 1024).
  [[nodiscard]] static Result<PrivateKey> generate_rsa(int bits);
  // EC on P-256, P-384 or P-521 (`crypto key generate ec keysize 256|384`).
  [[nodiscard]] static Result<PrivateKey> generate_ec(int bits);
  // PEM (PKCS#8, traditional RSA/EC) or DER; encrypted PEM is refused.
  [[nodiscard]] static Result<PrivateKey> from_pem(std::string_view pem);
  [[nodiscard]] static Result<PrivateKey> from_der(std::span<const uint8_t> der);

  [[nodiscard]] KeyType type() const;
  [[nodiscard]] int bits() const;
  [[nodiscard]] std::string curve() const;
  [[nodiscard]] PublicKey public_key() const;
  // Unencrypted PKCS#8 PEM, in wiping storage. Only for the key store file.
  [[nodiscard]] SecretBytes pem() const;
  [[nodiscard]] const PkeyHandle& handle() const { return *h_; }
  explicit PrivateKey(std::shared_ptr<const PkeyHandle> h) : h_(std::move(h)) {}

 private:
  std::shared_ptr<const PkeyHandle> h_;
};

}  // namespace ravelin::ike::crypto
