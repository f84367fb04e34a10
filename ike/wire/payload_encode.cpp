// Payload body encoders: the exact inverse of payload_decode.cpp.
#include "ike/wire/byte_io.hpp"
#include "ike/wire/payload_codec.hpp"

namespace ravelin::ike::wire::detail {
namespace {

void encode_transform(const Transform& t, bool last, Bytes& o) {
  const size_t start = o.size();
  put8(o, last ? 0 : 3);
  put8(o, 0);
  put16(o, 0);  // length, patched
  put8(o, static_cast<uint8_t>(t.type));
  put8(o, 0);
  put16(o, t.id);
  for (const auto& a : t.attributes) {
    if (a.tv) {
      put16(o, static_cast<uint16_t>(0x8000 | a.type));
      const uint16_t v = a.value.size() >= 2 ? static_cast<uint16_t>(a.value[0] << 8 | a.value[1]) : 0;
      put16(o, v);
    } else {
      put16(o, a.type & 0x7fff);
      put16(o, static_cast<uint16_t>(a.value.size()));
      put(o, a.value);
    }
  }
  patch16(o, start + 2, o.size() - start);
}

void encode_sa(const SaPayload& sa, Bytes& o) {
  for (size_t i = 0; i < sa.proposals.size(); ++i) {
    const Proposal& p = sa.proposals[i];
    const size_t start = o.size();
    put8(o, i + 1 == sa.proposals.size() ? 0 : 2);
    put8(o, 0);
    put16(o, 0);
    put8(o, p.number);
    put8(o, static_cast<uint8_t>(p.protocol));
    put8(o, static_cast<uint8_t>(p.spi.size()));
    put8(o, static_cast<uint8_t>(p.transforms.size()));
    put(o, p.spi);
    for (size_t t = 0; t < p.transforms.size(); ++t) encode_transform(p.transforms[t], t + 1 == p.transforms.size(), o);
    patch16(o, start + 2, o.size() - start);
  }
}

void encode_ts(const TsPayload& ts, Bytes& o) {
  put8(o, static_cast<uint8_t>(ts.selectors.size()));
  put8(o, 0);
  put16(o, 0);
  for (const auto& s : ts.selectors) {
    const auto a = s.start.bytes();
    const auto b = s.end.bytes();
    put8(o, static_cast<uint8_t>(s.start.is_v4() ? TsType::Ipv4AddrRange : TsType::Ipv6AddrRange));
    put8(o, s.ip_protocol);
    put16(o, static_cast<uint16_t>(8 + a.size() + b.size()));
    put16(o, s.start_port);
    put16(o, s.end_port);
    put(o, a);
    put(o, b);
  }
}

void with_reserved3(uint8_t first, Bytes& o) {
  put8(o, first);
  put8(o, 0);
  put16(o, 0);
}

struct BodyEncoder {
  Bytes& o;
  void operator()(const SaPayload& v) { encode_sa(v, o); }
  void operator()(const KePayload& v) {
    put16(o, static_cast<uint16_t>(v.group));
    put16(o, 0);
    put(o, v.data);
  }
  void operator()(const IdPayload& v) { put(o, v.body()); }
  void operator()(const CertPayload& v) {
    put8(o, v.encoding);
    put(o, v.data);
  }
  void operator()(const AuthPayload& v) {
    with_reserved3(static_cast<uint8_t>(v.method), o);
    put(o, v.data);
  }
  void operator()(const NoncePayload& v) { put(o, v.data); }
  void operator()(const NotifyPayload& v) {
    put8(o, static_cast<uint8_t>(v.protocol));
    put8(o, static_cast<uint8_t>(v.spi.size()));
    put16(o, static_cast<uint16_t>(v.type));
    put(o, v.spi);
    put(o, v.data);
  }
  void operator()(const DeletePayload& v) {
    put8(o, static_cast<uint8_t>(v.protocol));
    put8(o, v.spi_size);
    put16(o, static_cast<uint16_t>(v.spis.size()));
    for (const auto& s : v.spis) put(o, s);
  }
  void operator()(const VendorPayload& v) { put(o, v.id); }
  void operator()(const TsPayload& v) { encode_ts(v, o); }
  void operator()(const CpPayload& v) {
    with_reserved3(static_cast<uint8_t>(v.type), o);
    for (const auto& a : v.attributes) {
      put16(o, a.type & 0x7fff);
      put16(o, static_cast<uint16_t>(a.value.size()));
      put(o, a.value);
    }
  }
  void operator()(const EapPayload& v) { put(o, v.data); }
  void operator()(const SkPayload& v) { put(o, v.protected_body); }
  void operator()(const SkfPayload& v) {
    put16(o, v.fragment_number);
    put16(o, v.total_fragments);
    put(o, v.protected_body);
  }
  void operator()(const UnknownPayload& v) { put(o, v.body); }
};

}  // namespace

void encode_body(const Payload& p, Bytes& out) { std::visit(BodyEncoder{out}, p.body); }

}  // namespace ravelin::ike::wire::detail
