#pragma once
// Signatures for IKEv2 AUTH (RFC 7296 §2.15/§3.8, RFC 4754, RFC 7427): the primitive sign/verify over
// RSA PKCS#1 v1.5, RSASSA-PSS and ECDSA, the RFC 7427 AlgorithmIdentifier blobs, and the choice of
// AUTH method for a key. The signed data is the whole <InitiatorSignedOctets>/<ResponderSignedOctets>.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ike/crypto/pki_key.hpp"
#include "ike/wire/constants.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {

enum class SigHash : uint8_t { Sha1, Sha256, Sha384, Sha512 };
enum class SigScheme : uint8_t { RsaPkcs1, RsaPss, Ecdsa };
// How an ECDSA signature is encoded: r||s fixed size (RFC 4754, methods 9-11) or DER Ecdsa-Sig-Value
// (RFC 7427 §3 for method 14).
enum class EcdsaFormat : uint8_t { Raw, Der };

struct SignatureAlgorithm {
  SigScheme scheme = SigScheme::RsaPkcs1;
  SigHash hash = SigHash::Sha256;
  friend bool operator==(const SignatureAlgorithm&, const SignatureAlgorithm&) = default;
};

// RSASSA-PSS uses MGF1 with the same hash and a salt as long as the hash (RFC 7427 Appendix A.4).
[[nodiscard]] Result<Bytes> sign(const PrivateKey& key, SignatureAlgorithm alg, std::span<const uint8_t> data,
                                 EcdsaFormat ecdsa = EcdsaFormat::Der);
[[nodiscard]] Status verify(const PublicKey& key, SignatureAlgorithm alg, std::span<const uint8_t> data,
                            std::span<const uint8_t> signature, EcdsaFormat ecdsa = EcdsaFormat::Der);

// RFC 7427 §3: the AUTH data of method 14 is <length octet> <AlgorithmIdentifier DER> <signature>.
// The DER AlgorithmIdentifier we send for `alg` (SHA-1 is never sent; RFC 8247 §3.2).
[[nodiscard]] Bytes algorithm_identifier(SignatureAlgorithm alg);
// The algorithm of a received AlgorithmIdentifier (exact DER match against the ones we know, with and
// without the NULL parameters for RSA), or nullopt.
[[nodiscard]] std::optional<SignatureAlgorithm> parse_algorithm_identifier(std::span<const uint8_t> der);

// RFC 7427 §4: SIGNATURE_HASH_ALGORITHMS values.
inline constexpr uint16_t kHashSha1 = 1;
inline constexpr uint16_t kHashSha256 = 2;
inline constexpr uint16_t kHashSha384 = 3;
inline constexpr uint16_t kHashSha512 = 4;

// An AUTH payload's method and data.
struct AuthSignature {
  wire::AuthMethod method = wire::AuthMethod::DigitalSignature;
  Bytes data;
};

// Signs `octets` for an AUTH payload. With `peer_hashes` (the peer's SIGNATURE_HASH_ALGORITHMS, RFC
// 7427 §4) holding a usable hash, method 14 with the strongest common of SHA-256/384/512 (RSA: PKCS#1
// v1.5, or PSS when `rsa_pss`); otherwise the classic method for the key: 1 (RSA, SHA-1, §3.8) or 9/10/11
// (ECDSA on P-256/384/521 with SHA-256/384/512, RFC 4754).
[[nodiscard]] Result<AuthSignature> sign_auth(const PrivateKey& key, std::span<const uint8_t> octets,
                                              const std::optional<std::vector<uint16_t>>& peer_hashes,
                                              bool rsa_pss = false);
// Verifies a received AUTH signature (methods 1, 9, 10, 11, 14) with the peer's public key. The error
// says why ("AUTH method 9 needs a P-256 key", "signature does not verify").
[[nodiscard]] Status verify_auth(const PublicKey& key, wire::AuthMethod method, std::span<const uint8_t> auth_data,
                                 std::span<const uint8_t> octets);

}  // namespace ravelin::ike::crypto
