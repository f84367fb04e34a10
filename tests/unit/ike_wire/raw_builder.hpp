#pragma once
// Hand-built (possibly malformed) datagrams for rejection tests.
#include <algorithm>
#include <initializer_list>
#include <span>

#include "ike/wire/codec.hpp"

namespace ravelin::ike::wire::test {

// A generic payload: Next Payload, C bit, length (computed unless `length_override`), body.
// (Built into a pre-sized vector: GCC 12 -O2 misreports insert() after push_back here.)
inline Bytes gp(PayloadType next, std::span<const uint8_t> body, bool critical = false, int length_override = -1) {
  Bytes o(4 + body.size(), 0);
  const size_t len = length_override >= 0 ? static_cast<size_t>(length_override) : body.size() + 4;
  o[0] = static_cast<uint8_t>(next);
  o[1] = static_cast<uint8_t>(critical ? 0x80 : 0);
  o[2] = static_cast<uint8_t>(len >> 8);
  o[3] = static_cast<uint8_t>(len);
  std::copy(body.begin(), body.end(), o.begin() + 4);
  return o;
}
inline Bytes gp(PayloadType next, std::initializer_list<uint8_t> body, bool critical = false, int length_override = -1) {
  return gp(next, std::span<const uint8_t>(body.begin(), body.size()), critical, length_override);
}
inline Bytes gp(PayloadType next, const Bytes& body, bool critical = false) {
  return gp(next, std::span<const uint8_t>(body), critical, -1);
}

inline Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes o;
  for (const auto& p : parts) o.insert(o.end(), p.begin(), p.end());
  return o;
}

// IKE header + chain; length is the true size unless overridden.
inline Bytes datagram(ExchangeType x, PayloadType first, const Bytes& chain, bool response = false,
                      uint8_t version = 0x20, long length_override = -1) {
  Header h;
  h.spi_i = 0xa1a2a3a4a5a6a7a8;
  h.spi_r = 0xb1b2b3b4b5b6b7b8;
  h.exchange = x;
  h.initiator = !response;
  h.response = response;
  Bytes o;
  const auto len = static_cast<uint32_t>(length_override >= 0 ? length_override : long(kHeaderSize + chain.size()));
  encode_header(h, first, len, o);
  o[17] = version;
  o.insert(o.end(), chain.begin(), chain.end());
  return o;
}

}  // namespace ravelin::ike::wire::test
