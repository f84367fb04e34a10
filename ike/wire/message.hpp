#pragma once
// The typed IKEv2 message (RFC 7296 §3): a header and a list of payloads, each a plain struct.
// Exchange code only ever sees these types; bytes become a Message in ike/wire/codec.hpp.
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "ike/wire/constants.hpp"
#include "platform/net/ip_address.hpp"

namespace ravelin::ike::wire {

using Bytes = std::vector<uint8_t>;

// RFC 7296 §3.1. `length` is filled by decode and ignored by encode (which computes it).
struct Header {
  uint64_t spi_i = 0;
  uint64_t spi_r = 0;
  uint8_t major_version = 2;
  uint8_t minor_version = 0;
  ExchangeType exchange = ExchangeType::IkeSaInit;
  bool initiator = false;  // I flag: sent by the original initiator of the IKE SA
  bool response = false;   // R flag
  bool version = false;    // V flag (never set by IKEv2 speakers)
  uint32_t message_id = 0;
  uint32_t length = 0;
};

// RFC 7296 §3.3.5. `tv` = the AF bit: a 2-byte value in `value`; otherwise TLV bytes in `value`.
struct TransformAttribute {
  uint16_t type = 0;
  bool tv = true;
  Bytes value;
};

// RFC 7296 §3.3.2. `id` is EncrId/PrfId/IntegId/KeGroup/EsnId depending on `type`.
struct Transform {
  TransformType type = TransformType::Encr;
  uint16_t id = 0;
  std::vector<TransformAttribute> attributes;
  // The Key Length attribute (bits), if present.
  [[nodiscard]] std::optional<uint16_t> key_length() const;
  static Transform make(TransformType type, uint16_t id, std::optional<uint16_t> key_bits = std::nullopt);
};

// RFC 7296 §3.3.1. `spi` is empty in an IKE_SA_INIT proposal, 8 bytes for an IKE rekey, 4 for ESP/AH.
struct Proposal {
  uint8_t number = 1;
  ProtocolId protocol = ProtocolId::Ike;
  Bytes spi;
  std::vector<Transform> transforms;
};

struct SaPayload {
  std::vector<Proposal> proposals;
};

// RFC 7296 §3.4.
struct KePayload {
  KeGroup group = KeGroup::None;
  Bytes data;
};

// RFC 7296 §3.5 (IDi and IDr; the payload type says which).
struct IdPayload {
  IdType type = IdType::Ipv4Addr;
  Bytes data;
  // The bytes covered by prf(SK_p, ...) in §2.15: ID Type, 3 reserved bytes, data.
  [[nodiscard]] Bytes body() const;
};

// RFC 7296 §3.6 and §3.7 (CERT and CERTREQ share a shape).
struct CertPayload {
  uint8_t encoding = static_cast<uint8_t>(CertEncoding::X509Signature);
  Bytes data;
};

// RFC 7296 §3.8.
struct AuthPayload {
  AuthMethod method = AuthMethod::SharedKeyMic;
  Bytes data;
};

// RFC 7296 §3.9 (Ni and Nr); 16..256 bytes.
struct NoncePayload {
  Bytes data;
};

// RFC 7296 §3.10.
struct NotifyPayload {
  ProtocolId protocol = ProtocolId::None;
  Bytes spi;
  NotifyType type = NotifyType::InitialContact;
  Bytes data;
};

// RFC 7296 §3.11. For IKE the SPI list is empty (the SA is the one the message is on).
struct DeletePayload {
  ProtocolId protocol = ProtocolId::Esp;
  uint8_t spi_size = 4;
  std::vector<Bytes> spis;
};

// RFC 7296 §3.12.
struct VendorPayload {
  Bytes id;
};

// RFC 7296 §3.13.1. Ports are inclusive; protocol 0 = any.
struct TrafficSelector {
  TsType type = TsType::Ipv4AddrRange;
  uint8_t ip_protocol = 0;
  uint16_t start_port = 0;
  uint16_t end_port = 65535;
  platform::IpAddress start;
  platform::IpAddress end;
  friend bool operator==(const TrafficSelector&, const TrafficSelector&) = default;
};

// RFC 7296 §3.13 (TSi and TSr).
struct TsPayload {
  std::vector<TrafficSelector> selectors;
};

// RFC 7296 §3.15.1.
struct CfgAttribute {
  uint16_t type = 0;
  Bytes value;
};
struct CpPayload {
  CfgType type = CfgType::Request;
  std::vector<CfgAttribute> attributes;
};

// RFC 7296 §3.16: the whole EAP message (Code, Identifier, Length, Type, data).
struct EapPayload {
  Bytes data;
};

// RFC 7296 §3.14 as received: IV || ciphertext || ICV (still protected). `first_inner` is the
// Next Payload field of the SK header = type of the first payload inside.
struct SkPayload {
  PayloadType first_inner = PayloadType::None;
  Bytes protected_body;
};

// RFC 7383 §2.5: one fragment; `first_inner` is non-zero only in fragment 1.
struct SkfPayload {
  PayloadType first_inner = PayloadType::None;
  uint16_t fragment_number = 1;
  uint16_t total_fragments = 1;
  Bytes protected_body;
};

// A payload type we do not know, with the critical bit clear (kept for logging, never interpreted).
struct UnknownPayload {
  uint8_t type = 0;
  Bytes body;
};

using PayloadBody = std::variant<SaPayload, KePayload, IdPayload, CertPayload, AuthPayload, NoncePayload,
                                 NotifyPayload, DeletePayload, VendorPayload, TsPayload, CpPayload, EapPayload,
                                 SkPayload, SkfPayload, UnknownPayload>;

struct Payload {
  PayloadType type = PayloadType::None;  // disambiguates IDi/IDr, TSi/TSr, CERT/CERTREQ
  bool critical = false;                 // the C bit as received / to send
  bool encrypted = false;                // set by decode: the payload came from inside SK/SKF
  PayloadBody body;
};

// A decoded or to-be-encoded message. On encode with SK protection, every payload goes inside SK.
struct Message {
  Header header;
  std::vector<Payload> payloads;

  // First payload of `type` holding `T`, or nullptr.
  template <typename T>
  [[nodiscard]] const T* find(PayloadType type) const {
    for (const auto& p : payloads) {
      if (p.type == type) {
        if (const auto* b = std::get_if<T>(&p.body)) return b;
      }
    }
    return nullptr;
  }
  // First Notify of `type`, or nullptr.
  [[nodiscard]] const NotifyPayload* find_notify(NotifyType type) const;
  // All notifies, in order.
  [[nodiscard]] std::vector<const NotifyPayload*> notifies() const;
  [[nodiscard]] size_t count(PayloadType type) const;

  // Builders (append and return *this).
  Message& add(PayloadType type, PayloadBody body, bool critical = false);
  Message& add_notify(NotifyType type, Bytes data = {}, ProtocolId protocol = ProtocolId::None, Bytes spi = {});
};

}  // namespace ravelin::ike::wire
