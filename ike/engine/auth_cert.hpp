#pragma once
// IKE_AUTH authentication by either method, per side (RFC 7296 §2.15, RFC 7427): what we send (ID,
// CERT, CERTREQ, AUTH) and the check of what the peer sent (AUTH method allowed by the profile, PSK
// MAC, or certificate chain to a verify trustpoint + identity bound to the certificate + signature).
// Used by x_auth.cpp for both roles; every failure is a sentence for the Failure event.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ike/config/ike_config.hpp"
#include "ike/crypto/prf.hpp"
#include "ike/crypto/secret_bytes.hpp"
#include "ike/wire/message.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::engine {

// The pieces of §2.15's <SignedOctets> that do not depend on the ID: the message and the nonce, and
// the SK_p that MACs the ID.
struct SignedParts {
  const crypto::Prf* prf = nullptr;
  const crypto::SecretBytes* sk_p = nullptr;   // SK_pi for the initiator's AUTH, SK_pr for the responder's
  std::span<const uint8_t> real_message;        // our (or the peer's) IKE_SA_INIT message
  std::span<const uint8_t> nonce;               // the other side's nonce
};

// Our half of IKE_AUTH.
struct OurAuth {
  config::Identity identity;                 // what `show crypto ikev2 sa` calls the local identity
  wire::IdPayload id;
  std::vector<wire::CertPayload> certs;      // our certificate when we sign
  std::optional<wire::CertPayload> certreq;  // the CAs we trust when the peer must sign (§3.7)
  wire::AuthPayload auth;
};

// `psk` is the keyring's local key (required for pre-share); `peer_hashes` the peer's
// SIGNATURE_HASH_ALGORITHMS (empty = not announced: classic methods 1/9/10/11).
[[nodiscard]] Result<OurAuth> build_our_auth(const config::IkeConfig& cfg, const config::Profile& prof,
                                             const config::KeyringPeer* psk, const platform::IpAddress& local,
                                             const SignedParts& parts, const std::vector<uint16_t>& peer_hashes);

// The identity an ID payload names, including ID_DER_ASN1_DN (as the certificate's DN text).
[[nodiscard]] std::optional<config::Identity> identity_of(const wire::IdPayload& id);

// The peer's end-entity certificate (the first X.509 CERT payload), if it sent one that parses.
[[nodiscard]] crypto::CertificatePtr peer_certificate(const wire::Message& msg);

// Whether `prof`'s `match certificate MAP` selects a peer presenting `cert`.
[[nodiscard]] bool certificate_map_matches(const config::IkeConfig& cfg, const config::Profile& prof,
                                           const crypto::Certificate* cert);

// Checks the peer's AUTH against the profile's remote method. `psk` is the keyring peer (needed for
// pre-share). The error is the reason, e.g. "certificate has expired (cn=r2)".
[[nodiscard]] Status verify_peer_auth(const config::IkeConfig& cfg, const config::Profile& prof,
                                      const config::KeyringPeer* psk, const wire::Message& msg,
                                      const wire::IdPayload& id, const wire::AuthPayload& auth,
                                      const SignedParts& parts);

}  // namespace ravelin::ike::engine
