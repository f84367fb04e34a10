// Implementation of tests/fuzz/responder_driver.hpp. Not globbed into any target: the fuzz target and
// the hardening tests each compile it by including this file once.
#include "tests/fuzz/responder_driver.hpp"

#include <algorithm>

#include "ike/crypto/auth.hpp"
#include "ike/crypto/prf.hpp"

namespace ravelin::fuzz {

namespace wire = ike::wire;
using ike::engine::Effects;
using platform::Endpoint;
using platform::IpAddress;

namespace {

IpAddress ip(const char* text) { return *IpAddress::parse(text); }

ipsec::ts::TrafficSelectors net(const char* prefix) {
  return {ipsec::ts::TrafficSelector::from_prefix(*platform::Prefix::parse(prefix))};
}

wire::TsPayload ts_payload(const char* start, const char* end) {
  wire::TrafficSelector s;
  s.start = ip(start);
  s.end = ip(end);
  return wire::TsPayload{{s}};
}

wire::Bytes u32_bytes(uint32_t v) {
  return {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8),
          static_cast<uint8_t>(v)};
}

}  // namespace

ike::config::IkeConfig responder_config() {
  using namespace ike::config;
  IkeConfig c;
  c.proposals.push_back({"prop", {{encr::kAesCbc, 256}}, {integ::kHmacSha256_128}, {}, {31}});
  c.policies.push_back({"pol", {}, {"prop"}});
  KeyringPeer kp;
  kp.name = "peer";
  kp.address = platform::Prefix::host(ip("10.0.0.1"));
  kp.pre_shared_key_local = kDriverPsk;
  kp.pre_shared_key_remote = kDriverPsk;
  c.keyrings.push_back({"kr", {kp}});
  Profile p;
  p.name = "prof";
  IdentityMatch m;
  m.kind = IdentityMatch::Kind::Address;
  m.prefix = platform::Prefix::host(ip("10.0.0.1"));
  p.match_identity_remote.push_back(m);
  p.keyring = "kr";
  c.profiles.push_back(p);
  c.transform_sets.push_back({"ts", {{encr::kAesCbc, 256}}, {integ::kHmacSha256_128}, ipsec::sa::Mode::Tunnel});
  CryptoMapEntry e;
  e.map_name = "cmap";
  e.seq = 10;
  e.peers = {ip("10.0.0.1")};
  e.local_address = ip("10.0.0.2");
  e.local_ts = net("192.168.2.0/24");
  e.remote_ts = net("192.168.1.0/24");
  e.transform_sets = {"ts"};
  e.profile = "prof";
  c.crypto_map.push_back(e);
  return c;
}

ResponderDriver::ResponderDriver(platform::Logger* logger, uint64_t seed)
    : random_(seed), our_random_(seed + 1000) {
  us = Endpoint{ip("10.0.0.1"), 500};
  them = Endpoint{ip("10.0.0.2"), 500};
  cfg_ = std::make_shared<const ike::config::IkeConfig>(responder_config());
  engine_ = std::make_unique<ike::engine::Engine>(ike::engine::EngineDeps{&random_, &spis_, logger});
  (void)note(engine_->on_config(clock_.now(), cfg_));
}

Effects ResponderDriver::note(Effects fx) {
  for (const auto& d : fx.datagrams) {
    received_.push_back(d);
    if (received_.size() > 4096) received_.erase(received_.begin());
    if (!keys_ready_ || d.bytes.size() < wire::kHeaderSize) continue;
    auto h = wire::peek_header(d.bytes);
    if (!h || h->spi_i != kInitiatorSpi || h->spi_r != spi_r_) continue;
    wire::Counters c;
    auto outer = wire::decode(d.bytes, c);
    if (!outer.ok() || outer->payloads.empty() || outer->payloads.back().type != wire::PayloadType::Sk) continue;
    const wire::SkKeys k{cipher_.get(), &keys_.sk_er, &keys_.sk_ar};
    if (!wire::unprotect(outer.value(), d.bytes, k, c).ok()) ++undecryptable_;
  }
  return fx;
}

