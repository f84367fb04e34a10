// ASA `show crypto ipsec sa [peer A | map NAME]` (cisco-cli.md §4.11, N3; IKEv2 SAs print
// `in use settings ={L2L, Tunnel, IKEv2, }` as in X32). The anti-replay bitmap lines of the capture
// are left out: the kernel's replay window is not read back.
#include <cstdio>

#include "ike/commands/show_common.hpp"
#include "ike/commands/show_ipsec_sa.hpp"

namespace ravelin::ike::commands {

namespace {

using detail::Flow;

// ASA ACE operand: "host A", "any", "192.168.1.0 255.255.255.0" (a range prints as its start-end).
std::string ace_side(const ipsec::ts::TrafficSelector& ts) {
  if (auto p = ts.as_prefix()) {
    if (p->length() == 0) return p->address().is_v6() ? "any6" : "any4";
    if (p->length() == (p->address().is_v6() ? 128 : 32)) return "host " + p->address().to_string();
    if (p->address().is_v6()) return p->to_string();
    return p->address().to_string() + " " + p->mask().to_string();
  }
  return "range " + ts.start.to_string() + " " + ts.end.to_string();
}

std::string hex8(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "%08X", v);
  return b;
}

void counters(std::string& out, const OperationalView& v, const Flow& f) {
  const auto* k = v.kernel_child(f.child->inbound_spi);
  if (auto why = v.not_installed_reason(*f.child); !why.empty() || k == nullptr) {
    out += "      % No packet counters: " + (why.empty() ? std::string("no kernel record of this SA") : why) + "\n";
    return;
  }
  const auto enc = std::to_string(k->outbound_counters.packets), dec = std::to_string(k->inbound_counters.packets);
  out += "      #pkts encaps: " + enc + ", #pkts encrypt: " + enc + ", #pkts digest: " + enc + "\n";
  out += "      #pkts decaps: " + dec + ", #pkts decrypt: " + dec + ", #pkts verify: " + dec + "\n";
  out += "      #pkts compressed: 0, #pkts decompressed: 0\n";
  out += "      #pkts not compressed: " + enc + ", #pkts comp failed: 0, #pkts decomp failed: 0\n";
  out += "      #pre-frag successes: 0, #pre-frag failures: 0, #fragments created: 0\n";
  out += "      #PMTUs sent: 0, #PMTUs rcvd: 0, #decapsulated frgs needing reassembly: 0\n";
  out += "      #TFC rcvd: 0, #TFC sent: 0\n";
  out += "      #Valid ICMP Errors rcvd: 0, #Invalid ICMP Errors rcvd: 0\n";
  out += "      #send errors: " + std::to_string(k->outbound_counters.errors()) +
         ", #recv errors: " + std::to_string(k->inbound_counters.errors()) + "\n";
}

void esp_sa(std::string& out, const OperationalView& v, const Flow& f, bool inbound) {
  const auto& c = *f.child;
  const auto* k = v.kernel_child(c.inbound_spi);
  const bool installed = k != nullptr && v.not_installed_reason(c).empty();
  const uint32_t spi = inbound ? c.inbound_spi : c.outbound_spi;
  const uint64_t bytes = k == nullptr ? 0 : (inbound ? k->inbound_counters.bytes : k->outbound_counters.bytes);
  char head[48];
  std::snprintf(head, sizeof head, "      spi: 0x%08X (%u)\n", spi, spi);
  out += head;
  out += std::string("         SA State: ") + (installed ? "active" : "not installed") + "\n";
  out += "         transform: " + detail::asa_transform(c.algorithms) + " no compression\n";
  out += std::string("         in use settings ={L2L, ") + (c.mode == ipsec::sa::Mode::Tunnel ? "Tunnel, " : "Transport, ") +
         (detail::udp_encap(*f.sa) ? " NAT-T-Encaps, " : "") + "IKEv2, }\n";
  out += "         slot: 0, conn_id: " + std::to_string(f.sa->tunnel_id) + ", crypto-map: " + v.map_of(c) + "\n";
  out += "         sa timing: remaining key lifetime (kB/sec): " + detail::remaining_life(v, c, bytes) + "\n";
  out += "         IV size: " + std::to_string(detail::iv_bytes(c.algorithms)) + " bytes\n";
  out += "         replay detection support: Y\n";
}

void flow_block(std::string& out, const OperationalView& v, const Flow& f) {
  const auto& sa = *f.sa;
  const auto& c = *f.child;
  const auto* e = v.entry_of(c);
  const std::string seq = e != nullptr ? std::to_string(e->seq) : "0";
  out += "    Crypto map tag: " + v.map_of(c) + ", seq num: " + seq + ", local addr: " + sa.local.address.to_string() + "\n\n";
  if (auto acl = v.acls.find(v.map_of(c) + " " + seq); acl != v.acls.end()) {
    const std::string proto = f.local.ip_protocol == 0 ? "ip" : std::to_string(f.local.ip_protocol);
    out += "      access-list " + acl->second + " extended permit " + proto + " " + ace_side(f.local) + " " +
           ace_side(f.remote) + "\n";
  }
  out += "      local ident (addr/mask/prot/port): (" + ops::ident_text(f.local) + ")\n";
  out += "      remote ident (addr/mask/prot/port): (" + ops::ident_text(f.remote) + ")\n";
  out += "      current_peer: " + sa.remote.address.to_string() + "\n\n\n";
  counters(out, v, f);
  const bool udp = detail::udp_encap(sa);
  const uint32_t ovh = detail::esp_overhead(c.algorithms, c.mode, sa.local.address.is_v6(), udp);
  const uint32_t inner = detail::esp_overhead(c.algorithms, ipsec::sa::Mode::Transport, false, false);
  out += "\n      local crypto endpt.: " + sa.local.address.to_string() + "/" + std::to_string(sa.local.port) +
         ", remote crypto endpt.: " + sa.remote.address.to_string() + "/" + std::to_string(sa.remote.port) + "\n";
  out += "      path mtu 1500, ipsec overhead " + std::to_string(ovh) + "(" + std::to_string(inner) + "), media mtu 1500\n";
  out += "      PMTU time remaining (sec): 0, DF policy: copy-df\n";
  out += "      ICMP error validation: disabled, TFC packets: disabled\n";
  out += "      current outbound spi: " + hex8(c.outbound_spi) + "\n";
  out += "      current inbound spi : " + hex8(c.inbound_spi) + "\n\n";
  out += "    inbound esp sas:\n";
  esp_sa(out, v, f, true);
  out += "    outbound esp sas:\n";
  esp_sa(out, v, f, false);
  out += "\n";
}

}  // namespace

std::string format_asa_ipsec_sa(const OperationalView& v, const IpsecSaFilter& filter) {
  const auto groups = detail::flows_by_interface(v, filter);
  if (groups.empty()) return "\nThere are no ipsec sas\n";
  std::string out;
  for (const auto& [ifname, flows] : groups) {
    out += "interface: " + ifname + "\n";
    for (const auto& f : flows) flow_block(out, v, f);
  }
  return out;
}

}  // namespace ravelin::ike::commands
