// ASA `show crypto ikev2 sa [detail]` (cisco-cli.md §4.10) and IOS `show crypto ikev2 stats` (§4.4).
#include <cstdio>

#include "ike/commands/show_sa.hpp"

namespace ravelin::ike::commands {

namespace {

using detail::pad;
using engine::IkeSaSnapshot;
using engine::IkeStatus;

bool is_up(IkeStatus s) { return s == IkeStatus::Ready || s == IkeStatus::Rekeying; }

// One selector as ASA prints it: "start/start-port - end/end-port".
std::string asa_selector(const ipsec::ts::TrafficSelectors& ts) {
  if (ts.empty()) return "";
  const auto& t = ts.front();
  return t.start.to_string() + "/" + std::to_string(t.start_port) + " - " + t.end.to_string() + "/" +
         std::to_string(t.end_port);
}

void asa_children(std::string& out, const IkeSaSnapshot& sa) {
  for (const auto& c : sa.children) {
    out += "Child sa: local selector  " + asa_selector(c.local_ts) + "\n";
    out += "          remote selector " + asa_selector(c.remote_ts) + "\n";
    char buf[64];
    std::snprintf(buf, sizeof buf, "          ESP spi in/out: 0x%08x/0x%08x\n", c.inbound_spi, c.outbound_spi);
    out += buf;
  }
}

// Older ASA images print no PRF (it follows integrity); "Hash: N/A" for AEAD; no keysize for 3DES/DES.
std::string asa_algorithms(const IkeSaSnapshot& sa) {
  std::string line = "      Encr: " + ikev2_encr_name(sa.encr);
  if (sa.key_bits != 0) line += ", keysize: " + std::to_string(sa.key_bits);
  line += ", Hash: " + (sa.integ == 0 ? std::string("N/A") : ikev2_integ_name(sa.integ));
  return line + ", DH Grp:" + std::to_string(sa.group) + ", Auth sign: PSK, Auth verify: PSK\n";
}

void asa_session(std::string& out, const IkeSaSnapshot& sa, bool detail, platform::TimePoint now) {
  const bool v6 = sa.local.address.is_v6();
  out += "Session-id:" + std::to_string(sa.tunnel_id) + ", Status:" +
         (is_up(sa.status) ? "UP-ACTIVE" : "UP-IN-NEGOTIATION") +
         ", IKE count:1, CHILD count:" + std::to_string(sa.children.size()) + "\n\n";
  // Column widths as captured: IPv4 [GC1] and IPv6 [G16] differ.
  out += v6 ? "Tunnel-id Local" + std::string(47, ' ') + "Remote" + std::string(50, ' ') + "Status         Role\n"
            : "Tunnel-id Local                   Remote                Status         Role\n";
  char id[16];
  std::snprintf(id, sizeof id, "%9u ", sa.tunnel_id);
  const size_t w_local = v6 ? 51 : 22, w_remote = v6 ? 56 : 22;
  out += std::string(id) + pad(sa.local.address.to_string() + "/" + std::to_string(sa.local.port), w_local) +
         " " + pad(sa.remote.address.to_string() + "/" + std::to_string(sa.remote.port), w_remote) + " " +
         pad(engine::status_name(sa.status), 9) + (sa.initiator ? "INITIATOR" : "RESPONDER") + "\n";
  out += asa_algorithms(sa);
  out += "      Life/Active Time: " + std::to_string(sa.lifetime_seconds) + "/" +
         std::to_string(detail::active_seconds(sa, now)) + " sec\n";
  if (detail) out += "      Session-id: " + std::to_string(sa.tunnel_id) + "\n";
  asa_children(out, sa);
}

std::string num(uint64_t v, size_t width) { return pad(std::to_string(v), width); }

}  // namespace

std::string format_asa_ikev2_sa(const std::vector<IkeSaSnapshot>& sas, bool detail, platform::TimePoint now) {
  if (sas.empty()) return "\nThere are no IKEv2 SAs\n";
  std::string out = "\nIKEv2 SAs:\n";
  for (const auto& sa : detail::by_tunnel_id(sas)) {
    out += "\n";
    asa_session(out, sa, detail, now);
  }
  return out;
}

std::string format_ikev2_stats(const std::vector<IkeSaSnapshot>& sas, const engine::EngineCounters& c) {
  uint64_t in_active = 0, in_neg = 0, out_active = 0, out_neg = 0;
  for (const auto& sa : sas) {
    uint64_t& slot = sa.initiator ? (is_up(sa.status) ? out_active : out_neg) : (is_up(sa.status) ? in_active : in_neg);
    ++slot;
  }
  // Requests are counted per IKE SA: an incoming one is accepted when it became an SA, rejected when
  // half-open admission refused it; ravelin has no SA limit other than the half-open one.
  const uint64_t in_acc = in_active + in_neg, rej = c.half_open_refused, out_req = out_active + out_neg;
  const uint64_t dropped = c.dropped_unknown_spi + c.dropped_out_of_window + c.dropped_invalid;
  std::string o;
  o += std::string(80, '-') + "\n                          Crypto IKEv2 SA Statistics\n" + std::string(80, '-') + "\n";
  o += "System Resource Limit:   0        Max IKEv2 SAs: 0        Max in nego(in/out): 40/400\n";
  o += "Total incoming IKEv2 SA Count:    " + num(in_acc, 9) + "active:        " + num(in_active, 9) +
       "negotiating: " + num(in_neg, 6) + "\n";
  o += "Total outgoing IKEv2 SA Count:    " + num(out_req, 9) + "active:        " + num(out_active, 9) +
       "negotiating: " + num(out_neg, 6) + "\n";
  o += "Incoming IKEv2 Requests: " + num(in_acc + rej, 9) + "accepted:      " + num(in_acc, 9) +
       "rejected:    " + num(rej, 8) + "\n";
  o += "Outgoing IKEv2 Requests: " + num(out_req, 9) + "accepted:      " + num(out_req, 9) +
       "rejected:    " + num(0, 8) + "\n";
  o += "Rejected IKEv2 Requests: " + num(rej, 9) + "rsrc low:      " + num(0, 9) + "SA limit:    " + num(rej, 8) + "\n";
  o += "IKEv2 packets dropped at dispatch: " + num(dropped, 8) + "\n";
  o += "Incoming Requests dropped as LOW Q limit reached : " + num(0, 8) + "\n";
  o += "Incoming IKEV2 Cookie Challenged Requests: " + num(c.cookies_sent, 8) + "\n";
  o += "    accepted: " + num(0, 9) + "rejected: " + num(0, 9) + "rejected no cookie: " + num(0, 8) + "\n";
  return o;
}

}  // namespace ravelin::ike::commands
