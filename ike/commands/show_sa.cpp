// IOS `show crypto ikev2 sa [detailed]` (cisco-cli.md §4.1/§4.2) and the exec declarations.
#include "ike/commands/show_sa.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "grammar/exec_context.hpp"
#include "ike/commands/show_common.hpp"
#include "ike/engine/engine.hpp"

namespace ravelin::ike::commands {

std::string ikev2_encr_name(uint16_t encr) {
  switch (encr) {
    case 2: return "DES";
    case 3: return "3DES";
    case 12: return "AES-CBC";
    case 13: return "AES-CTR";
    case 18: case 19: case 20: return "AES-GCM";  // RFC 5282: ICV 8/12/16 all print as AES-GCM
    case 28: return "CHACHA20-POLY1305";
    default: return "Unknown(" + std::to_string(encr) + ")";
  }
}

std::string ikev2_prf_name(uint16_t prf) {
  switch (prf) {
    case 1: return "MD5";
    case 2: return "SHA1";
    case 5: return "SHA256";
    case 6: return "SHA384";
    case 7: return "SHA512";
    default: return "Unknown(" + std::to_string(prf) + ")";
  }
}

std::string ikev2_integ_name(uint16_t integ) {
  switch (integ) {
    case 0: return "None";
    case 1: return "MD596";
    case 2: return "SHA96";
    case 12: return "SHA256";
    case 13: return "SHA384";
    case 14: return "SHA512";
    default: return "Unknown(" + std::to_string(integ) + ")";
  }
}

namespace detail {

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

uint64_t active_seconds(const engine::IkeSaSnapshot& sa, platform::TimePoint now) {
  if (now < sa.established) return 0;
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(now - sa.established).count());
}

std::vector<engine::IkeSaSnapshot> by_tunnel_id(std::vector<engine::IkeSaSnapshot> sas) {
  std::sort(sas.begin(), sas.end(), [](const auto& a, const auto& b) { return a.tunnel_id < b.tunnel_id; });
  return sas;
}

}  // namespace detail

namespace {

using detail::active_seconds;
using detail::by_tunnel_id;
using detail::pad;
using engine::IkeSaSnapshot;

void algorithm_lines(std::string& out, const IkeSaSnapshot& sa, platform::TimePoint now) {
  out += "      Encr: " + ikev2_encr_name(sa.encr) + ", keysize: " + std::to_string(sa.key_bits) +
         ", PRF: " + ikev2_prf_name(sa.prf) + ", Hash: " + ikev2_integ_name(sa.integ) +
         ", DH Grp:" + std::to_string(sa.group) + ", Auth sign: PSK, Auth verify: PSK\n";
  out += "      Life/Active Time: " + std::to_string(sa.lifetime_seconds) + "/" +
         std::to_string(active_seconds(sa, now)) + " sec\n";
}

std::string spi_line(const IkeSaSnapshot& sa) {
  uint64_t local = sa.initiator ? sa.spi_i : sa.spi_r;
  uint64_t remote = sa.initiator ? sa.spi_r : sa.spi_i;
  char buf[96];
  std::snprintf(buf, sizeof buf, "      Local spi: %016llX       Remote spi: %016llX\n",
                static_cast<unsigned long long>(local), static_cast<unsigned long long>(remote));
  return buf;
}

std::string nat_line(const IkeSaSnapshot& sa, bool session_layout) {
  // IOS: "inside" when this router is behind the NAT, "outside" when the peer is (§4.2 [G5]).
  if (sa.nat_local) return "      NAT-T is detected inside\n";
  if (sa.nat_remote) return "      NAT-T is detected  outside\n";
  return session_layout ? "      NAT-T is not detected  \n" : "      NAT-T is not detected\n";
}

}  // namespace

namespace detail {

std::string ios_endpoint(const platform::Endpoint& e) {
  std::string a = e.address.to_string();
  if (e.address.is_v6()) std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return std::toupper(c); });
  return a + "/" + std::to_string(e.port);
}

const char* ios_table_header(bool v6) {
  return v6 ? "Tunnel-id    fvrf/ivrf              Status\n"
            : "Tunnel-id Local                 Remote                fvrf/ivrf            Status \n";
}

void ios_sa_head(std::string& out, const IkeSaSnapshot& sa, platform::TimePoint now, bool ce_line) {
  const std::string status = engine::status_name(sa.status);
  if (sa.local.address.is_v6()) {  // §4.1 [G3]: addresses on their own lines
    out += pad(std::to_string(sa.tunnel_id), 11) + pad("none/none", 22) + status + "\n";
    out += "Local  " + ios_endpoint(sa.local) + "\n";
    out += "Remote  " + ios_endpoint(sa.remote) + "\n";
  } else {
    out += pad(std::to_string(sa.tunnel_id), 10) + pad(ios_endpoint(sa.local), 22) +
           pad(ios_endpoint(sa.remote), 22) + pad("none/none", 21) + pad(status, 7) + "\n";
  }
  algorithm_lines(out, sa, now);
  if (ce_line) out += "      CE id: 0, Session-id: " + std::to_string(sa.tunnel_id) + "\n";
}

