#include "ike/wire/message.hpp"

#include <algorithm>

#include "ike/wire/byte_io.hpp"

namespace ravelin::ike::wire {

std::optional<uint16_t> Transform::key_length() const {
  for (const auto& a : attributes) {
    if (a.type == kAttrKeyLength && a.tv && a.value.size() == 2) return static_cast<uint16_t>(a.value[0] << 8 | a.value[1]);
  }
  return std::nullopt;
}

Transform Transform::make(TransformType type, uint16_t id, std::optional<uint16_t> key_bits) {
  Transform t;
  t.type = type;
  t.id = id;
  if (key_bits) {
    t.attributes.push_back(
        TransformAttribute{kAttrKeyLength, true, {static_cast<uint8_t>(*key_bits >> 8), static_cast<uint8_t>(*key_bits)}});
  }
  return t;
}

Bytes IdPayload::body() const {
  // Sized up front: GCC 12 at -O2 misreports insert() into a 4-element initializer-list vector.
  Bytes o(4 + data.size(), 0);
  o[0] = static_cast<uint8_t>(type);
  std::copy(data.begin(), data.end(), o.begin() + 4);
  return o;
}

const NotifyPayload* Message::find_notify(NotifyType type) const {
  for (const auto& p : payloads) {
    if (const auto* n = std::get_if<NotifyPayload>(&p.body); n != nullptr && n->type == type) return n;
  }
  return nullptr;
}

std::vector<const NotifyPayload*> Message::notifies() const {
  std::vector<const NotifyPayload*> out;
  for (const auto& p : payloads) {
    if (const auto* n = std::get_if<NotifyPayload>(&p.body)) out.push_back(n);
  }
  return out;
}

size_t Message::count(PayloadType type) const {
  size_t n = 0;
  for (const auto& p : payloads) n += p.type == type ? 1 : 0;
  return n;
}

Message& Message::add(PayloadType type, PayloadBody body, bool critical) {
  Payload p;
  p.type = type;
  p.critical = critical;
  p.body = std::move(body);
  payloads.push_back(std::move(p));
  return *this;
}

Message& Message::add_notify(NotifyType type, Bytes data, ProtocolId protocol, Bytes spi) {
  return add(PayloadType::Notify, NotifyPayload{protocol, std::move(spi), type, std::move(data)});
}

}  // namespace ravelin::ike::wire
