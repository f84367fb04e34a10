#pragma once
// A complete PSK IKE_SA_INIT + IKE_AUTH exchange (RFC 7296 §1.2) built from ike/wire and ike/crypto
// alone, with both roles computing their own keys and checking each other's AUTH. Header-only so
// the tshark test, the fuzz seed generator and the crypto benchmark share it.
#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "ike/crypto/auth.hpp"
#include "ike/crypto/kdf.hpp"
#include "ike/crypto/key_exchange.hpp"
#include "ike/crypto/random.hpp"
#include "ike/crypto/sk_cipher.hpp"
#include "ike/wire/presence.hpp"
#include "ike/wire/sk.hpp"

namespace ravelin::ike::test {

using crypto::SecretBytes;
using wire::Bytes;

struct Suite {
  wire::EncrId encr = wire::EncrId::AesCbc;
  uint16_t key_bits = 256;
  wire::IntegId integ = wire::IntegId::HmacSha2_256_128;  // None for AEAD
  wire::PrfId prf = wire::PrfId::HmacSha2_256;
  wire::KeGroup group = wire::KeGroup::Curve25519;
};

// One side's view after IKE_SA_INIT.
struct SideKeys {
  crypto::IkeSaKeys sk;
  std::unique_ptr<crypto::SkCipher> cipher;
  wire::SkKeys initiator_dir() const { return {cipher.get(), &sk.sk_ei, &sk.sk_ai}; }
  wire::SkKeys responder_dir() const { return {cipher.get(), &sk.sk_er, &sk.sk_ar}; }
};

struct Handshake {
  Suite suite;
  uint64_t spi_i = 0, spi_r = 0;
  std::array<Bytes, 4> datagrams;  // SA_INIT req, SA_INIT resp, AUTH req, AUTH resp
  SideKeys initiator, responder;
  crypto::ChildSaKeys child;
  uint32_t child_spi_i = 0, child_spi_r = 0;
  Bytes ni, nr;
};

inline wire::SaPayload ike_proposal(const Suite& s) {
  using wire::Transform;
  using wire::TransformType;
  wire::Proposal p;
  p.protocol = wire::ProtocolId::Ike;
  p.transforms.push_back(Transform::make(TransformType::Encr, static_cast<uint16_t>(s.encr), s.key_bits));
  p.transforms.push_back(Transform::make(TransformType::Prf, static_cast<uint16_t>(s.prf)));
  if (s.integ != wire::IntegId::None) {
    p.transforms.push_back(Transform::make(TransformType::Integ, static_cast<uint16_t>(s.integ)));
  }
  p.transforms.push_back(Transform::make(TransformType::Ke, static_cast<uint16_t>(s.group)));
  return wire::SaPayload{{p}};
}

inline wire::SaPayload esp_proposal(const Suite& s, uint32_t spi) {
  using wire::Transform;
  using wire::TransformType;
  wire::Proposal p;
  p.protocol = wire::ProtocolId::Esp;
  p.spi = {static_cast<uint8_t>(spi >> 24), static_cast<uint8_t>(spi >> 16), static_cast<uint8_t>(spi >> 8),
           static_cast<uint8_t>(spi)};
  p.transforms.push_back(Transform::make(TransformType::Encr, static_cast<uint16_t>(s.encr), s.key_bits));
  if (s.integ != wire::IntegId::None) {
    p.transforms.push_back(Transform::make(TransformType::Integ, static_cast<uint16_t>(s.integ)));
  }
  p.transforms.push_back(Transform::make(TransformType::Esn, static_cast<uint16_t>(wire::EsnId::NoEsn)));
  return wire::SaPayload{{p}};
}

inline wire::TsPayload ts(const char* a, const char* b) {
  wire::TrafficSelector s;
  s.start = *platform::IpAddress::parse(a);
  s.end = *platform::IpAddress::parse(b);
  return wire::TsPayload{{s}};
}

// SKEYSEED and SK_* for one side (§2.14).
inline Result<SideKeys> derive_side(const Suite& s, const crypto::KeyExchange& mine, std::span<const uint8_t> peer_ke,
                                    std::span<const uint8_t> ni, std::span<const uint8_t> nr, uint64_t spi_i,
                                    uint64_t spi_r) {
  auto prf = crypto::make_prf(s.prf);
  if (!prf) return prf.error();
  auto shared = mine.compute_shared(peer_ke);
  if (!shared) return shared.error();
  std::optional<wire::IntegId> integ;
  if (s.integ != wire::IntegId::None) integ = s.integ;
  auto cipher = crypto::make_sk_cipher(s.encr, s.key_bits, integ);
  if (!cipher) return cipher.error();
  const SecretBytes seed = crypto::skeyseed(**prf, ni, nr, *shared);
  const crypto::IkeKeySizes sizes{(*prf)->output_size(), (*cipher)->integ_key_size(), (*cipher)->encr_key_size()};
  auto keys = crypto::derive_ike_sa_keys(**prf, seed, ni, nr, spi_i, spi_r, sizes);
  if (!keys) return keys.error();
  return SideKeys{std::move(*keys), std::move(*cipher)};
}

// AUTH for a sender: prf(prf(PSK, "Key Pad for IKEv2"), first message | peer nonce | prf(SK_p, ID')).
inline Bytes psk_auth_for(const Suite& s, std::string_view psk, const Bytes& first_message, const Bytes& peer_nonce,
                          const SecretBytes& sk_p, const wire::IdPayload& id) {
  auto prf = crypto::make_prf(s.prf);
  if (!prf) return {};
  const auto mac = crypto::maced_id(**prf, sk_p, id.body());
  const Bytes octets = crypto::signed_octets(first_message, peer_nonce, mac);
  const auto* k = reinterpret_cast<const uint8_t*>(psk.data());
  const SecretBytes a = crypto::psk_auth(**prf, std::span<const uint8_t>(k, psk.size()), octets);
  return Bytes(a.view().begin(), a.view().end());
}

inline bool psk_auth_ok(const Suite& s, std::string_view psk, const Bytes& first_message, const Bytes& peer_nonce,
                        const SecretBytes& sk_p, const wire::IdPayload& id, std::span<const uint8_t> received) {
  auto prf = crypto::make_prf(s.prf);
  if (!prf) return false;
  const auto mac = crypto::maced_id(**prf, sk_p, id.body());
  const Bytes octets = crypto::signed_octets(first_message, peer_nonce, mac);
  const auto* k = reinterpret_cast<const uint8_t*>(psk.data());
  return crypto::verify_psk_auth(**prf, std::span<const uint8_t>(k, psk.size()), octets, received);
}

// Decodes a protected message with the given direction keys and checks the presence table.
inline Result<wire::Message> receive(const Bytes& datagram, const wire::SkKeys& keys) {
  wire::Counters c;
  auto d = wire::decode_protected(datagram, keys, c);
  if (!d.ok()) return make_error(d.rejection().reason);
  if (auto r = wire::check_presence(d.value(), c)) return make_error(r->reason);
  return std::move(d).value();
}

// run_psk_handshake(): the four messages, each side working only from what it received.

namespace detail {

inline wire::Header hdr(wire::ExchangeType x, uint64_t spi_i, uint64_t spi_r, bool response, uint32_t mid) {
  wire::Header h;
  h.spi_i = spi_i;
  h.spi_r = spi_r;
  h.exchange = x;
  h.initiator = !response;
  h.response = response;
  h.message_id = mid;
  return h;
}

struct InitResult {
  std::unique_ptr<crypto::KeyExchange> ke_i, ke_r;
  Bytes ni, nr;
};

inline Result<InitResult> sa_init(Handshake& h, crypto::Random& rnd) {
  using wire::PayloadType;
  InitResult r;
  auto ke_i = crypto::make_key_exchange(h.suite.group, rnd);
  auto ke_r = crypto::make_key_exchange(h.suite.group, rnd);
  if (!ke_i || !ke_r) return make_error("key exchange");
  r.ke_i = std::move(*ke_i);
  r.ke_r = std::move(*ke_r);
  r.ni = rnd.bytes(32);
  r.nr = rnd.bytes(32);
  // IKE_SA_INIT { SAi1, KEi, Ni, N(IKEV2_FRAGMENTATION_SUPPORTED) } -->
  wire::Message m1;
  m1.header = hdr(wire::ExchangeType::IkeSaInit, h.spi_i, 0, false, 0);
  m1.add(PayloadType::Sa, ike_proposal(h.suite))
      .add(PayloadType::Ke, wire::KePayload{h.suite.group, r.ke_i->public_value()})
      .add(PayloadType::Nonce, wire::NoncePayload{r.ni})
      .add_notify(wire::NotifyType::IkeFragmentationSupported);
  h.datagrams[0] = wire::encode(m1);
  // <-- IKE_SA_INIT { SAr1, KEr, Nr }
  wire::Message m2;
  m2.header = hdr(wire::ExchangeType::IkeSaInit, h.spi_i, h.spi_r, true, 0);
  auto sa = ike_proposal(h.suite);
  m2.add(PayloadType::Sa, sa)
      .add(PayloadType::Ke, wire::KePayload{h.suite.group, r.ke_r->public_value()})
      .add(PayloadType::Nonce, wire::NoncePayload{r.nr});
  h.datagrams[1] = wire::encode(m2);
  return r;
}

}  // namespace detail

inline Result<Handshake> run_psk_handshake(const Suite& suite, uint64_t seed, std::string_view psk) {
  using wire::PayloadType;
  crypto::DeterministicRandom rnd(seed);
  Handshake h;
  h.suite = suite;
  h.spi_i = rnd.u64();
  h.spi_r = rnd.u64();
  h.child_spi_i = rnd.u32();
  h.child_spi_r = rnd.u32();
  auto init = detail::sa_init(h, rnd);
  if (!init) return init.error();
  auto ki = derive_side(suite, *init->ke_i, init->ke_r->public_value(), init->ni, init->nr, h.spi_i, h.spi_r);
  auto kr = derive_side(suite, *init->ke_r, init->ke_i->public_value(), init->ni, init->nr, h.spi_i, h.spi_r);
  if (!ki || !kr) return make_error("key derivation failed");
  h.ni = init->ni;
  h.nr = init->nr;
  h.initiator = std::move(*ki);
  h.responder = std::move(*kr);

  // IKE_AUTH { SK { IDi, N(INITIAL_CONTACT), AUTH, SAi2, TSi, TSr } } -->
  const wire::IdPayload idi{wire::IdType::Ipv4Addr, {192, 0, 2, 1}};
  wire::Message m3;
  m3.header = detail::hdr(wire::ExchangeType::IkeAuth, h.spi_i, h.spi_r, false, 1);
  m3.add(PayloadType::IdI, idi)
      .add_notify(wire::NotifyType::InitialContact)
      .add(PayloadType::Auth, wire::AuthPayload{wire::AuthMethod::SharedKeyMic,
                                                psk_auth_for(suite, psk, h.datagrams[0], init->nr, h.initiator.sk.sk_pi, idi)})
      .add(PayloadType::Sa, esp_proposal(suite, h.child_spi_i))
      .add(PayloadType::TsI, ts("198.51.100.0", "198.51.100.255"))
      .add(PayloadType::TsR, ts("203.0.113.0", "203.0.113.255"));
  auto b3 = wire::encode_protected(m3, h.initiator.initiator_dir(), rnd);
  if (!b3) return b3.error();
  h.datagrams[2] = std::move(*b3);

  // The responder opens it with its own keys and checks AUTH.
  auto r3 = receive(h.datagrams[2], h.responder.initiator_dir());
  if (!r3) return make_error("responder: " + r3.error().message);
  const auto* got_id = r3->find<wire::IdPayload>(PayloadType::IdI);
  const auto* got_auth = r3->find<wire::AuthPayload>(PayloadType::Auth);
  if (got_id == nullptr || got_auth == nullptr ||
      !psk_auth_ok(suite, psk, h.datagrams[0], init->nr, h.responder.sk.sk_pi, *got_id, got_auth->data)) {
    return make_error("responder: initiator AUTH does not verify");
  }

  // <-- IKE_AUTH { SK { IDr, AUTH, SAr2, TSi, TSr } }
  const wire::IdPayload idr{wire::IdType::Ipv4Addr, {192, 0, 2, 2}};
  wire::Message m4;
  m4.header = detail::hdr(wire::ExchangeType::IkeAuth, h.spi_i, h.spi_r, true, 1);
  m4.add(PayloadType::IdR, idr)
      .add(PayloadType::Auth, wire::AuthPayload{wire::AuthMethod::SharedKeyMic,
                                                psk_auth_for(suite, psk, h.datagrams[1], init->ni, h.responder.sk.sk_pr, idr)})
      .add(PayloadType::Sa, esp_proposal(suite, h.child_spi_r))
      .add(PayloadType::TsI, ts("198.51.100.0", "198.51.100.255"))
      .add(PayloadType::TsR, ts("203.0.113.0", "203.0.113.255"));
  auto b4 = wire::encode_protected(m4, h.responder.responder_dir(), rnd);
  if (!b4) return b4.error();
  h.datagrams[3] = std::move(*b4);

  auto r4 = receive(h.datagrams[3], h.initiator.responder_dir());
  if (!r4) return make_error("initiator: " + r4.error().message);
  const auto* rid = r4->find<wire::IdPayload>(PayloadType::IdR);
  const auto* rauth = r4->find<wire::AuthPayload>(PayloadType::Auth);
  if (rid == nullptr || rauth == nullptr ||
      !psk_auth_ok(suite, psk, h.datagrams[1], init->ni, h.initiator.sk.sk_pr, *rid, rauth->data)) {
    return make_error("initiator: responder AUTH does not verify");
  }

  // Child SA keys (§2.17) for the ESP SAs.
  auto prf = crypto::make_prf(suite.prf);
  auto ek = crypto::encr_key_size(suite.encr, suite.key_bits);
  auto ik = crypto::integ_key_size(suite.integ);
  if (!prf || !ek || !ik) return make_error("child sizes");
  auto child = crypto::derive_child_keys(**prf, h.initiator.sk.sk_d, nullptr, init->ni, init->nr,
                                         crypto::ChildKeySizes{*ek, *ik});
  if (!child) return child.error();
  h.child = std::move(*child);
  return h;
}

}  // namespace ravelin::ike::test
