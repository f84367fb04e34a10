#pragma once
// Message builders shared by the ike_wire, ike_tshark tests and the fuzz seed generator.
#include "ike/wire/message.hpp"

namespace ravelin::ike::wire::test {

inline Bytes filled(size_t n, uint8_t v) { return Bytes(n, v); }

inline SaPayload ike_sa_aes_cbc_sha256_x25519() {
  Proposal p;
  p.number = 1;
  p.protocol = ProtocolId::Ike;
  p.transforms = {
      Transform::make(TransformType::Encr, static_cast<uint16_t>(EncrId::AesCbc), 256),
      Transform::make(TransformType::Prf, static_cast<uint16_t>(PrfId::HmacSha2_256)),
      Transform::make(TransformType::Integ, static_cast<uint16_t>(IntegId::HmacSha2_256_128)),
      Transform::make(TransformType::Ke, static_cast<uint16_t>(KeGroup::Curve25519)),
  };
  return SaPayload{{p}};
}

inline SaPayload esp_sa(Bytes spi) {
  Proposal p;
  p.number = 1;
  p.protocol = ProtocolId::Esp;
  p.spi = std::move(spi);
  p.transforms = {
      Transform::make(TransformType::Encr, static_cast<uint16_t>(EncrId::AesCbc), 128),
      Transform::make(TransformType::Integ, static_cast<uint16_t>(IntegId::HmacSha1_96)),
      Transform::make(TransformType::Esn, static_cast<uint16_t>(EsnId::NoEsn)),
  };
  return SaPayload{{p}};
}

inline TsPayload ts_v4(const char* start, const char* end) {
  TrafficSelector s;
  s.start = *platform::IpAddress::parse(start);
  s.end = *platform::IpAddress::parse(end);
  return TsPayload{{s}};
}

inline Header header(ExchangeType x, bool initiator, bool response, uint32_t mid) {
  Header h;
  h.spi_i = 0x0102030405060708;
  h.spi_r = x == ExchangeType::IkeSaInit && !response ? 0 : 0x1112131415161718;
  h.exchange = x;
  h.initiator = initiator;
  h.response = response;
  h.message_id = mid;
  return h;
}

// HDR, SAi1, KEi, Ni, N(NAT_DETECTION_SOURCE_IP), N(NAT_DETECTION_DESTINATION_IP)
inline Message sa_init_request() {
  Message m;
  m.header = header(ExchangeType::IkeSaInit, true, false, 0);
  m.add(PayloadType::Sa, ike_sa_aes_cbc_sha256_x25519())
      .add(PayloadType::Ke, KePayload{KeGroup::Curve25519, filled(32, 0x25)})
      .add(PayloadType::Nonce, NoncePayload{filled(32, 0x4e)})
      .add_notify(NotifyType::NatDetectionSourceIp, filled(20, 0x51))
      .add_notify(NotifyType::NatDetectionDestinationIp, filled(20, 0x52));
  return m;
}

// The inner payloads of IKE_AUTH request: IDi, N(INITIAL_CONTACT), AUTH, SAi2, TSi, TSr
inline Message auth_request_plain() {
  Message m;
  m.header = header(ExchangeType::IkeAuth, true, false, 1);
  m.add(PayloadType::IdI, IdPayload{IdType::Ipv4Addr, {192, 0, 2, 1}})
      .add_notify(NotifyType::InitialContact)
      .add(PayloadType::Auth, AuthPayload{AuthMethod::SharedKeyMic, filled(32, 0xa7)})
      .add(PayloadType::Sa, esp_sa({0xc0, 0xff, 0xee, 0x01}))
      .add(PayloadType::TsI, ts_v4("198.51.100.0", "198.51.100.255"))
      .add(PayloadType::TsR, ts_v4("203.0.113.0", "203.0.113.255"));
  return m;
}

// One of every payload type the codec knows (plain, not a valid exchange; for round trips).
inline Message every_payload() {
  Message m;
  m.header = header(ExchangeType::Informational, false, true, 7);
  TrafficSelector v6;
  v6.type = TsType::Ipv6AddrRange;
  v6.ip_protocol = 6;
  v6.start_port = 80;
  v6.end_port = 443;
  v6.start = *platform::IpAddress::parse("2001:db8::");
  v6.end = *platform::IpAddress::parse("2001:db8::ffff");
  SaPayload sa = ike_sa_aes_cbc_sha256_x25519();
  Proposal second = esp_sa({1, 2, 3, 4}).proposals[0];
  second.number = 2;
  second.transforms[0].attributes.push_back(TransformAttribute{0x1234, false, {9, 8, 7}});
  sa.proposals.push_back(second);
  m.add(PayloadType::Sa, sa)
      .add(PayloadType::Ke, KePayload{KeGroup::Modp2048, filled(256, 0x99)})
      .add(PayloadType::IdI, IdPayload{IdType::Fqdn, {'r', 'v', '.', 'e', 'x'}})
      .add(PayloadType::IdR, IdPayload{IdType::Ipv6Addr, filled(16, 0x20)})
      .add(PayloadType::Cert, CertPayload{4, filled(40, 0xce)})
      .add(PayloadType::CertReq, CertPayload{4, filled(20, 0xcf)})
      .add(PayloadType::Auth, AuthPayload{AuthMethod::SharedKeyMic, filled(20, 0xa0)})
      .add(PayloadType::Nonce, NoncePayload{filled(16, 0x11)})
      .add_notify(NotifyType::RekeySa, {}, ProtocolId::Esp, {0xde, 0xad, 0xbe, 0xef})
      .add(PayloadType::Delete, DeletePayload{ProtocolId::Esp, 4, {{1, 2, 3, 4}, {5, 6, 7, 8}}})
      .add(PayloadType::Delete, DeletePayload{ProtocolId::Ike, 0, {}})
      .add(PayloadType::Vendor, VendorPayload{{'r', 'a', 'v', 'e', 'l', 'i', 'n'}})
      .add(PayloadType::TsI, TsPayload{{v6}})
      .add(PayloadType::TsR, ts_v4("10.0.0.0", "10.0.0.255"))
      .add(PayloadType::Cp, CpPayload{CfgType::Request, {{1, {}}, {3, {8, 8, 8, 8}}}})
      .add(PayloadType::Eap, EapPayload{{1, 7, 0, 6, 1, 0x41}});
  return m;
}

}  // namespace ravelin::ike::wire::test
