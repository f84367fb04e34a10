#pragma once
// The typed, immutable IKEv2 configuration the engine consumes. The IOS and ASA command sets both
// translate their running-config trees into this one shape (DESIGN.md "One declaration per command");
// tests build it directly. Algorithms are IANA numbers (RFC 7296 §3.3.2) listed in the operator's
// preference order, which is the order the initiator offers and the responder selects in (§2.7).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ike/crypto/pki_key.hpp"
#include "ike/crypto/x509.hpp"
#include "ipsec/sa/child_sa.hpp"
#include "ipsec/ts/traffic_selector.hpp"
#include "platform/clock.hpp"
#include "platform/net/ip_address.hpp"

namespace ravelin::ike::config {

// IANA transform IDs used by the config (a subset the crypto suite implements).
namespace encr {
inline constexpr uint16_t kAesCbc = 12;
inline constexpr uint16_t kAesGcm16 = 20;
inline constexpr uint16_t kChaCha20Poly1305 = 28;
}  // namespace encr
namespace prf {
inline constexpr uint16_t kHmacSha1 = 2;
inline constexpr uint16_t kHmacSha256 = 5;
inline constexpr uint16_t kHmacSha384 = 6;
inline constexpr uint16_t kHmacSha512 = 7;
}  // namespace prf
namespace integ {
inline constexpr uint16_t kNone = 0;
inline constexpr uint16_t kHmacSha1_96 = 2;
inline constexpr uint16_t kHmacSha256_128 = 12;
inline constexpr uint16_t kHmacSha384_192 = 13;
inline constexpr uint16_t kHmacSha512_256 = 14;
}  // namespace integ

struct Encryption {
  uint16_t id = encr::kAesCbc;
  uint16_t key_bits = 256;
  friend bool operator==(const Encryption&, const Encryption&) = default;
};

// `crypto ikev2 proposal NAME`.
struct IkeProposal {
  std::string name;
  std::vector<Encryption> encryption;
  std::vector<uint16_t> integrity;  // empty for AEAD-only proposals
  std::vector<uint16_t> prf;        // empty: derived from integrity, as IOS does
  std::vector<uint16_t> groups;
};

// `crypto ikev2 policy NAME`: which proposals apply for which local addresses.
struct IkePolicy {
  std::string name;
  std::vector<platform::IpAddress> match_address_local;  // empty = any
  std::vector<std::string> proposals;
};

// §3.5. DerAsn1Dn: `value` is the DN text ("cn=r1,o=example"); `identity local dn` leaves it empty
// and the engine sends the subject of the profile's certificate.
enum class IdType : uint8_t { Ipv4 = 1, Fqdn = 2, Rfc822 = 3, Ipv6 = 5, DerAsn1Dn = 9, KeyId = 11 };

struct Identity {
  IdType type = IdType::Ipv4;
  std::string value;  // text form: address, host name, user@domain, key id
  static Identity address(const platform::IpAddress& a);
  [[nodiscard]] std::string to_string() const;  // "10.0.0.1", "fqdn r1.example", ...
  friend bool operator==(const Identity&, const Identity&) = default;
};

// `match identity remote ...` entry: exact, or a domain suffix for fqdn/email (`domain` keyword), or an
// address prefix for address identities.
struct IdentityMatch {
  enum class Kind : uint8_t { Any, Address, Fqdn, FqdnDomain, Email, EmailDomain, KeyId } kind = Kind::Any;
  std::optional<platform::Prefix> prefix;
  std::string value;
  [[nodiscard]] bool matches(const Identity& id) const;
};

// `peer NAME` inside `crypto ikev2 keyring NAME`. Secrets never leave the engine's key derivation.
struct KeyringPeer {
  std::string name;
  std::optional<platform::Prefix> address;
  std::optional<std::string> hostname;
  std::optional<Identity> identity;
  std::string pre_shared_key_local;   // what we sign with (`pre-shared-key [local] KEY`)
  std::string pre_shared_key_remote;  // what the peer signs with (`pre-shared-key [remote] KEY`)
};

struct Keyring {
  std::string name;
  std::vector<KeyringPeer> peers;
};

enum class DpdMode : uint8_t { OnDemand, Periodic };

struct Dpd {
  uint32_t interval_seconds = 0;  // 0 = disabled
  uint32_t retry_seconds = 2;
  DpdMode mode = DpdMode::OnDemand;
};

// `authentication local|remote pre-share|rsa-sig|ecdsa-sig` (IOS); the ASA's `certificate` is
// Certificate: a signature with whatever key the certificate holds (RSA or ECDSA).
enum class AuthMethod : uint8_t { PreShare, RsaSig, EcdsaSig, Certificate };

// `crypto key generate rsa|ec ... label L`: the private key loaded from the key store (never printed).
struct KeyPair {
  std::string label;
  std::shared_ptr<const crypto::PrivateKey> key;
};

enum class Revocation : uint8_t { None, Crl };

// `crypto pki trustpoint NAME` with its `crypto pki certificate chain NAME` (IOS) or
// `crypto ca trustpoint` / `crypto ca certificate chain` (ASA).
struct Trustpoint {
  std::string name;
  std::string enrollment = "terminal";  // "terminal", "selfsigned" or the URL (stored, never fetched)
  std::string subject_name;             // `subject-name cn=...` (for enrollment requests)
  Revocation revocation = Revocation::None;
  std::string key_label;                // `rsakeypair L` / `eckeypair L`; default: the router's key
  std::vector<crypto::CertificatePtr> ca_certificates;  // `certificate ca SERIAL`
  crypto::CertificatePtr certificate;                   // ours: `certificate SERIAL`
  std::vector<crypto::CrlPtr> crls;                     // `revocation-check crl` sources
};

// `crypto pki certificate map NAME SEQ` with `subject-name co cisco`-style rules (IOS). Entries of one
// map are alternatives (any may match); the rules of one entry must all hold.
struct CertificateMapRule {
  enum class Field : uint8_t { SubjectName, IssuerName, AltSubjectName } field = Field::SubjectName;
  enum class Op : uint8_t { Eq, Ne, Co, Nc } op = Op::Co;
  std::string value;  // compared case-insensitively
};
struct CertificateMapEntry {
  std::string map;
  uint32_t seq = 10;
  std::vector<CertificateMapRule> rules;
  [[nodiscard]] bool matches(const crypto::Certificate& cert) const;
};

// `crypto ikev2 profile NAME`.
struct Profile {
  std::string name;
  std::vector<IdentityMatch> match_identity_remote;
  std::vector<platform::IpAddress> match_address_local;  // empty = any
  // ASA: an L2L tunnel-group named by an address is chosen by the peer's source address whatever
  // identity it sends (the tunnel-group-map's peer-ip rule), e.g. a DN with certificates.
  std::vector<platform::Prefix> match_address_remote;
  std::optional<Identity> identity_local;               // default: our address
  AuthMethod authentication_local = AuthMethod::PreShare;
  AuthMethod authentication_remote = AuthMethod::PreShare;
  std::string keyring;
  // `pki trustpoint NAME [sign|verify]`: trustpoints whose certificate we send and sign with, and
  // whose CA certificates verify the peer (no keyword: both).
  std::vector<std::string> trustpoints_sign;
  std::vector<std::string> trustpoints_verify;
  std::string match_certificate;  // `match certificate MAP`: the peer certificate selects the profile
  uint32_t lifetime_seconds = 86400;
  std::optional<Dpd> dpd;  // overrides the global one
};

// `crypto ipsec transform-set NAME esp-... ` / ASA `crypto ipsec ikev2 ipsec-proposal`.
struct TransformSet {
  std::string name;
  std::vector<Encryption> encryption;
  std::vector<uint16_t> integrity;  // integ::kNone for AEAD
  ipsec::sa::Mode mode = ipsec::sa::Mode::Tunnel;
};

// `crypto map NAME SEQ ipsec-isakmp` with its ACL already resolved to selector pairs.
struct CryptoMapEntry {
  std::string map_name;
  uint32_t seq = 0;
  std::vector<platform::IpAddress> peers;  // first reachable is used when initiating
  platform::IpAddress local_address;       // the interface address the map is applied on
  ipsec::ts::TrafficSelectors local_ts;    // ACL sources
  ipsec::ts::TrafficSelectors remote_ts;   // ACL destinations
  std::vector<std::string> transform_sets;
  std::string profile;           // ikev2 profile name; empty = chosen by identity
  uint16_t pfs_group = 0;        // `set pfs groupN`, 0 = none
  uint32_t lifetime_seconds = 3600;
  uint64_t lifetime_kilobytes = 4608000;
  // From `crypto map M SEQ ipsec-isakmp dynamic D` (IOS) / `crypto dynamic-map` (ASA): `peers` is
  // empty and any peer may connect (responder only); selectors, when empty, are the peer's proposal.
  bool dynamic = false;
  [[nodiscard]] uint32_t id() const;  // stable id (reqid) from name and sequence
};

struct IkeConfig {
  std::vector<IkeProposal> proposals;
  std::vector<IkePolicy> policies;
  std::vector<Keyring> keyrings;
  std::vector<Profile> profiles;
  std::vector<TransformSet> transform_sets;
  std::vector<CryptoMapEntry> crypto_map;
  Dpd dpd;                                   // `crypto ikev2 dpd` global
  uint32_t window_size = 1;                  // `crypto ikev2 window size N` (1..20)
  std::optional<uint32_t> cookie_challenge;  // `crypto ikev2 cookie-challenge N`
  std::optional<uint32_t> max_in_negotiation_sa;  // `crypto ikev2 limit max-in-negotiation-sa N`
  uint32_t nat_keepalive_seconds = 0;        // `crypto ikev2 nat keepalive N`, 0 = off
  std::vector<Trustpoint> trustpoints;
  std::vector<KeyPair> key_pairs;
  std::vector<CertificateMapEntry> certificate_maps;  // by map name, then sequence
  // Certificate validity is checked against this clock; nullptr = the system's wall clock.
  std::shared_ptr<const platform::WallClock> pki_clock;

