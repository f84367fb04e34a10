// AUTH payload signatures: method choice, RFC 7427 AlgorithmIdentifier blobs (see signature.hpp).
#include <algorithm>
#include <array>

#include "ike/crypto/signature.hpp"

namespace ravelin::ike::crypto {

namespace {

using wire::AuthMethod;

// DER AlgorithmIdentifiers of RFC 7427 Appendix A. OIDs: pkcs-1 (1.2.840.113549.1.1.x), ecdsa-with-SHA2
// (1.2.840.10045.4.3.x), RSASSA-PSS with hash, MGF1(hash) and a salt as long as the hash.
struct KnownAlgorithm {
  SignatureAlgorithm alg;
  Bytes der;
  bool send;  // false: accepted on receipt only
};

Bytes pss(uint8_t hash_oid_last, uint8_t salt) {
  const uint8_t h = hash_oid_last;
  return {0x30, 0x41, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a,  // id-RSASSA-PSS
          0x30, 0x34,                                                                  // RSASSA-PSS-params
          0xa0, 0x0f, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, h, 0x05, 0x00,
          0xa1, 0x1c, 0x30, 0x1a, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08,  // id-mgf1
          0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, h, 0x05, 0x00,
          0xa2, 0x03, 0x02, 0x01, salt};
}

Bytes pkcs1(uint8_t last, bool with_null) {
  Bytes b{0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, last, 0x05, 0x00};
  if (!with_null) {
    b.resize(13);
    b[1] = 0x0b;
  }
  return b;
}

Bytes ecdsa(uint8_t last) { return {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, last}; }

const std::vector<KnownAlgorithm>& known() {
  using S = SigScheme;
  using H = SigHash;
  static const std::vector<KnownAlgorithm> table = {
      {{S::RsaPkcs1, H::Sha256}, pkcs1(0x0b, true), true},   {{S::RsaPkcs1, H::Sha384}, pkcs1(0x0c, true), true},
      {{S::RsaPkcs1, H::Sha512}, pkcs1(0x0d, true), true},   {{S::RsaPkcs1, H::Sha1}, pkcs1(0x05, true), false},
      {{S::RsaPkcs1, H::Sha256}, pkcs1(0x0b, false), false}, {{S::RsaPkcs1, H::Sha384}, pkcs1(0x0c, false), false},
      {{S::RsaPkcs1, H::Sha512}, pkcs1(0x0d, false), false}, {{S::Ecdsa, H::Sha256}, ecdsa(0x02), true},
      {{S::Ecdsa, H::Sha384}, ecdsa(0x03), true},            {{S::Ecdsa, H::Sha512}, ecdsa(0x04), true},
      {{S::RsaPss, H::Sha256}, pss(0x01, 32), true},         {{S::RsaPss, H::Sha384}, pss(0x02, 48), true},
      {{S::RsaPss, H::Sha512}, pss(0x03, 64), true},
  };
  return table;
}

uint16_t hash_number(SigHash h) {
  switch (h) {
    case SigHash::Sha1: return kHashSha1;
    case SigHash::Sha256: return kHashSha256;
    case SigHash::Sha384: return kHashSha384;
    case SigHash::Sha512: return kHashSha512;
  }
  return 0;
}

// Classic methods: the curve fixes the hash (RFC 4754 §3).
std::optional<std::pair<AuthMethod, SigHash>> ecdsa_method(const std::string& curve) {
  if (curve == "P-256") return std::make_pair(AuthMethod::EcdsaP256, SigHash::Sha256);
  if (curve == "P-384") return std::make_pair(AuthMethod::EcdsaP384, SigHash::Sha384);
  if (curve == "P-521") return std::make_pair(AuthMethod::EcdsaP521, SigHash::Sha512);
  return std::nullopt;
}

// Hashes in our order of preference for a key: the one matching an EC curve first, then SHA-256 up.
std::vector<SigHash> preferred_hashes(const PrivateKey& key) {
  std::vector<SigHash> order{SigHash::Sha256, SigHash::Sha384, SigHash::Sha512};
  if (auto m = ecdsa_method(key.curve())) {
    std::stable_partition(order.begin(), order.end(), [&](SigHash h) { return h == m->second; });
  }
  return order;
}

}  // namespace

Bytes algorithm_identifier(SignatureAlgorithm alg) {
  for (const auto& k : known()) {
    if (k.send && k.alg == alg) return k.der;
  }
  return {};
}

std::optional<SignatureAlgorithm> parse_algorithm_identifier(std::span<const uint8_t> der) {
  for (const auto& k : known()) {
    if (std::equal(k.der.begin(), k.der.end(), der.begin(), der.end())) return k.alg;
  }
  return std::nullopt;
}

Result<AuthSignature> sign_auth(const PrivateKey& key, std::span<const uint8_t> octets,
                                const std::optional<std::vector<uint16_t>>& peer_hashes, bool rsa_pss) {
  const bool ec = key.type() == KeyType::Ec;
  if (peer_hashes) {
    for (SigHash h : preferred_hashes(key)) {
      if (std::find(peer_hashes->begin(), peer_hashes->end(), hash_number(h)) == peer_hashes->end()) continue;
      const SignatureAlgorithm alg{ec ? SigScheme::Ecdsa : rsa_pss ? SigScheme::RsaPss : SigScheme::RsaPkcs1, h};
      auto sig = sign(key, alg, octets, EcdsaFormat::Der);
      if (!sig) return sig.error();
      const Bytes ai = algorithm_identifier(alg);
      AuthSignature out{AuthMethod::DigitalSignature, {}};
      out.data.push_back(static_cast<uint8_t>(ai.size()));
      out.data.insert(out.data.end(), ai.begin(), ai.end());
      out.data.insert(out.data.end(), sig->begin(), sig->end());
      return out;
    }
  }
  if (ec) {
    auto m = ecdsa_method(key.curve());
    if (!m) return make_error("no AUTH method for curve " + key.curve());
    auto sig = sign(key, {SigScheme::Ecdsa, m->second}, octets, EcdsaFormat::Raw);
    if (!sig) return sig.error();
    return AuthSignature{m->first, std::move(*sig)};
  }
  // RFC 7296 §3.8 method 1: RSASSA-PKCS1-v1_5; the hash is SHA-1 (as every implementation does).
  auto sig = sign(key, {SigScheme::RsaPkcs1, SigHash::Sha1}, octets);
  if (!sig) return sig.error();
  return AuthSignature{AuthMethod::RsaSig, std::move(*sig)};
}

Status verify_auth(const PublicKey& key, AuthMethod method, std::span<const uint8_t> data,
                   std::span<const uint8_t> octets) {
  switch (method) {
    case AuthMethod::RsaSig:
      if (key.type() != KeyType::Rsa) return make_error("AUTH method 1 (RSA) but the certificate key is EC");
      return verify(key, {SigScheme::RsaPkcs1, SigHash::Sha1}, octets, data);
    case AuthMethod::EcdsaP256:
    case AuthMethod::EcdsaP384:
    case AuthMethod::EcdsaP521: {
      auto m = ecdsa_method(key.curve());
      if (!m || m->first != method) {
        return make_error("AUTH method " + std::to_string(static_cast<int>(method)) +
                          " does not fit the certificate key (" + (key.curve().empty() ? "RSA" : key.curve()) + ")");
      }
      return verify(key, {SigScheme::Ecdsa, m->second}, octets, data, EcdsaFormat::Raw);
    }
    case AuthMethod::DigitalSignature: {
      // RFC 7427 §3: one length octet, the AlgorithmIdentifier, then the signature.
      if (data.empty() || data[0] == 0 || data.size() <= 1u + data[0]) return make_error("malformed digital signature AUTH");
      auto alg = parse_algorithm_identifier(data.subspan(1, data[0]));
      if (!alg) return make_error("unsupported signature algorithm in AUTH");
      if (alg->hash == SigHash::Sha1) return make_error("SHA-1 digital signatures are refused (RFC 8247)");
      return verify(key, *alg, octets, data.subspan(1u + data[0]), EcdsaFormat::Der);
    }
    default:
      return make_error("AUTH method " + std::to_string(static_cast<int>(method)) + " is not a signature method");
  }
}

}  // namespace ravelin::ike::crypto
