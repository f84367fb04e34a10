#pragma once
// Minimal classic pcap writer (libpcap format: global header + per-record header, LINKTYPE_ETHERNET)
// with synthesized Ethernet / IPv4 / UDP headers, so a capture can be handed to tshark.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "platform/net/ip_address.hpp"

namespace ravelin::ike::test {

class PcapWriter {
 public:
  void add_udp(const platform::IpAddress& src, uint16_t sport, const platform::IpAddress& dst, uint16_t dport,
               const std::vector<uint8_t>& payload) {
    std::vector<uint8_t> f;
    // Ethernet II: dst MAC, src MAC, EtherType IPv4.
    const uint8_t dmac[6] = {0x02, 0, 0, 0, 0, 2}, smac[6] = {0x02, 0, 0, 0, 0, 1};
    f.insert(f.end(), dmac, dmac + 6);
    f.insert(f.end(), smac, smac + 6);
    be16(f, 0x0800);
    const size_t ip_at = f.size();
    const uint16_t ip_len = static_cast<uint16_t>(20 + 8 + payload.size());
    f.push_back(0x45);
    f.push_back(0);
    be16(f, ip_len);
    be16(f, static_cast<uint16_t>(++ip_id_));
    be16(f, 0x4000);  // DF
    f.push_back(64);
    f.push_back(17);
    be16(f, 0);  // checksum, filled below
    f.insert(f.end(), src.bytes().begin(), src.bytes().end());
    f.insert(f.end(), dst.bytes().begin(), dst.bytes().end());
    const uint16_t sum = ip_checksum(&f[ip_at], 20);
    f[ip_at + 10] = static_cast<uint8_t>(sum >> 8);
    f[ip_at + 11] = static_cast<uint8_t>(sum);
    be16(f, sport);
    be16(f, dport);
    be16(f, static_cast<uint16_t>(8 + payload.size()));
    be16(f, 0);  // UDP checksum 0 = none (RFC 768, IPv4 only)
    f.insert(f.end(), payload.begin(), payload.end());
    frames_.push_back(std::move(f));
  }

  bool write(const std::string& path) const {
    std::vector<uint8_t> o;
    le32(o, 0xa1b2c3d4);  // microsecond-resolution magic
    le16(o, 2);
    le16(o, 4);
    le32(o, 0);      // thiszone
    le32(o, 0);      // sigfigs
    le32(o, 65535);  // snaplen
    le32(o, 1);      // LINKTYPE_ETHERNET
    uint32_t sec = 1700000000;
    for (const auto& f : frames_) {
      le32(o, sec++);
      le32(o, 0);
      le32(o, static_cast<uint32_t>(f.size()));
      le32(o, static_cast<uint32_t>(f.size()));
      o.insert(o.end(), f.begin(), f.end());
    }
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(o.data()), static_cast<std::streamsize>(o.size()));
    return static_cast<bool>(out);
  }

 private:
  static void be16(std::vector<uint8_t>& o, uint16_t v) {
    o.push_back(static_cast<uint8_t>(v >> 8));
    o.push_back(static_cast<uint8_t>(v));
  }
  static void le16(std::vector<uint8_t>& o, uint16_t v) {
    o.push_back(static_cast<uint8_t>(v));
    o.push_back(static_cast<uint8_t>(v >> 8));
  }
  static void le32(std::vector<uint8_t>& o, uint32_t v) {
    le16(o, static_cast<uint16_t>(v));
    le16(o, static_cast<uint16_t>(v >> 16));
  }
  static uint16_t ip_checksum(const uint8_t* p, size_t n) {
    uint32_t s = 0;
    for (size_t i = 0; i + 1 < n; i += 2) s += static_cast<uint32_t>(p[i] << 8 | p[i + 1]);
    while (s >> 16) s = (s & 0xffff) + (s >> 16);
    return static_cast<uint16_t>(~s);
  }
  std::vector<std::vector<uint8_t>> frames_;
  uint32_t ip_id_ = 0;
};

}  // namespace ravelin::ike::test
