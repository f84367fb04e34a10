#pragma once
// The declarative presence table (DESIGN.md "parse at the edge"): for each (exchange, request or
// response) which payloads are required, how many of each may appear, and which must have been
// inside SK. check_presence() runs after decode/unprotect and before any exchange code.
#include <cstdint>
#include <optional>
#include <span>

#include "ike/wire/codec.hpp"

namespace ravelin::ike::wire {

struct PresenceRule {
  PayloadType type = PayloadType::None;
  uint8_t min = 0;             // 1 = required
  uint8_t max = 1;             // maximum count (kMany = bounded only by Limits)
  bool must_be_encrypted = false;
  static constexpr uint8_t kMany = 255;
};

// Rules for the message kind; a payload type with no rule is "unexpected" (PresenceUnexpected),
// except UnknownPayload (already screened for the critical bit by decode).
[[nodiscard]] std::span<const PresenceRule> presence_rules(ExchangeType exchange, bool response);

// Checks `message` (already unprotected) against its rules. Required payloads are not required in a
// response that carries an error notify (§2.21: such a response may carry nothing else), nor in an
// IKE_SA_INIT response carrying COOKIE or INVALID_KE_PAYLOAD (§2.6, §1.2), nor AUTH when EAP is used
// (§2.16). Also: SA, TSi and TSr in IKE_AUTH come all together or not at all.
// Returns nullopt when the message is acceptable; otherwise counts the rejection and returns it.
[[nodiscard]] std::optional<Rejection> check_presence(const Message& message, Counters& counters);

}  // namespace ravelin::ike::wire