bool ResponderDriver::init() {
  auto kex = ike::crypto::make_key_exchange(wire::KeGroup::Curve25519, our_random_);
  auto prf = ike::crypto::make_prf(wire::PrfId::HmacSha2_256);
  auto cipher = ike::crypto::make_sk_cipher(wire::EncrId::AesCbc, 256, wire::IntegId::HmacSha2_256_128);
  if (!kex.ok() || !prf.ok() || !cipher.ok()) return false;
  kex_ = std::move(kex.value());
  prf_ = std::move(prf.value());
  cipher_ = std::move(cipher.value());
  ni_.assign(32, 0);
  our_random_.fill(ni_);
  wire::Message m;
  m.header.spi_i = kInitiatorSpi;
  m.header.initiator = true;
  wire::Proposal p;
  p.transforms = {wire::Transform::make(wire::TransformType::Encr, 12, 256),
                  wire::Transform::make(wire::TransformType::Prf, 5),
                  wire::Transform::make(wire::TransformType::Integ, 12),
                  wire::Transform::make(wire::TransformType::Ke, 31)};
  m.add(wire::PayloadType::Sa, wire::SaPayload{{p}});
  m.add(wire::PayloadType::Ke, wire::KePayload{wire::KeGroup::Curve25519, kex_->public_value()});
  m.add(wire::PayloadType::Nonce, wire::NoncePayload{ni_});
  // IKE_SA_INIT { SAi1, KEi, Ni } -->
  init_request_ = wire::encode(m);
  Effects fx = raw(init_request_, us, them);
  // <-- IKE_SA_INIT { SAr1, KEr, Nr }
  for (const auto& d : fx.datagrams) {
    wire::Counters c;
    auto r = wire::decode(d.bytes, c);
    if (!r.ok() || !r->header.response) continue;
    const auto* ke = r->find<wire::KePayload>(wire::PayloadType::Ke);
    const auto* nr = r->find<wire::NoncePayload>(wire::PayloadType::Nonce);
    if (!ke || !nr) continue;
    auto g_ir = kex_->compute_shared(ke->data);
    if (!g_ir.ok()) return false;
    nr_ = nr->data;
    spi_r_ = r->header.spi_r;
    const auto seed = ike::crypto::skeyseed(*prf_, ni_, nr_, g_ir.value());
    auto keys = ike::crypto::derive_ike_sa_keys(*prf_, seed, ni_, nr_, kInitiatorSpi, spi_r_,
                                                {prf_->output_size(), 32, 32});
    if (!keys.ok()) return false;
    keys_ = std::move(keys.value());
    keys_ready_ = true;
    return true;
  }
  return false;
}

Effects ResponderDriver::auth(uint32_t message_id) {
  if (!keys_ready_) return {};
  wire::IdPayload idi{wire::IdType::Ipv4Addr, {10, 0, 0, 1}};
  const auto maced = ike::crypto::maced_id(*prf_, keys_.sk_pi, idi.body());
  const auto octets = ike::crypto::signed_octets(init_request_, nr_, maced);
  const auto mac = ike::crypto::psk_auth(
      *prf_, std::span(reinterpret_cast<const uint8_t*>(kDriverPsk), std::char_traits<char>::length(kDriverPsk)),
      octets);
  wire::Message m;
  m.header.exchange = wire::ExchangeType::IkeAuth;
  m.header.message_id = message_id;
  m.add(wire::PayloadType::IdI, idi);
  m.add(wire::PayloadType::Auth, wire::AuthPayload{wire::AuthMethod::SharedKeyMic,
                                                   wire::Bytes(mac.data(), mac.data() + mac.size())});
  wire::Proposal esp;
  esp.protocol = wire::ProtocolId::Esp;
  esp.spi = u32_bytes(0xa0000001u);
  esp.transforms = {wire::Transform::make(wire::TransformType::Encr, 12, 256),
                    wire::Transform::make(wire::TransformType::Integ, 12),
                    wire::Transform::make(wire::TransformType::Esn, 0)};
  m.add(wire::PayloadType::Sa, wire::SaPayload{{esp}});
  m.add(wire::PayloadType::TsI, ts_payload("192.168.1.0", "192.168.1.255"));
  m.add(wire::PayloadType::TsR, ts_payload("192.168.2.0", "192.168.2.255"));
  // IKE_AUTH { IDi, AUTH, SAi2, TSi, TSr } -->
  return message(m);
}

Effects ResponderDriver::message(const wire::Message& m) {
  if (!keys_ready_) return {};
  wire::Message out = m;
  out.header.spi_i = kInitiatorSpi;
  out.header.spi_r = spi_r_;
  out.header.initiator = true;
  const wire::SkKeys k{cipher_.get(), &keys_.sk_ei, &keys_.sk_ai};
  auto bytes = wire::encode_protected(out, k, our_random_);
  if (!bytes.ok()) return {};
  return raw(bytes.value(), us, them);
}

