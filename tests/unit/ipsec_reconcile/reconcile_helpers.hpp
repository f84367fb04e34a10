#pragma once
// Children and crypto-map policies for the reconciler tests.
#include <cstdint>
#include <vector>

#include "ipsec/reconcile/reconciler.hpp"
#include "ipsec/sa/child_sa.hpp"

namespace ravelin::test {

inline platform::IpAddress ip(const char* text) { return *platform::IpAddress::parse(text); }

// AES-CBC-256 with HMAC-SHA256-128 between 203.0.113.1 (us) and 203.0.113.2; every key byte differs
// per direction so a swap shows.
inline ipsec::sa::ChildSa make_child(uint32_t in_spi, uint32_t out_spi, uint32_t entry_id = 0xdeadbeef) {
  ipsec::sa::ChildSa c;
  c.inbound_spi = in_spi;
  c.outbound_spi = out_spi;
  c.local = ip("203.0.113.1");
  c.remote = ip("203.0.113.2");
  c.algorithms = {12, 256, 12, 0};
  c.inbound_encr_key = ipsec::sa::KeyBytes(std::vector<uint8_t>(32, 0x11));
  c.inbound_integ_key = ipsec::sa::KeyBytes(std::vector<uint8_t>(32, 0x22));
  c.outbound_encr_key = ipsec::sa::KeyBytes(std::vector<uint8_t>(32, 0x33));
  c.outbound_integ_key = ipsec::sa::KeyBytes(std::vector<uint8_t>(32, 0x44));
  c.local_ts = {ipsec::ts::TrafficSelector::from_prefix(*platform::Prefix::parse("192.0.2.0/24"))};
  c.remote_ts = {ipsec::ts::TrafficSelector::from_prefix(*platform::Prefix::parse("198.51.100.0/24"))};
  c.lifetime = {3240, 3600, 0, 4608000};
  c.reqid = entry_id;
  c.source = "map CMAP 10";
  return c;
}

inline ipsec::reconcile::DesiredPolicy make_policy(uint32_t entry_id, uint32_t seq, const char* local_net,
                                                   const char* remote_net) {
  ipsec::reconcile::DesiredPolicy d;
  d.entry_id = entry_id;
  d.sequence = seq;
  d.local = ip("203.0.113.1");
  d.remote = ip("203.0.113.2");
  d.local_ts = ipsec::ts::TrafficSelector::from_prefix(*platform::Prefix::parse(local_net));
  d.remote_ts = ipsec::ts::TrafficSelector::from_prefix(*platform::Prefix::parse(remote_net));
  return d;
}

}  // namespace ravelin::test
