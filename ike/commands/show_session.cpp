// IOS `show crypto ikev2 session [detailed]` and `show crypto session [detail]` (show_session.hpp).
#include "ike/commands/show_session.hpp"

#include <cstdio>

#include "ike/commands/show_common.hpp"

namespace ravelin::ike::commands {

namespace {

using engine::ChildSaSnapshot;
using engine::IkeSaSnapshot;

bool is_up(const IkeSaSnapshot& sa) {
  return sa.status == engine::IkeStatus::Ready || sa.status == engine::IkeStatus::Rekeying;
}

std::string spi_pair(const ChildSaSnapshot& c) {
  char b[64];
  std::snprintf(b, sizeof b, "0x%08X/0x%08X", c.inbound_spi, c.outbound_spi);
  return b;
}

// The brief layout has two spaces after "local selector" (G7), the detailed one a single space (G6).
void selector_lines(std::string& out, const ChildSaSnapshot& c, bool detailed) {
  bool first = true;
  auto line = [&](const std::string& label, const ipsec::ts::TrafficSelector& ts) {
    out += first ? "Child sa: " : "          ";
    out += label + ops::range_text(ts) + "\n";
    first = false;
  };
  for (const auto& ts : c.local_ts) line(detailed ? "local selector " : "local selector  ", ts);
  for (const auto& ts : c.remote_ts) line("remote selector ", ts);
  if (first) out += "Child sa: \n";
}

void child_block(std::string& out, const OperationalView& v, const ChildSaSnapshot& c, bool detailed) {
  selector_lines(out, c, detailed);
  out += "          ESP spi in/out: " + spi_pair(c) + "  \n";
  if (!detailed) {
    out += "          \n";
    return;
  }
  out += "          AH spi in/out: 0x0/0x0  \n";
  out += "          CPI in/out: 0x0/0x0  \n";
  const auto& a = c.algorithms;
  out += "          Encr: " + ikev2_encr_name(a.encr_id) + ", keysize: " + std::to_string(a.encr_key_bits) +
         ", esp_hmac: " + ikev2_integ_name(a.integ_id) + "\n";
  out += std::string("          ah_hmac: None, comp: IPCOMP_NONE, mode ") +
         (c.mode == ipsec::sa::Mode::Tunnel ? "tunnel" : "transport") + "\n";
  // Ours: a child the kernel does not carry says so instead of looking healthy.
  if (auto why = v.not_installed_reason(c); !why.empty()) out += "          % " + why + "\n";
}

}  // namespace

const char* ios_session_status(const IkeSaSnapshot& sa) {
  if (is_up(sa)) return sa.children.empty() ? "UP-IDLE" : "UP-ACTIVE";
  return sa.status == engine::IkeStatus::Deleting ? "DOWN" : "DOWN-NEGOTIATING";
}

std::string hms(uint64_t seconds) {
  char b[48];
  std::snprintf(b, sizeof b, "%02llu:%02llu:%02llu", static_cast<unsigned long long>(seconds / 3600),
                static_cast<unsigned long long>(seconds / 60 % 60), static_cast<unsigned long long>(seconds % 60));
  return b;
}

std::string format_ios_ikev2_session(const OperationalView& v, bool detailed, const SettingsOf& settings_of) {
  std::string out;
  for (bool v6 : {false, true}) {
    out += v6 ? "IPv6 Crypto IKEv2 Session \n\n" : "IPv4 Crypto IKEv2 Session \n\n";
    for (const auto& sa : detail::by_tunnel_id(v.sas)) {
      if (sa.local.address.is_v6() != v6) continue;
      out += "Session-id:" + std::to_string(sa.tunnel_id) + ", Status:" + ios_session_status(sa) +
             ", IKE count:1, CHILD count:" + std::to_string(sa.children.size()) + "\n\n";
      out += detail::ios_table_header(v6);
      detail::ios_sa_head(out, sa, v.now, detailed);
      if (detailed) {
        detail::ios_sa_detail(out, sa, settings_of ? settings_of(sa) : SaShowSettings{}, true);
      } else {
        out += "\n";
      }
      for (const auto& c : sa.children) child_block(out, v, c, detailed);
      out += "\n";
    }
  }
  return out;
}

}  // namespace ravelin::ike::commands
