#include "ike/engine/nat.hpp"

#include <algorithm>

// The SHA-1 of ike/crypto's OpenSSL layer (no OpenSSL header is included here).
#include "ike/crypto/openssl_evp.hpp"

namespace ravelin::ike::engine {

wire::Bytes nat_hash(uint64_t spi_i, uint64_t spi_r, const platform::Endpoint& ep) {
  wire::Bytes in;
  for (uint64_t spi : {spi_i, spi_r}) {
    for (int s = 56; s >= 0; s -= 8) in.push_back(static_cast<uint8_t>(spi >> s));
  }
  auto a = ep.address.bytes();
  in.insert(in.end(), a.begin(), a.end());
  in.push_back(static_cast<uint8_t>(ep.port >> 8));
  in.push_back(static_cast<uint8_t>(ep.port));
  wire::Bytes out(crypto::ossl::digest_size(crypto::ossl::Digest::Sha1));
  if (!crypto::ossl::digest(crypto::ossl::Digest::Sha1, in, out)) out.assign(out.size(), 0);
  return out;
}

void add_nat_detection(wire::Message& m, uint64_t spi_i, uint64_t spi_r, const platform::Endpoint& local,
                       const platform::Endpoint& remote) {
  m.add_notify(wire::NotifyType::NatDetectionSourceIp, nat_hash(spi_i, spi_r, local));
  m.add_notify(wire::NotifyType::NatDetectionDestinationIp, nat_hash(spi_i, spi_r, remote));
}

std::optional<NatResult> check_nat_detection(const wire::Message& m, uint64_t spi_i, uint64_t spi_r,
                                             const platform::Endpoint& local, const platform::Endpoint& remote) {
  const auto* dst = m.find_notify(wire::NotifyType::NatDetectionDestinationIp);
  bool any_src = false;
  bool src_match = false;
  const auto want_src = nat_hash(spi_i, spi_r, remote);
  // Several SOURCE notifies are allowed (one per local address of a multihomed sender).
  for (const auto* n : m.notifies()) {
    if (n->type != wire::NotifyType::NatDetectionSourceIp) continue;
    any_src = true;
    src_match |= n->data == want_src;
  }
  if (!dst || !any_src) return std::nullopt;
  NatResult r;
  r.remote_behind_nat = !src_match;
  r.local_behind_nat = dst->data != nat_hash(spi_i, spi_r, local);
  return r;
}

}  // namespace ravelin::ike::engine
