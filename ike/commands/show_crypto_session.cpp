// IOS `show crypto session [detail]` (cisco-cli.md §4.8 for detail [V N2]; the brief layout follows
// genieparser's ShowCryptoSession golden_output3, which keeps the device's trailing spaces).
#include <algorithm>
#include <chrono>

#include "ike/commands/show_common.hpp"
#include "ike/commands/show_session.hpp"

namespace ravelin::ike::commands {

namespace {

using engine::ChildSaSnapshot;
using engine::IkeSaSnapshot;

// "host 10.1.1.4", "192.168.1.0/255.255.255.0", "0.0.0.0/0.0.0.0", or a range.
std::string flow_side(const ipsec::ts::TrafficSelector& ts) {
  if (auto p = ts.as_prefix()) {
    const bool host = p->length() == (p->address().is_v6() ? 128 : 32);
    if (host) return "host " + p->address().to_string();
    if (p->address().is_v6()) return p->to_string();
    return p->address().to_string() + "/" + p->mask().to_string();
  }
  return ts.start.to_string() + "-" + ts.end.to_string();
}

std::string flow_protocol(const ipsec::ts::TrafficSelector& ts) {
  if (ts.ip_protocol != 0) return std::to_string(ts.ip_protocol);
  return ts.family() == platform::Family::V6 ? "ipv6" : "ip";
}

uint64_t remaining_seconds(platform::TimePoint until, platform::TimePoint now) {
  if (until <= now) return 0;
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(until - now).count());
}

// "life (KB/Sec) 4607363/2513": the volume left of the entry's kilobyte lifetime, and the seconds left.
std::string life(const OperationalView& v, const ChildSaSnapshot& c, const platform::SaCounters& k) {
  const auto* e = v.entry_of(c);
  const uint64_t kb = e != nullptr ? e->lifetime_kilobytes : 0;
  const uint64_t used = k.bytes / 1024;
  return std::to_string(kb > used ? kb - used : 0) + "/" + std::to_string(remaining_seconds(c.expire_at, v.now));
}

void flow_block(std::string& out, const OperationalView& v, const ChildSaSnapshot& c, bool detail) {
  const auto* k = v.kernel_child(c.inbound_spi);
  const std::string why = v.not_installed_reason(c);
  const int active = why.empty() && k != nullptr ? int(k->inbound_installed) + int(k->outbound_installed) : 0;
  for (const auto& l : c.local_ts) {
    for (const auto& r : c.remote_ts) {
      out += "  IPSEC FLOW: permit " + flow_protocol(l) + " " + flow_side(l) + " " + flow_side(r) + (detail ? "\n" : " \n");
      out += "        Active SAs: " + std::to_string(active) + ", origin: crypto map\n";
      if (!why.empty()) {
        out += "        % " + why + "\n";  // ours: no counters rather than silent zeros
      } else if (detail && k != nullptr) {
        out += "        Inbound:  #pkts dec'ed " + std::to_string(k->inbound_counters.packets) + " drop " +
               std::to_string(k->inbound_counters.errors()) + " life (KB/Sec) " + life(v, c, k->inbound_counters) + "\n";
        out += "        Outbound: #pkts enc'ed " + std::to_string(k->outbound_counters.packets) + " drop " +
               std::to_string(k->outbound_counters.errors()) + " life (KB/Sec) " + life(v, c, k->outbound_counters) + "\n";
      }
    }
  }
}

std::string interface_of(const OperationalView& v, const IkeSaSnapshot& sa) {
  for (const auto& c : sa.children) {
    if (auto i = v.interface_of(c); i != "(none)") return i;
  }
  return "(none)";
}

std::string ike_line(const IkeSaSnapshot& sa, bool detail) {
  const bool up = sa.status == engine::IkeStatus::Ready || sa.status == engine::IkeStatus::Rekeying;
  std::string local = detail::ios_endpoint(sa.local), remote = detail::ios_endpoint(sa.remote);
  std::string state = up ? "Active" : "Inactive";
  if (sa.local.address.is_v6()) return "  IKEv2 SA: local " + local + "\n          remote " + remote + " " + state + " \n";
  return "  IKEv2 SA: local " + local + " remote " + remote + " " + state + (detail ? "\n" : " \n");
}

std::string capabilities(const IkeSaSnapshot& sa, const SaShowSettings& st) {
  std::string caps;
  if (st.dpd_interval != 0) caps += "D";
  if (sa.nat_local || sa.nat_remote) caps += "N";
  return caps.empty() ? "(none)" : caps;
}

void session(std::string& out, const OperationalView& v, const IkeSaSnapshot& sa, bool detail, const SaShowSettings& st) {
  const uint64_t active = detail::active_seconds(sa, v.now);
  const std::string peer = detail::ios_endpoint(sa.remote);
  const std::string peer_addr = peer.substr(0, peer.rfind('/'));
  out += "Interface: " + interface_of(v, sa) + "\n";
  if (!sa.profile.empty()) out += "Profile: " + sa.profile + "\n";
  if (detail) out += "Uptime: " + hms(active) + "\n";
  out += "Session status: " + detail::pad(ios_session_status(sa), detail ? 13 : 14) + "\n";
  out += "Peer: " + peer_addr + " port " + std::to_string(sa.remote.port) +
         (detail ? " fvrf: (none) ivrf: (none)\n" : " \n");
  if (detail) {
    out += "      Phase1_id: " + sa.remote_identity + "\n";
    out += "      Desc: (none)\n";
  }
  out += "  Session ID: " + std::to_string(sa.tunnel_id) + (detail ? " \n" : "  \n");
  out += ike_line(sa, detail);
  if (detail) {
    const uint64_t left = sa.lifetime_seconds > active ? sa.lifetime_seconds - active : 0;
    out += "          Capabilities:" + capabilities(sa, st) + " connid:" + std::to_string(sa.tunnel_id) +
           " lifetime:" + hms(left) + "\n";
  }
  for (const auto& c : sa.children) flow_block(out, v, c, detail);
}

}  // namespace

std::string format_ios_crypto_session(const OperationalView& v, bool detail, const SettingsOf& settings_of) {
  std::string out = "Crypto session current status\n";
  if (detail) {
    out += " \n"
           "Code: C - IKE Configuration mode, D - Dead Peer Detection    \n"
           "K - Keepalives, N - NAT-traversal, T - cTCP encapsulation    \n"
           "X - IKE Extended Authentication, F - IKE Fragmentation\n"
           "R - IKE Auto Reconnect, U - IKE Dynamic Route Update\n"
           "S - SIP VPN\n";
  }
  for (const auto& sa : detail::by_tunnel_id(v.sas)) {
    out += detail ? " \n" : "\n";
    session(out, v, sa, detail, settings_of ? settings_of(sa) : SaShowSettings{});
  }
  return out;
}

}  // namespace ravelin::ike::commands