void ios_sa_detail(std::string& out, const IkeSaSnapshot& sa, const SaShowSettings& st, bool session_layout) {
  out += "      Status Description: ";
  out += sa.status == engine::IkeStatus::Ready ? "Negotiation done\n" : "Negotiation in progress\n";
  out += spi_line(sa);
  out += "      Local id: " + sa.local_identity + "\n";
  out += "      Remote id: " + sa.remote_identity + "\n";
  auto pair = [&](const char* l, uint32_t lv, const char* r, uint32_t rv) {
    std::string right = r + std::to_string(rv);
    out += "      " + pad(std::string(l) + std::to_string(lv), 34) + (session_layout ? pad(right, 30) : right) + "\n";
  };
  pair("Local req msg id:  ", sa.next_request_id, "Remote req msg id:  ", sa.next_peer_request_id);
  pair("Local next msg id: ", sa.next_request_id, "Remote next msg id: ", sa.next_peer_request_id);
  pair("Local req queued:  ", sa.next_request_id, "Remote req queued:  ", sa.next_peer_request_id);
  pair("Local window:      ", st.window_size, "Remote window:      ", st.window_size);
  out += "      DPD configured for " + std::to_string(st.dpd_interval) + " seconds, retry " +
         std::to_string(st.dpd_retry) + "\n";
  out += "      Fragmentation not  configured.\n";
  out += "      Dynamic Route Update: disabled\n";
  out += "      Extended Authentication not configured.\n";
  out += nat_line(sa, session_layout);
  out += "      Cisco Trust Security SGT is disabled\n";
  out += std::string("      Initiator of SA : ") + (sa.initiator ? "Yes" : "No") + "\n";
}

}  // namespace detail

std::string format_ios_ikev2_sa(const std::vector<IkeSaSnapshot>& sas, bool detailed, platform::TimePoint now,
                                const SettingsOf& settings_of) {
  std::string out;
  for (bool v6 : {false, true}) {
    out += v6 ? " IPv6 Crypto IKEv2  SA \n\n" : " IPv4 Crypto IKEv2  SA \n\n";
    bool header = false;
    for (const auto& sa : by_tunnel_id(sas)) {
      if (sa.local.address.is_v6() != v6) continue;
      if (!header) {
        out += detail::ios_table_header(v6);
        header = true;
      }
      detail::ios_sa_head(out, sa, now, true);
      if (detailed) {
        detail::ios_sa_detail(out, sa, settings_of ? settings_of(sa) : SaShowSettings{}, false);
      } else {
        out += spi_line(sa);
      }
      out += "\n";
    }
  }
  return out;
}

std::string format_ios_ikev2_sa(const std::vector<IkeSaSnapshot>& sas, bool detailed, platform::TimePoint now,
                                const SaShowSettings& settings) {
  return format_ios_ikev2_sa(sas, detailed, now, [&settings](const IkeSaSnapshot&) { return settings; });
}

namespace {

// Keyword help as `?` prints it; the IOS texts of show/crypto/ikev2 repeat the sibling
// `show crypto ikev2 proposal` declarations (ios_show.cpp) so both read the same.
grammar::Help sa_help(bool asa) {
  if (asa)
    return {{"show", "Show running system information"}, {"crypto", "Show crypto information"},
            {"ikev2", "Show IKEv2 information"},          {"sa", "Show IKEv2 SAs"},
            {"detail", "Show detailed IKEv2 SA information"}, {"stats", "Show IKEv2 statistics"}};
  return {{"show", "Show running system information"}, {"crypto", "Encryption module"},
          {"ikev2", "Shows ikev2 information"},        {"sa", "Shows ikev2 SAs"},
          {"detailed", "detailed output"},             {"stats", "Shows ikev2 sa statistics"}};
}

}  // namespace

void declare_ikev2_sa_show(grammar::CommandSet& s, grammar::Dialect dialect) {
  const bool asa = dialect == grammar::Dialect::Asa;
  // Privilege 15 like the sibling `show crypto ikev2 proposal|policy|profile` commands.
  const grammar::ActionOptions opts{.privilege = 15, .help = sa_help(asa)};
  s.exec().add(asa ? "show crypto ikev2 sa [detail]$detail" : "show crypto ikev2 sa [detailed]$detail",
               [asa](grammar::ExecContext& ctx) -> Status {
                 const auto* dp = ops::dataplane(ctx);
                 if (dp == nullptr) return {};
                 const bool detail = ctx.args.has("detail");
                 const auto cfg = dp->config();
                 const auto sas = dp->engine().snapshot();
                 ctx.out += asa ? format_asa_ikev2_sa(sas, detail, dp->now())
                                : format_ios_ikev2_sa(sas, detail, dp->now(), [&cfg](const IkeSaSnapshot& sa) {
                                    return ops::settings_for(cfg.get(), sa);
                                  });
                 return {};
               },
               opts);
  s.exec().add("show crypto ikev2 stats", [](grammar::ExecContext& ctx) -> Status {
    const auto* dp = ops::dataplane(ctx);
    if (dp == nullptr) return {};
    ctx.out += format_ikev2_stats(dp->engine().snapshot(), dp->engine().counters());
    return {};
  }, opts);
}

}  // namespace ravelin::ike::commands
