#pragma once
// IKEv2 protocol numbers (RFC 7296 §3 and the IANA "IKEv2 Parameters" registry), named as in the RFC.
// Enums are open: a value received from the wire that has no enumerator is kept as its number.
#include <cstdint>
#include <string_view>

namespace ravelin::ike::wire {

// RFC 7296 §3.1 Exchange Type.
enum class ExchangeType : uint8_t {
  IkeSaInit = 34,
  IkeAuth = 35,
  CreateChildSa = 36,
  Informational = 37,
};

// RFC 7296 §3.2 Payload Type ("Next Payload"); SKF is RFC 7383.
enum class PayloadType : uint8_t {
  None = 0,
  Sa = 33,
  Ke = 34,
  IdI = 35,
  IdR = 36,
  Cert = 37,
  CertReq = 38,
  Auth = 39,
  Nonce = 40,  // Ni and Nr
  Notify = 41,
  Delete = 42,
  Vendor = 43,
  TsI = 44,
  TsR = 45,
  Sk = 46,
  Cp = 47,
  Eap = 48,
  Skf = 53,
};

// RFC 7296 §3.3.1 Protocol ID (SA proposals, Notify, Delete).
enum class ProtocolId : uint8_t { None = 0, Ike = 1, Ah = 2, Esp = 3 };

// RFC 7296 §3.3.2 Transform Type.
enum class TransformType : uint8_t { Encr = 1, Prf = 2, Integ = 3, Ke = 4, Esn = 5 };

// Transform Type 1 IDs used here (RFC 7296, RFC 5282, RFC 7634).
enum class EncrId : uint16_t {
  Null = 11,
  AesCbc = 12,
  AesGcm8 = 18,
  AesGcm12 = 19,
  AesGcm16 = 20,
  ChaCha20Poly1305 = 28,
};
// Transform Type 2 IDs.
enum class PrfId : uint16_t { HmacMd5 = 1, HmacSha1 = 2, AesXcbc = 4, HmacSha2_256 = 5, HmacSha2_384 = 6, HmacSha2_512 = 7 };
// Transform Type 3 IDs.
enum class IntegId : uint16_t {
  None = 0,
  HmacMd5_96 = 1,
  HmacSha1_96 = 2,
  AesXcbc96 = 5,
  HmacSha2_256_128 = 12,
  HmacSha2_384_192 = 13,
  HmacSha2_512_256 = 14,
};
// Transform Type 4 IDs (key exchange method / Diffie-Hellman group).
enum class KeGroup : uint16_t {
  None = 0,
  Modp768 = 1,
  Modp1024 = 2,
  Modp1536 = 5,
  Modp2048 = 14,
  Modp3072 = 15,
  Modp4096 = 16,
  Ecp256 = 19,
  Ecp384 = 20,
  Ecp521 = 21,
  Curve25519 = 31,
  Curve448 = 32,
};
// Transform Type 5 IDs.
enum class EsnId : uint16_t { NoEsn = 0, Esn = 1 };

// RFC 7296 §3.3.5 Transform attribute types (only Key Length is defined; always TV format).
inline constexpr uint16_t kAttrKeyLength = 14;

// RFC 7296 §3.5 ID Type.
enum class IdType : uint8_t { Ipv4Addr = 1, Fqdn = 2, Rfc822Addr = 3, Ipv6Addr = 5, DerAsn1Dn = 9, DerAsn1Gn = 10, KeyId = 11 };

// RFC 7296 §3.8 Auth Method (9, 14 from RFC 7427 / RFC 4754).
enum class AuthMethod : uint8_t { RsaSig = 1, SharedKeyMic = 2, DssSig = 3, EcdsaP256 = 9, EcdsaP384 = 10, EcdsaP521 = 11, DigitalSignature = 14 };

// RFC 7296 §3.6 Certificate Encoding (subset).
enum class CertEncoding : uint8_t { X509Signature = 4, HashAndUrlX509 = 12 };

// RFC 7296 §3.13.1 TS Type.
enum class TsType : uint8_t { Ipv4AddrRange = 7, Ipv6AddrRange = 8 };

// RFC 7296 §3.15 CFG Type and attribute types (subset).
enum class CfgType : uint8_t { Request = 1, Reply = 2, Set = 3, Ack = 4 };
enum class CfgAttr : uint16_t {
  InternalIp4Address = 1,
  InternalIp4Netmask = 2,
  InternalIp4Dns = 3,
  InternalIp4Nbns = 4,
  InternalIp4Dhcp = 6,
  ApplicationVersion = 7,
  InternalIp6Address = 8,
  InternalIp6Dns = 10,
  InternalIp4Subnet = 13,
  SupportedAttributes = 14,
  InternalIp6Subnet = 15,
};

// RFC 7296 §3.10.1 Notify Message Types; error types are < 16384, status types >= 16384.
enum class NotifyType : uint16_t {
  UnsupportedCriticalPayload = 1,
  InvalidIkeSpi = 4,
  InvalidMajorVersion = 5,
  InvalidSyntax = 7,
  InvalidMessageId = 9,
  InvalidSpi = 11,
  NoProposalChosen = 14,
  InvalidKePayload = 17,
  AuthenticationFailed = 24,
  SinglePairRequired = 34,
  NoAdditionalSas = 35,
  InternalAddressFailure = 36,
  FailedCpRequired = 37,
  TsUnacceptable = 38,
  InvalidSelectors = 39,
  TemporaryFailure = 43,
  ChildSaNotFound = 44,
  InitialContact = 16384,
  SetWindowSize = 16385,
  AdditionalTsPossible = 16386,
  IpcompSupported = 16387,
  NatDetectionSourceIp = 16388,
  NatDetectionDestinationIp = 16389,
  Cookie = 16390,
  UseTransportMode = 16391,
  HttpCertLookupSupported = 16392,
  RekeySa = 16393,
  EspTfcPaddingNotSupported = 16394,
  NonFirstFragmentsAlso = 16395,
  MobikeSupported = 16396,
  MultipleAuthSupported = 16404,
  RedirectSupported = 16406,
  IkeFragmentationSupported = 16430,
  SignatureHashAlgorithms = 16431,
};

[[nodiscard]] inline bool is_error_notify(NotifyType t) { return static_cast<uint16_t>(t) < 16384; }

// RFC 7296 §3.1 header flags.
inline constexpr uint8_t kFlagInitiator = 0x08;
inline constexpr uint8_t kFlagVersion = 0x10;
inline constexpr uint8_t kFlagResponse = 0x20;

inline constexpr size_t kHeaderSize = 28;
inline constexpr size_t kGenericPayloadHeaderSize = 4;

// Names for logs and `show` output ("IKE_SA_INIT", "NO_PROPOSAL_CHOSEN", "SA"); numbers for unknowns.
[[nodiscard]] std::string_view exchange_name(ExchangeType t);
[[nodiscard]] std::string_view payload_name(PayloadType t);
[[nodiscard]] std::string_view notify_name(NotifyType t);  // "" when unknown

}  // namespace ravelin::ike::wire
