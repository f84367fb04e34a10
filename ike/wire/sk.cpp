// SK payload protection (RFC 7296 §3.14). The ICV (or AEAD tag) is verified before anything inside
// is decrypted or parsed; only then is the inner payload chain decoded.
#include "ike/wire/sk.hpp"

#include <string>

#include "ike/wire/byte_io.hpp"

namespace ravelin::ike::wire {
namespace {

Rejection reject(Counters& c, Reject code, std::string reason) {
  c.count(code);
  return Rejection{code, std::move(reason), std::nullopt, {}};
}

bool keys_usable(const SkKeys& k) { return k.cipher != nullptr && k.encr != nullptr && k.integ != nullptr; }

}  // namespace

Result<Bytes> encode_protected(const Message& message, const SkKeys& keys, crypto::Random& random) {
  if (!keys_usable(keys)) return make_error("SK keys not set");
  for (const auto& p : message.payloads) {
    if (p.type == PayloadType::Sk || p.type == PayloadType::Skf) return make_error("SK payload inside SK");
  }
  PayloadType first = PayloadType::None;
  const Bytes inner = encode_payloads(message.payloads, &first);
  const size_t sealed = keys.cipher->sealed_size(inner.size());
  const size_t total = kHeaderSize + kGenericPayloadHeaderSize + sealed;
  if (total > 0xffff) return make_error("protected message of " + std::to_string(total) + " bytes is too large");
  Bytes out;
  out.reserve(total);
  encode_header(message.header, PayloadType::Sk, static_cast<uint32_t>(total), out);
  detail::put8(out, static_cast<uint8_t>(first));
  detail::put8(out, 0);
  detail::put16(out, static_cast<uint16_t>(kGenericPayloadHeaderSize + sealed));
  const Bytes iv = random.bytes(keys.cipher->iv_size());
  auto body = keys.cipher->seal(out, inner, iv, *keys.encr, *keys.integ);
  if (!body) return body.error();
  if (body->size() != sealed) return make_error("SK seal produced an unexpected length");
  detail::put(out, *body);
  return out;
}

Decoded unprotect(const Message& outer, std::span<const uint8_t> datagram, const SkKeys& keys, Counters& c,
                  const Limits& limits) {
  if (outer.payloads.empty()) return reject(c, Reject::BadPayloadSyntax, "no SK payload to open");
  const auto* sk = std::get_if<SkPayload>(&outer.payloads.back().body);
  if (sk == nullptr) return reject(c, Reject::BadPayloadSyntax, "no SK payload to open");
  if (!keys_usable(keys)) return reject(c, Reject::DecryptFailed, "no keys for the SK payload");
  const size_t sk_total = kGenericPayloadHeaderSize + sk->protected_body.size();
  if (datagram.size() < kHeaderSize + sk_total) return reject(c, Reject::BadPayloadLength, "datagram shorter than SK");
  // AAD / ICV input: from the IKE header to the end of the SK payload header (§3.14, RFC 5282 §5.1).
  const auto aad = datagram.first(datagram.size() - sk->protected_body.size());
  auto plain = keys.cipher->open(aad, sk->protected_body, *keys.encr, *keys.integ);
  if (!plain) {
    const bool integrity = plain.error().message.rfind("integrity", 0) == 0;
    return reject(c, integrity ? Reject::IntegrityFailed : Reject::DecryptFailed, plain.error().message);
  }
  auto inner = decode_payload_chain(outer.header, sk->first_inner, plain->view(), true, c, limits);
  if (!inner.ok()) return inner;
  Message m;
  m.header = outer.header;
  m.payloads.assign(outer.payloads.begin(), outer.payloads.end() - 1);
  for (auto& p : inner.value().payloads) m.payloads.push_back(std::move(p));
  if (m.payloads.size() > limits.max_payloads) {
    return reject(c, Reject::TooManyPayloads, "more than " + std::to_string(limits.max_payloads) + " payloads");
  }
  ++c.unprotected;
  return m;
}

Decoded decode_protected(std::span<const uint8_t> datagram, const SkKeys& keys, Counters& c, const Limits& limits) {
  auto outer = decode(datagram, c, limits);
  if (!outer.ok() || outer->payloads.empty() || outer->payloads.back().type != PayloadType::Sk) return outer;
  return unprotect(outer.value(), datagram, keys, c, limits);
}

}  // namespace ravelin::ike::wire
