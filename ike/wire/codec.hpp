#pragma once
// Bytes <-> typed Message (RFC 7296 §3). Strict: every length, count and cap is checked before a
// field is interpreted; nothing from the wire is ever asserted on. Every rejection increments one
// named counter and carries a reason string and, where the RFC says so, the notify to answer with.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "ike/wire/message.hpp"

namespace ravelin::ike::wire {

// Why a message was rejected. One counter per value (Counters).
enum class Reject : uint8_t {
  TooShort,              // fewer bytes than an IKE header
  TooLarge,              // over Limits::max_message
  LengthMismatch,        // header Length != datagram size
  BadMajorVersion,       // major version != 2 (answer INVALID_MAJOR_VERSION, §2.5)
  UnknownExchange,       // exchange type not one of §3.1
  BadPayloadLength,      // a payload length runs past the message or is below its fixed part
  BadPayloadSyntax,      // a payload's body is inconsistent (counts, sizes, reserved types)
  TooManyPayloads,       // over Limits::max_payloads
  TooManyNotifies,       // over Limits::max_notifies
  TooManyDeleteSpis,     // over Limits::max_delete_spis
  TooManySelectors,      // over Limits::max_selectors
  TooManyProposals,      // over Limits::max_proposals / max_transforms / max_attributes
  UnsupportedCritical,   // unknown payload with the critical bit (answer UNSUPPORTED_CRITICAL_PAYLOAD)
  SkNotLast,             // SK/SKF must be the last payload (§3.14)
  NestedSk,              // SK inside SK
  IntegrityFailed,       // ICV / AEAD tag does not verify (silently dropped, §2.21.2)
  DecryptFailed,         // bad padding, bad length for the cipher
  PresenceMissing,       // a required payload is absent
  PresenceTooMany,       // a payload appears more often than allowed
  PresenceUnexpected,    // a payload that this exchange never carries
  PresenceNotEncrypted,  // a payload that must be inside SK was outside
  kCount,
};
inline constexpr size_t kRejectCount = static_cast<size_t>(Reject::kCount);

// "too_short", "integrity_failed", ... (stable names for `show` and logs).
[[nodiscard]] std::string_view reject_name(Reject r);

// Named counters the engine can show; one per Reject plus the accepted total.
struct Counters {
  std::array<uint64_t, kRejectCount> rejected{};
  uint64_t decoded = 0;      // messages that passed decode
  uint64_t unprotected = 0;  // SK bodies that verified and decrypted
  uint64_t skipped_unknown_noncritical = 0;

  [[nodiscard]] uint64_t operator[](Reject r) const { return rejected[static_cast<size_t>(r)]; }
  [[nodiscard]] uint64_t total_rejected() const;
  void count(Reject r) { ++rejected[static_cast<size_t>(r)]; }
};

// A rejection: which counter, a human reason, and the notify the RFC tells us to answer with (if any).
struct Rejection {
  Reject code = Reject::BadPayloadSyntax;
  std::string reason;
  std::optional<NotifyType> notify;  // e.g. InvalidSyntax, UnsupportedCriticalPayload, InvalidMajorVersion
  Bytes notify_data;                 // e.g. the 1-byte payload type for UNSUPPORTED_CRITICAL_PAYLOAD
};

// Caps against resource exhaustion (anchors-ike §6). Defaults are generous for real peers.
struct Limits {
  size_t max_message = 65535;
  size_t max_payloads = 64;
  size_t max_notifies = 32;
  size_t max_delete_spis = 256;
  size_t max_selectors = 64;
  size_t max_proposals = 32;
  size_t max_transforms = 64;   // per proposal
  size_t max_attributes = 8;    // per transform
  size_t max_cfg_attributes = 64;
};

// A decoded Message or a Rejection.
class [[nodiscard]] Decoded {
 public:
  Decoded(Message m) : v_(std::move(m)) {}    // NOLINT(google-explicit-constructor)
  Decoded(Rejection r) : v_(std::move(r)) {}  // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  Message& value() & { return std::get<0>(v_); }
  const Message& value() const& { return std::get<0>(v_); }
  Message&& value() && { return std::get<0>(std::move(v_)); }
  Message* operator->() { return &std::get<0>(v_); }
  const Message* operator->() const { return &std::get<0>(v_); }
  [[nodiscard]] const Rejection& rejection() const { return std::get<1>(v_); }

 private:
  std::variant<Message, Rejection> v_;
};

// Parses only the fixed header (for SPI lookup before the full decode). nullopt if under 28 bytes.
[[nodiscard]] std::optional<Header> peek_header(std::span<const uint8_t> datagram);

// Decodes a whole datagram (without the 4-byte non-ESP marker of port 4500). An SK/SKF payload is
// kept protected as SkPayload/SkfPayload (it must be last); use ike/wire/sk.hpp to open it.
// Unknown non-critical payloads are kept as UnknownPayload; unknown critical ones are rejected.
[[nodiscard]] Decoded decode(std::span<const uint8_t> datagram, Counters& counters, const Limits& limits = {});

// Decodes a chain of payloads starting with `first` (used for the plaintext inside SK). Payloads get
// `encrypted = inside_sk`.
[[nodiscard]] Decoded decode_payload_chain(Header header, PayloadType first, std::span<const uint8_t> bytes,
                                           bool inside_sk, Counters& counters, const Limits& limits = {});

// Encodes header + payloads; Header::length and Next Payload fields are computed.
[[nodiscard]] Bytes encode(const Message& message);

// Encodes only the payload chain (generic headers + bodies) of `payloads`; `first` gets the type
// of the first one. Used to build the SK plaintext.
[[nodiscard]] Bytes encode_payloads(const std::vector<Payload>& payloads, PayloadType* first);

// Encodes the 28-byte header with the given first payload type and total length.
void encode_header(const Header& header, PayloadType first, uint32_t total_length, Bytes& out);

}  // namespace ravelin::ike::wire
