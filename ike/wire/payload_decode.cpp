// Payload body decoders (RFC 7296 §3.3-§3.16, RFC 7383 §2.5). Each checks every length and count
// against the body it was given before reading a field.
#include <string>

#include "ike/wire/byte_io.hpp"
#include "ike/wire/payload_codec.hpp"

namespace ravelin::ike::wire::detail {
namespace {

BodyError syntax(std::string why) { return BodyError{Reject::BadPayloadSyntax, std::move(why)}; }
BodyError cap(Reject code, std::string why) { return BodyError{code, std::move(why)}; }
std::string num(size_t v) { return std::to_string(v); }

// RFC 7296 §3.3.5: AF bit set = TV (2-byte value), else TLV.
BodyResult decode_attributes(Reader& r, Transform& t, const Limits& lim) {
  while (r.remaining() > 0) {
    if (t.attributes.size() >= lim.max_attributes) {
      return cap(Reject::TooManyProposals, "more than " + num(lim.max_attributes) + " attributes in a transform");
    }
    uint16_t type = 0, len_or_value = 0;
    if (!r.u16(type) || !r.u16(len_or_value)) return syntax("truncated transform attribute");
    TransformAttribute a;
    a.type = type & 0x7fff;
    a.tv = (type & 0x8000) != 0;
    if (a.tv) {
      a.value = {static_cast<uint8_t>(len_or_value >> 8), static_cast<uint8_t>(len_or_value)};
    } else if (!r.bytes(len_or_value, a.value)) {
      return syntax("transform attribute length " + num(len_or_value) + " runs past the transform");
    }
    if (a.type == kAttrKeyLength && !a.tv) return syntax("Key Length attribute must use the TV format");
    t.attributes.push_back(std::move(a));
  }
  return PayloadBody{};
}

// RFC 7296 §3.3.2: Last Substruc (0 last / 3 more), reserved, length >= 8, type, reserved, ID.
BodyResult decode_transform(Reader& r, bool& last, Transform& t, const Limits& lim) {
  uint8_t more = 0, reserved = 0, type = 0;
  uint16_t length = 0, id = 0;
  if (!r.u8(more) || !r.u8(reserved) || !r.u16(length)) return syntax("truncated transform header");
  if (more != 0 && more != 3) return syntax("transform Last Substruc is " + num(more) + ", must be 0 or 3");
  if (length < 8 || static_cast<size_t>(length - 4) > r.remaining()) return syntax("transform length " + num(length) + " is invalid");
  std::span<const uint8_t> body;
  if (!r.take(length - 4u, body)) return syntax("truncated transform");
  Reader b(body);
  if (!b.u8(type) || !b.u8(reserved) || !b.u16(id)) return syntax("truncated transform");
  t.type = static_cast<TransformType>(type);
  t.id = id;
  last = more == 0;
  return decode_attributes(b, t, lim);
}

BodyResult decode_proposal(Reader& r, bool& last, uint8_t expected_number, Proposal& p, const Limits& lim) {
  uint8_t more = 0, reserved = 0, protocol = 0, spi_size = 0, count = 0;
  uint16_t length = 0;
  if (!r.u8(more) || !r.u8(reserved) || !r.u16(length)) return syntax("truncated proposal header");
  if (more != 0 && more != 2) return syntax("proposal Last Substruc is " + num(more) + ", must be 0 or 2");
  if (length < 8 || static_cast<size_t>(length - 4) > r.remaining()) return syntax("proposal length " + num(length) + " is invalid");
  std::span<const uint8_t> body;
  if (!r.take(length - 4u, body)) return syntax("truncated proposal");
  Reader b(body);
  if (!b.u8(p.number) || !b.u8(protocol) || !b.u8(spi_size) || !b.u8(count)) return syntax("truncated proposal");
  // §3.3.1: the first proposal is number 1, each next one the same or one more.
  if (p.number != expected_number && p.number != expected_number + 1) {
    return syntax("proposal number " + num(p.number) + " out of sequence");
  }
  p.protocol = static_cast<ProtocolId>(protocol);
  if (p.protocol == ProtocolId::Ike && spi_size != 0 && spi_size != 8) return syntax("IKE proposal SPI size must be 0 or 8");
  if ((p.protocol == ProtocolId::Esp || p.protocol == ProtocolId::Ah) && spi_size != 4) {
    return syntax("ESP/AH proposal SPI size must be 4");
  }
  if (!b.bytes(spi_size, p.spi)) return syntax("proposal SPI runs past the proposal");
  if (count > lim.max_transforms) return cap(Reject::TooManyProposals, num(count) + " transforms in one proposal");
  bool tlast = false;
  for (size_t i = 0; i < count; ++i) {
    if (tlast) return syntax("transform marked last before the proposal's transform count");
    Transform t;
    if (auto res = decode_transform(b, tlast, t, lim); std::holds_alternative<BodyError>(res)) return res;
    p.transforms.push_back(std::move(t));
  }
  if (count == 0 || !tlast || b.remaining() != 0) {
    return syntax("proposal transform count " + num(count) + " does not match its transforms");
  }
  last = more == 0;
  return PayloadBody{};
}

BodyResult decode_sa(Reader& r, const Limits& lim) {
  SaPayload sa;
  bool last = false;
  uint8_t expected = 1;
  while (!last) {
    if (sa.proposals.size() >= lim.max_proposals) {
      return cap(Reject::TooManyProposals, "more than " + num(lim.max_proposals) + " proposals");
    }
    Proposal p;
    if (auto res = decode_proposal(r, last, sa.proposals.empty() ? 0 : expected, p, lim);
        std::holds_alternative<BodyError>(res)) {
      return res;
    }
    if (sa.proposals.empty() && p.number != 1) return syntax("first proposal number must be 1");
    expected = p.number;
    sa.proposals.push_back(std::move(p));
  }
  if (r.remaining() != 0) return syntax("bytes after the last proposal");
  return PayloadBody{std::move(sa)};
}

BodyResult decode_ts(Reader& r, const Limits& lim) {
  uint8_t count = 0;
  if (!r.u8(count) || !r.skip(3)) return syntax("truncated TS payload");
  if (count == 0) return syntax("TS payload with no selectors");
  if (count > lim.max_selectors) return cap(Reject::TooManySelectors, num(count) + " traffic selectors");
  TsPayload ts;
  for (size_t i = 0; i < count; ++i) {
    uint8_t type = 0;
    uint16_t length = 0;
    TrafficSelector s;
    if (!r.u8(type) || !r.u8(s.ip_protocol) || !r.u16(length)) return syntax("truncated traffic selector");
    const size_t alen = type == static_cast<uint8_t>(TsType::Ipv4AddrRange)   ? 4
                        : type == static_cast<uint8_t>(TsType::Ipv6AddrRange) ? 16
                                                                              : 0;
    if (alen == 0) return syntax("unknown TS type " + num(type));
    if (length != 8 + 2 * alen) return syntax("traffic selector length " + num(length) + " is wrong for its type");
    std::span<const uint8_t> a, b;
    if (!r.u16(s.start_port) || !r.u16(s.end_port) || !r.take(alen, a) || !r.take(alen, b)) {
      return syntax("traffic selector runs past the payload");
    }
    s.type = static_cast<TsType>(type);
    s.start = *platform::IpAddress::from_bytes(a);  // from_bytes accepts exactly 4 or 16 bytes
    s.end = *platform::IpAddress::from_bytes(b);
    ts.selectors.push_back(s);
  }
  if (r.remaining() != 0) return syntax("bytes after the last traffic selector");
  return PayloadBody{std::move(ts)};
}

BodyResult decode_notify(Reader& r) {
  NotifyPayload n;
  uint8_t protocol = 0, spi_size = 0;
  uint16_t type = 0;
  if (!r.u8(protocol) || !r.u8(spi_size) || !r.u16(type)) return syntax("truncated Notify payload");
  if (spi_size != 0 && spi_size != 4 && spi_size != 8) return syntax("Notify SPI size " + num(spi_size));
  if (!r.bytes(spi_size, n.spi)) return syntax("Notify SPI runs past the payload");
  n.protocol = static_cast<ProtocolId>(protocol);
  n.type = static_cast<NotifyType>(type);
  n.data.assign(r.rest().begin(), r.rest().end());
  return PayloadBody{std::move(n)};
}

BodyResult decode_delete(Reader& r, const Limits& lim) {
  DeletePayload d;
  uint8_t protocol = 0;
  uint16_t count = 0;
  if (!r.u8(protocol) || !r.u8(d.spi_size) || !r.u16(count)) return syntax("truncated Delete payload");
  d.protocol = static_cast<ProtocolId>(protocol);
  // §3.11: for IKE the SPI size is 0 and there are no SPIs; for ESP/AH 4-byte SPIs.
  if (d.protocol == ProtocolId::Ike && (d.spi_size != 0 || count != 0)) return syntax("IKE Delete must carry no SPIs");
  if ((d.protocol == ProtocolId::Esp || d.protocol == ProtocolId::Ah) && d.spi_size != 4) {
    return syntax("ESP/AH Delete SPI size must be 4");
  }
  if (d.protocol != ProtocolId::Ike && d.protocol != ProtocolId::Esp && d.protocol != ProtocolId::Ah) {
    return syntax("Delete for unknown protocol " + num(protocol));
  }
  if (count > lim.max_delete_spis) return cap(Reject::TooManyDeleteSpis, num(count) + " SPIs in one Delete");
  if (static_cast<size_t>(count) * d.spi_size != r.remaining()) return syntax("Delete SPI count does not match its length");
  for (size_t i = 0; i < count; ++i) {
    Bytes spi;
    if (!r.bytes(d.spi_size, spi)) return syntax("truncated Delete SPI");
    d.spis.push_back(std::move(spi));
  }
  return PayloadBody{std::move(d)};
}

BodyResult decode_cp(Reader& r, const Limits& lim) {
  CpPayload cp;
  uint8_t type = 0;
  if (!r.u8(type) || !r.skip(3)) return syntax("truncated CP payload");
  cp.type = static_cast<CfgType>(type);
  while (r.remaining() > 0) {
    if (cp.attributes.size() >= lim.max_cfg_attributes) {
      return cap(Reject::TooManyProposals, "more than " + num(lim.max_cfg_attributes) + " configuration attributes");
    }
    uint16_t atype = 0, length = 0;
    CfgAttribute a;
    if (!r.u16(atype) || !r.u16(length) || !r.bytes(length, a.value)) return syntax("truncated CP attribute");
    a.type = atype & 0x7fff;
    cp.attributes.push_back(std::move(a));
  }
  return PayloadBody{std::move(cp)};
}

BodyResult decode_id(Reader& r) {
  IdPayload id;
  uint8_t type = 0;
  if (!r.u8(type) || !r.skip(3)) return syntax("truncated ID payload");
  id.type = static_cast<IdType>(type);
  id.data.assign(r.rest().begin(), r.rest().end());
  if (id.data.empty()) return syntax("ID payload with no identification data");
  if (id.type == IdType::Ipv4Addr && id.data.size() != 4) return syntax("ID_IPV4_ADDR must be 4 bytes");
  if (id.type == IdType::Ipv6Addr && id.data.size() != 16) return syntax("ID_IPV6_ADDR must be 16 bytes");
  return PayloadBody{std::move(id)};
}

BodyResult decode_small(PayloadType type, Reader& r) {
  switch (type) {
    case PayloadType::Ke: {
      KePayload ke;
      uint16_t group = 0;
      if (!r.u16(group) || !r.skip(2)) return syntax("truncated KE payload");
      ke.group = static_cast<KeGroup>(group);
      ke.data.assign(r.rest().begin(), r.rest().end());
      if (ke.data.empty()) return syntax("KE payload with no key exchange data");
      return PayloadBody{std::move(ke)};
    }
    case PayloadType::Cert:
    case PayloadType::CertReq: {
      CertPayload c;
      if (!r.u8(c.encoding)) return syntax("truncated CERT/CERTREQ payload");
      c.data.assign(r.rest().begin(), r.rest().end());
      return PayloadBody{std::move(c)};
    }
    case PayloadType::Auth: {
      AuthPayload a;
      uint8_t method = 0;
      if (!r.u8(method) || !r.skip(3)) return syntax("truncated AUTH payload");
      a.method = static_cast<AuthMethod>(method);
      a.data.assign(r.rest().begin(), r.rest().end());
      if (a.data.empty()) return syntax("AUTH payload with no authentication data");
      return PayloadBody{std::move(a)};
    }
    case PayloadType::Nonce: {
      // §3.9: at least 16 and at most 256 octets.
      if (r.remaining() < 16 || r.remaining() > 256) return syntax("nonce of " + num(r.remaining()) + " bytes");
      return PayloadBody{NoncePayload{Bytes(r.rest().begin(), r.rest().end())}};
    }
    case PayloadType::Vendor: return PayloadBody{VendorPayload{Bytes(r.rest().begin(), r.rest().end())}};
    case PayloadType::Eap: {
      const std::span<const uint8_t> whole = r.rest();
      uint8_t code = 0, ident = 0;
      uint16_t length = 0;
      if (!r.u8(code) || !r.u8(ident) || !r.u16(length)) return syntax("truncated EAP payload");
      if (length != r.remaining() + 4) return syntax("EAP length " + num(length) + " does not match the payload");
      return PayloadBody{EapPayload{Bytes(whole.begin(), whole.end())}};
    }
    default: return syntax("no decoder for payload type " + num(static_cast<uint8_t>(type)));
  }
}

}  // namespace

bool is_known_payload(uint8_t t) { return (t >= 33 && t <= 48) || t == 53; }

BodyResult decode_body(PayloadType type, std::span<const uint8_t> body, const Limits& limits) {
  Reader r(body);
  switch (type) {
    case PayloadType::Sa: return decode_sa(r, limits);
    case PayloadType::IdI:
    case PayloadType::IdR: return decode_id(r);
    case PayloadType::Notify: return decode_notify(r);
    case PayloadType::Delete: return decode_delete(r, limits);
    case PayloadType::TsI:
    case PayloadType::TsR: return decode_ts(r, limits);
    case PayloadType::Cp: return decode_cp(r, limits);
    default: return decode_small(type, r);
  }
}

}  // namespace ravelin::ike::wire::detail
