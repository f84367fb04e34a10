#include "ike/engine/helpers.hpp"

#include <cstdio>

namespace ravelin::ike::engine {

using platform::IpAddress;

wire::TsPayload to_wire(const ipsec::ts::TrafficSelectors& ts) {
  wire::TsPayload out;
  for (const auto& t : ts) {
    wire::TrafficSelector w;
    w.type = t.start.is_v4() ? wire::TsType::Ipv4AddrRange : wire::TsType::Ipv6AddrRange;
    w.ip_protocol = t.ip_protocol;
    w.start_port = t.start_port;
    w.end_port = t.end_port;
    w.start = t.start;
    w.end = t.end;
    out.selectors.push_back(w);
  }
  return out;
}

ipsec::ts::TrafficSelectors from_wire(const wire::TsPayload& ts) {
  ipsec::ts::TrafficSelectors out;
  for (const auto& w : ts.selectors) {
    ipsec::ts::TrafficSelector t{w.start, w.end, w.ip_protocol, w.start_port, w.end_port};
    if (t.valid()) out.push_back(t);  // a malformed selector is ignored, never trusted
  }
  return out;
}

wire::IdPayload to_wire(const config::Identity& id) {
  wire::IdPayload out;
  out.type = static_cast<wire::IdType>(id.type);
  if (id.type == config::IdType::Ipv4 || id.type == config::IdType::Ipv6) {
    if (auto a = IpAddress::parse(id.value)) out.data.assign(a->bytes().begin(), a->bytes().end());
  } else {
    out.data.assign(id.value.begin(), id.value.end());
  }
  return out;
}

std::optional<config::Identity> from_wire(const wire::IdPayload& id) {
  switch (id.type) {
    case wire::IdType::Ipv4Addr:
    case wire::IdType::Ipv6Addr: {
      auto a = IpAddress::from_bytes(id.data);
      if (!a) return std::nullopt;
      return config::Identity::address(*a);
    }
    case wire::IdType::Fqdn:
      return config::Identity{config::IdType::Fqdn, std::string(id.data.begin(), id.data.end())};
    case wire::IdType::Rfc822Addr:
      return config::Identity{config::IdType::Rfc822, std::string(id.data.begin(), id.data.end())};
    case wire::IdType::KeyId:
      return config::Identity{config::IdType::KeyId, std::string(id.data.begin(), id.data.end())};
    default: return std::nullopt;
  }
}

wire::Bytes spi32_bytes(uint32_t spi) {
  return {static_cast<uint8_t>(spi >> 24), static_cast<uint8_t>(spi >> 16), static_cast<uint8_t>(spi >> 8),
          static_cast<uint8_t>(spi)};
}

std::optional<uint32_t> spi32(const wire::Bytes& b) {
  if (b.size() != 4) return std::nullopt;
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
}

wire::Bytes spi64_bytes(uint64_t spi) {
  wire::Bytes out(8);
  for (int i = 7; i >= 0; --i, spi >>= 8) out[static_cast<size_t>(i)] = static_cast<uint8_t>(spi);
  return out;
}

std::optional<uint64_t> spi64(const wire::Bytes& b) {
  if (b.size() != 8) return std::nullopt;
  uint64_t v = 0;
  for (uint8_t x : b) v = (v << 8) | x;
  return v;
}

Status derive_ike_keys(IkeSa& sa, const crypto::SecretBytes& g_ir, const wire::Bytes& ni, const wire::Bytes& nr,
                       const crypto::SecretBytes* old_sk_d, const crypto::Prf* old_prf) {
  (void)old_prf;  // §2.18: the rekey SKEYSEED uses the NEW SA's PRF
  auto prf = crypto::make_prf(sa.alg.prf);
  if (!prf) return prf.error();
  std::optional<wire::IntegId> integ;
  if (sa.alg.integ != wire::IntegId::None) integ = sa.alg.integ;
  auto cipher = crypto::make_sk_cipher(sa.alg.encr, sa.alg.key_bits, integ);
  if (!cipher) return cipher.error();
  crypto::IkeKeySizes sizes;
  sizes.prf = (*prf)->output_size();
  sizes.encr = (*cipher)->encr_key_size();
  sizes.integ = (*cipher)->integ_key_size();
  crypto::SecretBytes seed = old_sk_d ? crypto::rekey_skeyseed(**prf, *old_sk_d, g_ir, ni, nr)
                                      : crypto::skeyseed(**prf, ni, nr, g_ir);
  auto keys = crypto::derive_ike_sa_keys(**prf, seed, ni, nr, sa.spi_i, sa.spi_r, sizes);
  if (!keys) return keys.error();
  sa.prf = std::move(*prf);
  sa.cipher = std::move(*cipher);
  sa.keys = std::move(*keys);
  return {};
}

Result<ipsec::sa::ChildSa> derive_child(const IkeSa& sa, const ChildState& child, const crypto::SecretBytes* g_ir,
                                        const wire::Bytes& ni, const wire::Bytes& nr, bool we_initiated_exchange) {
  auto encr = static_cast<wire::EncrId>(child.algorithms.encr_id);
  auto esize = crypto::encr_key_size(encr, child.algorithms.encr_key_bits);
  if (!esize) return esize.error();
  size_t isize = 0;
  if (child.algorithms.integ_id != 0) {
    auto s = crypto::integ_key_size(static_cast<wire::IntegId>(child.algorithms.integ_id));
    if (!s) return s.error();
    isize = *s;
  }
  auto km = crypto::derive_child_keys(*sa.prf, sa.keys.sk_d, g_ir, ni, nr, {*esize, isize});
  if (!km) return km.error();
  auto kb = [](const crypto::SecretBytes& s) {
    return ipsec::sa::KeyBytes(std::vector<uint8_t>(s.data(), s.data() + s.size()));
  };
  ipsec::sa::ChildSa out;
  out.inbound_spi = child.inbound_spi;
  out.outbound_spi = child.outbound_spi;
  out.local = sa.local.address;
  out.remote = sa.remote.address;
  out.mode = child.mode;
  out.algorithms = child.algorithms;
  // §2.17: the first keys are for the direction initiator -> responder of THIS exchange.
  const bool i_to_r_is_outbound = we_initiated_exchange;
  out.outbound_encr_key = kb(i_to_r_is_outbound ? km->encr_i : km->encr_r);
  out.outbound_integ_key = kb(i_to_r_is_outbound ? km->integ_i : km->integ_r);
  out.inbound_encr_key = kb(i_to_r_is_outbound ? km->encr_r : km->encr_i);
  out.inbound_integ_key = kb(i_to_r_is_outbound ? km->integ_r : km->integ_i);
  out.local_ts = child.local_ts;
  out.remote_ts = child.remote_ts;
  out.reqid = child.map_entry_id;
  out.source = sa.profile;
  if (sa.nat_local || sa.nat_remote) out.encap = ipsec::sa::UdpEncap{sa.local.port, sa.remote.port};
  return out;
}

wire::SkKeys out_keys(const IkeSa& sa) { return {sa.cipher.get(), &sa.out_encr(), &sa.out_integ()}; }
wire::SkKeys in_keys(const IkeSa& sa) { return {sa.cipher.get(), &sa.in_encr(), &sa.in_integ()}; }

std::string hex_spi(uint64_t spi) {
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(spi));
  return buf;
}

}  // namespace ravelin::ike::engine