Effects ResponderDriver::sealed(wire::ExchangeType exchange, bool response, uint32_t message_id,
                                wire::PayloadType first, std::span<const uint8_t> inner) {
  if (!keys_ready_) return {};
  wire::Header h;
  h.spi_i = kInitiatorSpi;
  h.spi_r = spi_r_;
  h.exchange = exchange;
  h.initiator = true;
  h.response = response;
  h.message_id = message_id;
  const size_t body = 4 + cipher_->sealed_size(inner.size());
  wire::Bytes out;
  wire::encode_header(h, wire::PayloadType::Sk, static_cast<uint32_t>(wire::kHeaderSize + body), out);
  out.insert(out.end(), {static_cast<uint8_t>(first), 0, static_cast<uint8_t>(body >> 8), static_cast<uint8_t>(body)});
  wire::Bytes iv(cipher_->iv_size());
  our_random_.fill(iv);
  auto sealed = cipher_->seal(out, inner, iv, keys_.sk_ei, keys_.sk_ai);
  if (!sealed) return {};
  out.insert(out.end(), sealed->begin(), sealed->end());
  return raw(out, us, them);
}

Effects ResponderDriver::raw(std::span<const uint8_t> bytes, const Endpoint& from, const Endpoint& to) {
  sent_.push_back(ike::engine::Datagram{from, to, wire::Bytes(bytes.begin(), bytes.end())});
  if (sent_.size() > 4096) sent_.erase(sent_.begin());
  return note(engine_->on_datagram(clock_.now(), to, from, bytes));
}

Effects ResponderDriver::advance(platform::Duration d) {
  clock_.advance(d);
  Effects all;
  for (int i = 0; i < 1000; ++i) {
    auto t = engine_->next_deadline();
    if (!t || *t > clock_.now()) break;
    all.append(note(engine_->on_timer(clock_.now())));
  }
  return all;
}

bool ResponderDriver::drain() {
  const auto end = clock_.now() + std::chrono::hours(96);
  for (int i = 0; i < 20000; ++i) {
    auto t = engine_->next_deadline();
    if (!t || *t > end) break;
    clock_.advance_to(*t);
    (void)note(engine_->on_timer(clock_.now()));
  }
  return engine_->ike_sa_count() == 0;
}

void append_record(std::vector<uint8_t>& script, uint8_t op, std::span<const uint8_t> data) {
  const size_t n = std::min<size_t>(data.size(), 0xffff);
  script.push_back(op);
  script.push_back(static_cast<uint8_t>(n >> 8));
  script.push_back(static_cast<uint8_t>(n));
  script.insert(script.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n));
}

Effects ResponderDriver::run_op(uint8_t op, std::span<const uint8_t> d) {
  switch (op & 7) {
    case 0: return raw(d, us, them);
    case 1: {
      wire::Bytes b(d.begin(), d.end());
      for (size_t i = 0; i < 8 && i + 16 <= b.size(); ++i) {
        b[i] = static_cast<uint8_t>(kInitiatorSpi >> (56 - 8 * i));
        b[8 + i] = static_cast<uint8_t>(spi_r_ >> (56 - 8 * i));
      }
      return raw(b, us, them);
    }
    case 2: {
      if (d.size() < 4) return {};
      const auto exchange = static_cast<wire::ExchangeType>(34 + (d[0] & 3));
      return sealed(exchange, (d[1] & 1) != 0, d[2], static_cast<wire::PayloadType>(d[3]), d.subspan(4));
    }
    case 3: return advance(std::chrono::seconds(d.empty() ? 1 : d[0]));
    case 4: return auth(d.empty() ? 1 : d[0]);
    case 5: return raw(d, Endpoint{us.address, 4500}, Endpoint{them.address, 4500});
    case 6: {
      const uint8_t a = d.size() > 0 ? d[0] : 0, b = d.size() > 1 ? d[1] : 1;
      const auto from = Endpoint{IpAddress::v4(std::array<uint8_t, 4>{10, 9, a, b}), static_cast<uint16_t>(500 + a)};
      return raw(d.size() > 2 ? d.subspan(2) : d, from, them);
    }
    default: {
      if (sent_.empty()) return {};
      const auto copy = sent_[(d.empty() ? 0 : d[0]) % sent_.size()];
      return raw(copy.bytes, copy.local, copy.remote);
    }
  }
}

Effects ResponderDriver::play(std::span<const uint8_t> s) {
  // Bounded: at most 256 records per script (each at most 64 KiB of a finite input).
  Effects all;
  size_t at = 0;
  for (int n = 0; n < 256 && at + 3 <= s.size(); ++n) {
    const uint8_t op = s[at];
    const size_t len = std::min<size_t>((size_t{s[at + 1]} << 8) | s[at + 2], s.size() - at - 3);
    all.append(run_op(op, s.subspan(at + 3, len)));
    at += 3 + len;
  }
  return all;
}

bool ResponderDriver::run_script(std::span<const uint8_t> s) {
  if (s.empty()) return true;
  const uint8_t flags = s[0];
  if ((flags & 1) != 0 && init() && (flags & 2) != 0) (void)auth();
  (void)play(s.subspan(1));
  if (undecryptable_ != 0) return false;
  return drain() && undecryptable_ == 0;
}

}  // namespace ravelin::fuzz
