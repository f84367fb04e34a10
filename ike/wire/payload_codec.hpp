#pragma once
// Internal to ike/wire: per-payload body decoders/encoders (the part after the generic header).
#include <span>
#include <string>
#include <variant>

#include "ike/wire/codec.hpp"

namespace ravelin::ike::wire::detail {

struct BodyError {
  Reject code = Reject::BadPayloadSyntax;
  std::string reason;
};
using BodyResult = std::variant<PayloadBody, BodyError>;

// True for the payload types this codec decodes (RFC 7296 §3.2 + SKF).
[[nodiscard]] bool is_known_payload(uint8_t type);

// Decodes the body of a known, non-SK payload. SK/SKF are handled by the chain decoder.
[[nodiscard]] BodyResult decode_body(PayloadType type, std::span<const uint8_t> body, const Limits& limits);

// Appends the body of `p` (without the generic header).
void encode_body(const Payload& p, Bytes& out);

}  // namespace ravelin::ike::wire::detail
