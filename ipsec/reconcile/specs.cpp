#include "ipsec/reconcile/specs.hpp"

#include <string>
#include <tuple>

namespace ravelin::ipsec::reconcile {
namespace {

using platform::EspEncryption;
using platform::EspIntegrity;

// IANA "Transform Type 1/3" numbers (RFC 7296 §3.3.2, RFC 4106, RFC 4868).
constexpr uint16_t kEncrAesCbc = 12;
constexpr uint16_t kEncrAesGcm16 = 20;
constexpr uint16_t kIntegNone = 0;
constexpr uint16_t kIntegSha1_96 = 2;
constexpr uint16_t kIntegSha256_128 = 12;
constexpr uint16_t kIntegSha384_192 = 13;
constexpr uint16_t kIntegSha512_256 = 14;
constexpr size_t kGcmSaltBytes = 4;  // RFC 4106 §8.1: KEYMAT = key || 4-byte salt

struct Algorithms {
  EspEncryption encryption;
  size_t encryption_key_bytes;  // with the salt for GCM
  EspIntegrity integrity;
  size_t integrity_key_bytes;
};

Result<Algorithms> map_algorithms(const sa::EspAlgorithms& a) {
  Algorithms out{};
  const uint16_t bits = a.encr_key_bits;
  if (bits != 128 && bits != 192 && bits != 256) {
    return make_error("unsupported ESP key length " + std::to_string(bits));
  }
  if (a.encr_id == kEncrAesCbc) {
    out.encryption = EspEncryption::AesCbc;
    out.encryption_key_bytes = bits / 8;
  } else if (a.encr_id == kEncrAesGcm16) {
    out.encryption = EspEncryption::AesGcm16;
    out.encryption_key_bytes = bits / 8 + kGcmSaltBytes;
  } else {
    return make_error("unsupported ESP encryption transform " + std::to_string(a.encr_id));
  }
  const bool aead = out.encryption == EspEncryption::AesGcm16;
  switch (a.integ_id) {
    case kIntegNone: out.integrity = EspIntegrity::None; out.integrity_key_bytes = 0; break;
    case kIntegSha1_96: out.integrity = EspIntegrity::HmacSha1_96; out.integrity_key_bytes = 20; break;
    case kIntegSha256_128: out.integrity = EspIntegrity::HmacSha256_128; out.integrity_key_bytes = 32; break;
    case kIntegSha384_192: out.integrity = EspIntegrity::HmacSha384_192; out.integrity_key_bytes = 48; break;
    case kIntegSha512_256: out.integrity = EspIntegrity::HmacSha512_256; out.integrity_key_bytes = 64; break;
    default: return make_error("unsupported ESP integrity transform " + std::to_string(a.integ_id));
  }
  // RFC 4106 §3 / RFC 7296 §3.3: an AEAD has no integrity transform, anything else needs one.
  if (aead != (out.integrity == EspIntegrity::None)) {
    return make_error(aead ? "AEAD cipher with an integrity transform" : "ESP without integrity");
  }
  return out;
}

platform::SaLifetime map_lifetime(const sa::Lifetime& l) {
  platform::SaLifetime out;
  out.soft_seconds = l.soft_seconds;
  out.hard_seconds = l.hard_seconds;
  out.soft_bytes = l.soft_kilobytes * 1024;
  out.hard_bytes = l.hard_kilobytes * 1024;
  return out;
}

Status check_key(const sa::KeyBytes& key, size_t expected, const char* what) {
  if (key.size() == expected) return {};
  // Lengths only: key bytes never appear in messages.
  return make_error(std::string(what) + " key is " + std::to_string(key.size()) + " bytes, expected " +
                    std::to_string(expected));
}

}  // namespace

Result<SaPair> make_sa_specs(const sa::ChildSa& child, uint32_t reqid) {
  auto algorithms = map_algorithms(child.algorithms);
  if (!algorithms) return algorithms.error();
  const Algorithms& a = *algorithms;
  for (const auto& [key, size, what] :
       {std::tuple{&child.inbound_encr_key, a.encryption_key_bytes, "inbound encryption"},
        std::tuple{&child.outbound_encr_key, a.encryption_key_bytes, "outbound encryption"},
        std::tuple{&child.inbound_integ_key, a.integrity_key_bytes, "inbound integrity"},
        std::tuple{&child.outbound_integ_key, a.integrity_key_bytes, "outbound integrity"}}) {
    if (auto s = check_key(*key, size, what); !s) return s.error();
  }
  platform::SaSpec base;
  base.mode = child.mode == sa::Mode::Tunnel ? platform::IpsecMode::Tunnel : platform::IpsecMode::Transport;
  base.encryption = a.encryption;
  base.integrity = a.integrity;
  base.lifetime = map_lifetime(child.lifetime);
  base.reqid = reqid;

  SaPair pair{base, base};
  pair.inbound.direction = platform::SaDirection::Inbound;
  pair.inbound.src = child.remote;
  pair.inbound.dst = child.local;
  pair.inbound.spi = child.inbound_spi;
  pair.inbound.encryption_key = child.inbound_encr_key.bytes();
  pair.inbound.integrity_key = child.inbound_integ_key.bytes();
  pair.outbound.direction = platform::SaDirection::Outbound;
  pair.outbound.src = child.local;
  pair.outbound.dst = child.remote;
  pair.outbound.spi = child.outbound_spi;
  pair.outbound.encryption_key = child.outbound_encr_key.bytes();
  pair.outbound.integrity_key = child.outbound_integ_key.bytes();
  if (child.encap) {
    pair.inbound.encap = platform::UdpEncap{child.encap->remote_port, child.encap->local_port};
    pair.outbound.encap = platform::UdpEncap{child.encap->local_port, child.encap->remote_port};
  }
  return pair;
}

std::vector<platform::PolicySpec> make_policy_specs(const platform::Selector& outbound,
                                                    const platform::IpAddress& local,
                                                    const platform::IpAddress& remote, sa::Mode mode,
                                                    uint32_t priority, uint32_t reqid) {
  platform::Selector inbound{outbound.dst,           outbound.src,      outbound.protocol,
                             outbound.dst_port,      outbound.src_port, outbound.dst_port_mask,
                             outbound.src_port_mask};
  std::vector<platform::PolicySpec> out;
  for (auto dir : {platform::PolicyDirection::Out, platform::PolicyDirection::In,
                   platform::PolicyDirection::Fwd}) {
    const bool is_out = dir == platform::PolicyDirection::Out;
    platform::PolicySpec p;
    p.id.direction = dir;
    p.id.selector = is_out ? outbound : inbound;
    p.priority = priority;
    p.mode = mode == sa::Mode::Tunnel ? platform::IpsecMode::Tunnel : platform::IpsecMode::Transport;
    p.tmpl_src = is_out ? local : remote;
    p.tmpl_dst = is_out ? remote : local;
    p.reqid = reqid;
    out.push_back(p);
  }
  return out;
}

std::vector<PortBlock> port_blocks(uint16_t first, uint16_t last) {
  std::vector<PortBlock> out;
  uint32_t cur = first;
  while (cur <= last) {
    // The largest block that starts at `cur` (aligned to its size) and ends inside the range.
    uint32_t size = 1;
    while (size < 0x10000 && cur % (size * 2) == 0 && cur + size * 2 - 1 <= last) size *= 2;
    const auto mask = static_cast<uint16_t>(~(size - 1) & 0xffff);
    const auto port = static_cast<uint16_t>(cur);
    out.push_back({port, platform::canonical_port_mask(port, mask)});
    cur += size;
  }
  return out;
}

bool same_policy(const platform::PolicySpec& a, const platform::PolicySpec& b) {
  return a.id == b.id && a.priority == b.priority && a.mode == b.mode && a.tmpl_src == b.tmpl_src &&
         a.tmpl_dst == b.tmpl_dst && a.reqid == b.reqid;
}

}  // namespace ravelin::ipsec::reconcile
