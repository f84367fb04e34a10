// Message-level decode and encode (RFC 7296 §3.1, §3.2): header checks, the payload chain, the
// critical bit, caps. Payload bodies are in payload_decode.cpp / payload_encode.cpp.
#include "ike/wire/codec.hpp"

#include <string>

#include "ike/wire/byte_io.hpp"
#include "ike/wire/payload_codec.hpp"

namespace ravelin::ike::wire {
namespace {

using detail::Reader;

Rejection reject(Counters& c, Reject code, std::string reason, std::optional<NotifyType> notify = std::nullopt,
                 Bytes notify_data = {}) {
  c.count(code);
  return Rejection{code, std::move(reason), notify, std::move(notify_data)};
}

// Malformed payloads are answered with INVALID_SYNTAX (§2.21.1 for IKE_SA_INIT it is best ignored; the
// engine decides whether to send it).
Rejection syntax(Counters& c, Reject code, std::string reason) {
  return reject(c, code, std::move(reason), NotifyType::InvalidSyntax);
}

bool known_exchange(uint8_t t) { return t >= 34 && t <= 37; }

// SKF body (RFC 7383 §2.5): Fragment Number, Total Fragments, then IV || ciphertext || ICV.
std::variant<PayloadBody, Rejection> decode_skf(PayloadType first, std::span<const uint8_t> body, Counters& c) {
  Reader r(body);
  SkfPayload f;
  f.first_inner = first;
  if (!r.u16(f.fragment_number) || !r.u16(f.total_fragments)) {
    return syntax(c, Reject::BadPayloadSyntax, "truncated SKF payload");
  }
  if (f.fragment_number == 0 || f.total_fragments == 0 || f.fragment_number > f.total_fragments) {
    return syntax(c, Reject::BadPayloadSyntax, "SKF fragment " + std::to_string(f.fragment_number) + " of " +
                                                   std::to_string(f.total_fragments));
  }
  // RFC 7383 §2.5: only the first fragment names the first inner payload.
  if ((f.fragment_number == 1) != (first != PayloadType::None)) {
    return syntax(c, Reject::BadPayloadSyntax, "SKF Next Payload must be set in fragment 1 only");
  }
  f.protected_body.assign(r.rest().begin(), r.rest().end());
  return PayloadBody{std::move(f)};
}

}  // namespace

std::string_view reject_name(Reject r) {
  static constexpr std::string_view kNames[] = {
      "too_short",         "too_large",          "length_mismatch",      "bad_major_version",
      "unknown_exchange",  "bad_payload_length", "bad_payload_syntax",   "too_many_payloads",
      "too_many_notifies", "too_many_delete_spis", "too_many_selectors", "too_many_proposals",
      "unsupported_critical", "sk_not_last",     "nested_sk",            "integrity_failed",
      "decrypt_failed",    "presence_missing",   "presence_too_many",    "presence_unexpected",
      "presence_not_encrypted",
  };
  static_assert(std::size(kNames) == kRejectCount);
  const auto i = static_cast<size_t>(r);
  return i < kRejectCount ? kNames[i] : "unknown";
}

uint64_t Counters::total_rejected() const {
  uint64_t t = 0;
  for (uint64_t v : rejected) t += v;
  return t;
}

std::optional<Header> peek_header(std::span<const uint8_t> d) {
  Reader r(d);
  Header h;
  uint8_t next = 0, version = 0, exchange = 0, flags = 0;
  if (!r.u64(h.spi_i) || !r.u64(h.spi_r) || !r.u8(next) || !r.u8(version) || !r.u8(exchange) || !r.u8(flags) ||
      !r.u32(h.message_id) || !r.u32(h.length)) {
    return std::nullopt;
  }
  h.major_version = version >> 4;
  h.minor_version = version & 0x0f;
  h.exchange = static_cast<ExchangeType>(exchange);
  h.initiator = (flags & kFlagInitiator) != 0;
  h.version = (flags & kFlagVersion) != 0;
  h.response = (flags & kFlagResponse) != 0;
  return h;
}

Decoded decode(std::span<const uint8_t> d, Counters& c, const Limits& lim) {
  if (d.size() < kHeaderSize) return reject(c, Reject::TooShort, std::to_string(d.size()) + " bytes, under a header");
  if (d.size() > lim.max_message) return reject(c, Reject::TooLarge, std::to_string(d.size()) + " bytes");
  const Header h = *peek_header(d);  // size checked above
  // §2.5: a major version above 2 is answered with INVALID_MAJOR_VERSION; minor is ignored.
  if (h.major_version != 2) {
    return reject(c, Reject::BadMajorVersion, "major version " + std::to_string(h.major_version),
                  NotifyType::InvalidMajorVersion, Bytes{0x20});
  }
  if (h.length != d.size()) {
    return reject(c, Reject::LengthMismatch,
                  "header length " + std::to_string(h.length) + " but " + std::to_string(d.size()) + " bytes");
  }
  if (!known_exchange(static_cast<uint8_t>(h.exchange))) {
    return reject(c, Reject::UnknownExchange, "exchange type " + std::to_string(static_cast<unsigned>(h.exchange)));
  }
  auto m = decode_payload_chain(h, static_cast<PayloadType>(d[16]), d.subspan(kHeaderSize), false, c, lim);
  if (m.ok()) ++c.decoded;
  return m;
}

Decoded decode_payload_chain(Header header, PayloadType first, std::span<const uint8_t> bytes, bool inside_sk,
                             Counters& c, const Limits& lim) {
  Message m;
  m.header = header;
  Reader r(bytes);
  PayloadType type = first;
  size_t notifies = 0;
  while (type != PayloadType::None) {
    if (m.payloads.size() >= lim.max_payloads) {
      return reject(c, Reject::TooManyPayloads, "more than " + std::to_string(lim.max_payloads) + " payloads");
    }
    uint8_t next = 0, flags = 0;
    uint16_t length = 0;
    std::span<const uint8_t> body;
    if (!r.u8(next) || !r.u8(flags) || !r.u16(length) || length < kGenericPayloadHeaderSize ||
        !r.take(length - kGenericPayloadHeaderSize, body)) {
      return syntax(c, Reject::BadPayloadLength,
                    std::string(payload_name(type)) + " payload length " + std::to_string(length) + " is invalid");
    }
    Payload p;
    p.type = type;
    p.critical = (flags & 0x80) != 0;
    p.encrypted = inside_sk;
    const auto t = static_cast<uint8_t>(type);
    if (type == PayloadType::Sk || type == PayloadType::Skf) {
      if (inside_sk) return syntax(c, Reject::NestedSk, "SK payload inside SK");
      // §3.14: SK is the last payload; its Next Payload names the first payload inside.
      if (r.remaining() != 0) return syntax(c, Reject::SkNotLast, "bytes after the SK payload");
      if (type == PayloadType::Sk) {
        p.body = SkPayload{static_cast<PayloadType>(next), Bytes(body.begin(), body.end())};
      } else {
        auto skf = decode_skf(static_cast<PayloadType>(next), body, c);
        if (auto* rej = std::get_if<Rejection>(&skf)) return std::move(*rej);
        p.body = std::move(std::get<PayloadBody>(skf));
      }
      m.payloads.push_back(std::move(p));
      return m;
    }
    if (!detail::is_known_payload(t)) {
      // §2.5: unknown critical payload -> UNSUPPORTED_CRITICAL_PAYLOAD carrying its type; otherwise skip.
      if (p.critical) {
        return reject(c, Reject::UnsupportedCritical, "unknown critical payload type " + std::to_string(t),
                      NotifyType::UnsupportedCriticalPayload, Bytes{t});
      }
      ++c.skipped_unknown_noncritical;
      p.body = UnknownPayload{t, Bytes(body.begin(), body.end())};
    } else {
      auto res = detail::decode_body(type, body, lim);
      if (auto* e = std::get_if<detail::BodyError>(&res)) {
        return syntax(c, e->code, std::string(payload_name(type)) + ": " + e->reason);
      }
      p.body = std::move(std::get<PayloadBody>(res));
      if (type == PayloadType::Notify && ++notifies > lim.max_notifies) {
        return reject(c, Reject::TooManyNotifies, "more than " + std::to_string(lim.max_notifies) + " notifies");
      }
    }
    m.payloads.push_back(std::move(p));
    type = static_cast<PayloadType>(next);
  }
  if (r.remaining() != 0) {
    return syntax(c, Reject::BadPayloadLength, std::to_string(r.remaining()) + " bytes after the last payload");
  }
  return m;
}

void encode_header(const Header& h, PayloadType first, uint32_t total_length, Bytes& o) {
  detail::put64(o, h.spi_i);
  detail::put64(o, h.spi_r);
  detail::put8(o, static_cast<uint8_t>(first));
  detail::put8(o, static_cast<uint8_t>(h.major_version << 4 | (h.minor_version & 0x0f)));
  detail::put8(o, static_cast<uint8_t>(h.exchange));
  detail::put8(o, static_cast<uint8_t>((h.initiator ? kFlagInitiator : 0) | (h.version ? kFlagVersion : 0) |
                                       (h.response ? kFlagResponse : 0)));
  detail::put32(o, h.message_id);
  detail::put32(o, total_length);
}

Bytes encode_payloads(const std::vector<Payload>& payloads, PayloadType* first) {
  Bytes o;
  if (first != nullptr) *first = payloads.empty() ? PayloadType::None : payloads.front().type;
  for (size_t i = 0; i < payloads.size(); ++i) {
    const Payload& p = payloads[i];
    PayloadType next = i + 1 < payloads.size() ? payloads[i + 1].type : PayloadType::None;
    // SK/SKF: the Next Payload field names the first inner payload (§3.14, RFC 7383 §2.5).
    if (const auto* sk = std::get_if<SkPayload>(&p.body)) next = sk->first_inner;
    if (const auto* skf = std::get_if<SkfPayload>(&p.body)) next = skf->first_inner;
    const size_t start = o.size();
    detail::put8(o, static_cast<uint8_t>(next));
    detail::put8(o, p.critical ? 0x80 : 0);
    detail::put16(o, 0);
    detail::encode_body(p, o);
    detail::patch16(o, start + 2, o.size() - start);
  }
  return o;
}

Bytes encode(const Message& m) {
  PayloadType first = PayloadType::None;
  const Bytes body = encode_payloads(m.payloads, &first);
  Bytes o;
  o.reserve(kHeaderSize + body.size());
  encode_header(m.header, first, static_cast<uint32_t>(kHeaderSize + body.size()), o);
  detail::put(o, body);
  return o;
}

}  // namespace ravelin::ike::wire
