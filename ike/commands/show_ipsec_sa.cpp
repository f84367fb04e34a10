// IOS `show crypto ipsec sa [peer A | map NAME | detail]` (show_ipsec_sa.hpp) and the flow helpers
// both dialects share.
#include "ike/commands/show_ipsec_sa.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "ike/commands/show_common.hpp"

namespace ravelin::ike::commands {

namespace detail {

std::vector<std::pair<std::string, std::vector<Flow>>> flows_by_interface(const OperationalView& v,
                                                                          const IpsecSaFilter& f) {
  std::map<std::string, std::vector<Flow>> by_if;
  for (const auto& sa : v.sas) {
    if (f.peer && sa.remote.address != *f.peer) continue;
    for (const auto& c : sa.children) {
      if (f.map && v.map_of(c) != *f.map) continue;
      for (const auto& l : c.local_ts) {
        for (const auto& r : c.remote_ts) by_if[v.interface_of(c)].push_back({&sa, &c, l, r});
      }
    }
  }
  std::vector<std::pair<std::string, std::vector<Flow>>> out(by_if.begin(), by_if.end());
  for (auto& [name, flows] : out) {
    std::stable_sort(flows.begin(), flows.end(),
                     [](const Flow& a, const Flow& b) { return a.sa->tunnel_id < b.sa->tunnel_id; });
  }
  return out;
}

std::string ios_transform(const ipsec::sa::EspAlgorithms& a) {
  std::string enc;
  switch (a.encr_id) {
    case 12: enc = a.encr_key_bits == 128 ? "esp-aes" : "esp-" + std::to_string(a.encr_key_bits) + "-aes"; break;
    case 20: enc = "esp-gcm " + std::to_string(a.encr_key_bits); break;
    case 28: enc = "esp-chacha20-poly1305"; break;
    default: enc = "esp-encr-" + std::to_string(a.encr_id); break;
  }
  switch (a.integ_id) {
    case 0: return enc;
    case 2: return enc + " esp-sha-hmac";
    case 12: return enc + " esp-sha256-hmac";
    case 13: return enc + " esp-sha384-hmac";
    case 14: return enc + " esp-sha512-hmac";
    default: return enc + " esp-integ-" + std::to_string(a.integ_id);
  }
}

std::string asa_transform(const ipsec::sa::EspAlgorithms& a) {
  std::string enc;
  switch (a.encr_id) {
    case 12: enc = a.encr_key_bits == 128 ? "esp-aes" : "esp-aes-" + std::to_string(a.encr_key_bits); break;
    case 20: enc = a.encr_key_bits == 128 ? "esp-aes-gcm" : "esp-aes-gcm-" + std::to_string(a.encr_key_bits); break;
    case 28: enc = "esp-chacha20-poly1305"; break;
    default: enc = "esp-encr-" + std::to_string(a.encr_id); break;
  }
  switch (a.integ_id) {
    case 0: return enc + " esp-null-hmac";
    case 2: return enc + " esp-sha-hmac";
    case 12: return enc + " esp-sha-256-hmac";
    case 13: return enc + " esp-sha-384-hmac";
    case 14: return enc + " esp-sha-512-hmac";
    default: return enc + " esp-integ-" + std::to_string(a.integ_id);
  }
}

uint32_t iv_bytes(const ipsec::sa::EspAlgorithms& a) { return a.encr_id == 12 ? 16 : 8; }

uint32_t esp_overhead(const ipsec::sa::EspAlgorithms& a, ipsec::sa::Mode mode, bool v6, bool udp) {
  const uint32_t block = a.encr_id == 12 ? 16 : 4;  // RFC 4303 §2.4: AEAD ciphers pad to 4 bytes
  uint32_t icv = 16;                                 // GCM-16 and Poly1305 tags
  switch (a.integ_id) {
    case 2: icv = 12; break;   // HMAC-SHA1-96
    case 12: icv = 16; break;  // HMAC-SHA2-256-128 (RFC 4868)
    case 13: icv = 24; break;
    case 14: icv = 32; break;
    default: break;
  }
  const uint32_t outer = mode == ipsec::sa::Mode::Tunnel ? (v6 ? 40 : 20) : 0;
  return outer + (udp ? 8 : 0) + 8 + iv_bytes(a) + (block - 1) + 2 + icv;
}

std::string remaining_life(const OperationalView& v, const engine::ChildSaSnapshot& c, uint64_t bytes) {
  const auto* e = v.entry_of(c);
  const uint64_t kb = e != nullptr ? e->lifetime_kilobytes : 0;
  const uint64_t used = bytes / 1024;
  const auto left = c.expire_at > v.now ? std::chrono::duration_cast<std::chrono::seconds>(c.expire_at - v.now).count() : 0;
  return "(" + std::to_string(kb > used ? kb - used : 0) + "/" + std::to_string(left) + ")";
}

bool udp_encap(const engine::IkeSaSnapshot& sa) { return sa.nat_local || sa.nat_remote; }

}  // namespace detail

namespace {

using detail::Flow;

std::string spi_text(uint32_t spi) {
  char b[40];
  std::snprintf(b, sizeof b, "0x%X(%u)", spi, spi);
  return b;
}

void counters(std::string& out, const OperationalView& v, const Flow& f, bool detail) {
  const auto* k = v.kernel_child(f.child->inbound_spi);
  if (auto why = v.not_installed_reason(*f.child); !why.empty() || k == nullptr) {
    out += "    % No packet counters: " + (why.empty() ? std::string("no kernel record of this SA") : why) + "\n";
    return;
  }
  const auto enc = std::to_string(k->outbound_counters.packets), dec = std::to_string(k->inbound_counters.packets);
  out += "    #pkts encaps: " + enc + ", #pkts encrypt: " + enc + ", #pkts digest: " + enc + "\n";
  out += "    #pkts decaps: " + dec + ", #pkts decrypt: " + dec + ", #pkts verify: " + dec + "\n";
  out += "    #pkts compressed: 0, #pkts decompressed: 0\n";
  out += "    #pkts not compressed: 0, #pkts compr. failed: 0\n";
  out += "    #pkts not decompressed: 0, #pkts decompress failed: 0\n";
  const auto& in = k->inbound_counters;
  if (!detail) {
    out += "    #send errors " + std::to_string(k->outbound_counters.errors()) + ", #recv errors " +
           std::to_string(in.errors()) + "\n";
    return;
  }
  // N1's extended counters; the kernel tells replay and integrity failures apart.
  out += "    #pkts no sa (send) 0, #pkts invalid sa (rcv) 0\n";
  out += "    #pkts encaps failed (send) 0, #pkts decaps failed (rcv) " + std::to_string(in.errors()) + "\n";
  out += "    #pkts invalid prot (recv) 0, #pkts verify failed: " + std::to_string(in.integrity_errors) + "\n";
  out += "    #pkts invalid identity (recv) 0, #pkts invalid len (rcv) 0\n";
  out += "    #pkts replay rollover (send): 0, #pkts replay rollover (rcv) 0\n";
  out += "    ##pkts replay failed (rcv): " + std::to_string(in.replay_errors + in.replay_window_errors) + "\n";
  out += "    #pkts tagged (send): 0, #pkts untagged (rcv): 0\n";
  out += "    #pkts not tagged (send): 0, #pkts not untagged (rcv): 0\n";
  out += "    #pkts internal err (send): 0, #pkts internal err (recv) 0\n";
}

std::string status_text(const OperationalView& v, const engine::ChildSaSnapshot& c) {
  const auto* k = v.kernel_child(c.inbound_spi);
  if (!v.not_installed_reason(c).empty() || k == nullptr) return "NOT-INSTALLED";
  return k->state == ipsec::reconcile::ChildState::Lingering ? "ACTIVE(REKEYED)" : "ACTIVE(ACTIVE)";
}

void esp_sa(std::string& out, const OperationalView& v, const Flow& f, bool inbound, uint32_t conn_id) {
  const auto& c = *f.child;
  const auto* k = v.kernel_child(c.inbound_spi);
  const uint64_t bytes = k == nullptr ? 0 : (inbound ? k->inbound_counters.bytes : k->outbound_counters.bytes);
  out += "      spi: " + spi_text(inbound ? c.inbound_spi : c.outbound_spi) + "\n";
  out += "        transform: " + detail::ios_transform(c.algorithms) + " ,\n";
  out += std::string("        in use settings ={") + (c.mode == ipsec::sa::Mode::Tunnel ? "Tunnel" : "Transport") +
         (detail::udp_encap(*f.sa) ? " UDP-Encaps" : "") + ", }\n";
  out += "        conn id: " + std::to_string(conn_id) + ", flow_id: " + std::to_string(conn_id) +
         ", sibling_flags FFFFFFFF80000040, crypto map: " + v.map_of(c) +
         ", initiator : " + (f.sa->initiator ? "True" : "False") + "\n";
  out += "         sa timing: remaining key lifetime (k/sec): " + detail::remaining_life(v, c, bytes) + "\n";
  out += "        IV size: " + std::to_string(detail::iv_bytes(c.algorithms)) + " bytes\n";
  out += "        replay detection support: Y\n";
  out += "        Status: " + status_text(v, c) + "\n";
}

void flow_block(std::string& out, const OperationalView& v, const std::string& ifname, const Flow& f, bool detail,
                uint32_t& conn) {
  const auto& sa = *f.sa;
  const auto& c = *f.child;
  out += "\n   protected vrf: (none)\n";
  out += "   local  ident (addr/mask/prot/port): (" + ops::ident_text(f.local) + ")\n";
  out += "   remote ident (addr/mask/prot/port): (" + ops::ident_text(f.remote) + ")\n";
  out += "   current_peer " + sa.remote.address.to_string() + " port " + std::to_string(sa.remote.port) + "\n";
  out += "     PERMIT, flags={origin_is_acl,}\n";
  counters(out, v, f, detail);
  const uint32_t ovh = detail::esp_overhead(c.algorithms, c.mode, sa.local.address.is_v6(), detail::udp_encap(sa));
  out += "\n     local crypto endpt.: " + sa.local.address.to_string() + ", remote crypto endpt.: " +
         sa.remote.address.to_string() + "\n";
  out += "     plaintext mtu " + std::to_string(1500 - ovh) + ", path mtu 1500, ip mtu 1500, ip mtu idb " + ifname + "\n";
  out += "     current outbound spi: " + spi_text(c.outbound_spi) + "\n";
  const uint16_t pfs = c.algorithms.dh_group;
  out += std::string("     PFS (Y/N): ") + (pfs != 0 ? "Y, DH group: group" + std::to_string(pfs) : "N, DH group: none") + "\n";
  out += "\n     inbound esp sas:\n";
  esp_sa(out, v, f, true, ++conn);
  out += "\n     inbound ah sas:\n\n     inbound pcp sas:\n\n     outbound esp sas:\n";
  esp_sa(out, v, f, false, ++conn);
  out += "          \n     outbound ah sas:\n\n     outbound pcp sas:\n";
}

}  // namespace

namespace {

// A crypto-map flow with no SA yet (IOS lists the ACL's flows of every applied map, SA or not).
struct IdleFlow {
  const config::CryptoMapEntry* entry = nullptr;
  ipsec::ts::TrafficSelector local;
  ipsec::ts::TrafficSelector remote;
};

bool negotiated(const OperationalView& v, const config::CryptoMapEntry& e, const ipsec::ts::TrafficSelector& l,
                const ipsec::ts::TrafficSelector& r) {
  for (const auto& sa : v.sas) {
    for (const auto& c : sa.children) {
      if (c.map_entry_id != e.id()) continue;
      for (const auto& cl : c.local_ts) {
        for (const auto& cr : c.remote_ts) {
          if (l.contains(cl) && r.contains(cr)) return true;
        }
      }
    }
  }
  return false;
}

// Static entries of maps applied to an interface whose selector pairs have no child SA.
std::map<std::string, std::vector<IdleFlow>> idle_flows(const OperationalView& v, const IpsecSaFilter& f) {
  std::map<std::string, std::vector<IdleFlow>> out;
  if (!v.config) return out;
  for (const auto& e : v.config->crypto_map) {
    auto itf = v.interfaces.find(e.map_name);
    if (e.dynamic || e.peers.empty() || itf == v.interfaces.end()) continue;
    if ((f.peer && e.peers.front() != *f.peer) || (f.map && e.map_name != *f.map)) continue;
    for (const auto& l : e.local_ts) {
      for (const auto& r : e.remote_ts) {
        if (!negotiated(v, e, l, r)) out[itf->second].push_back({&e, l, r});
      }
    }
  }
  return out;
}

void idle_block(std::string& out, const std::string& ifname, const IdleFlow& f) {
  const auto& e = *f.entry;
  out += "\n   protected vrf: (none)\n";
  out += "   local  ident (addr/mask/prot/port): (" + ops::ident_text(f.local) + ")\n";
  out += "   remote ident (addr/mask/prot/port): (" + ops::ident_text(f.remote) + ")\n";
  out += "   current_peer " + e.peers.front().to_string() + " port 500\n";
  out += "     PERMIT, flags={origin_is_acl,}\n";
  out += "    #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0\n";
  out += "    #pkts decaps: 0, #pkts decrypt: 0, #pkts verify: 0\n";
  out += "    #pkts compressed: 0, #pkts decompressed: 0\n";
  out += "    #pkts not compressed: 0, #pkts compr. failed: 0\n";
  out += "    #pkts not decompressed: 0, #pkts decompress failed: 0\n";
  out += "    #send errors 0, #recv errors 0\n";
  out += "\n     local crypto endpt.: " + e.local_address.to_string() + ", remote crypto endpt.: " +
         e.peers.front().to_string() + "\n";
  out += "     plaintext mtu 1500, path mtu 1500, ip mtu 1500, ip mtu idb " + ifname + "\n";
  out += "     current outbound spi: 0x0(0)\n";
  out += std::string("     PFS (Y/N): ") + (e.pfs_group != 0 ? "Y, DH group: group" + std::to_string(e.pfs_group) : "N, DH group: none") + "\n";
  out += "\n     inbound esp sas:\n\n     inbound ah sas:\n\n     inbound pcp sas:\n";
  out += "\n     outbound esp sas:\n\n     outbound ah sas:\n\n     outbound pcp sas:\n";
}

}  // namespace

std::string format_ios_ipsec_sa(const OperationalView& v, const IpsecSaFilter& filter) {
  std::map<std::string, std::vector<detail::Flow>> active;
  for (auto& [ifname, flows] : detail::flows_by_interface(v, filter)) active[ifname] = std::move(flows);
  auto idle = idle_flows(v, filter);
  std::set<std::string> names;
  for (const auto& [n, f] : active) names.insert(n);
  for (const auto& [n, f] : idle) names.insert(n);
  std::string out;
  uint32_t conn = 0;
  for (const auto& ifname : names) {
    const auto& flows = active[ifname];
    const auto& waiting = idle[ifname];
    const std::string tag = flows.empty() ? waiting.front().entry->map_name : v.map_of(*flows.front().child);
    const auto addr = flows.empty() ? waiting.front().entry->local_address : flows.front().sa->local.address;
    out += "\ninterface: " + ifname + "\n";
    out += "    Crypto map tag: " + tag + ", local addr " + addr.to_string() + "\n";
    for (const auto& f : flows) flow_block(out, v, ifname, f, filter.detail, conn);
    for (const auto& f : waiting) idle_block(out, ifname, f);
  }
  return out;
}

}  // namespace ravelin::ike::commands