  [[nodiscard]] const IkeProposal* find_proposal(std::string_view name) const;
  [[nodiscard]] const Keyring* find_keyring(std::string_view name) const;
  [[nodiscard]] const Profile* find_profile(std::string_view name) const;
  [[nodiscard]] const TransformSet* find_transform_set(std::string_view name) const;
  [[nodiscard]] const Trustpoint* find_trustpoint(std::string_view name) const;
  [[nodiscard]] const KeyPair* find_key_pair(std::string_view label) const;
  // The entries of certificate map `name` in sequence order.
  [[nodiscard]] std::vector<const CertificateMapEntry*> certificate_map(std::string_view name) const;
  [[nodiscard]] crypto::WallTime pki_now() const;
  // The proposals that apply to a local address, in policy order; the IOS default proposal list when
  // no policy names one.
  [[nodiscard]] std::vector<const IkeProposal*> proposals_for(const platform::IpAddress& local) const;
  // The static entry naming `peer` (lowest sequence first), else the lowest-sequence dynamic entry
  // (IOS consults a dynamic map only when no static entry matched), else nullptr.
  [[nodiscard]] const CryptoMapEntry* map_entry_for_peer(const platform::IpAddress& peer) const;
  [[nodiscard]] const CryptoMapEntry* find_map_entry(uint32_t id) const;
};

using IkeConfigPtr = std::shared_ptr<const IkeConfig>;

}  // namespace ravelin::ike::config
