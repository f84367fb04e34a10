#pragma once
// `show crypto ikev2 sa [detailed]` (IOS), `show crypto ikev2 sa [detail]` (ASA) and
// `show crypto ikev2 stats` rendered from engine snapshots, in the layouts of cisco-cli.md §4.1, §4.2,
// §4.4 and §4.10. The formatters are pure (snapshots + now in, text out) so they are testable
// without a running engine; declare_ikev2_sa_show wires them to the Dataplane service
// (`ctx.services.get<ike::commands::Dataplane>()`, ike/commands/dataplane.hpp).
#include <functional>
#include <string>
#include <vector>

#include "grammar/command_set.hpp"
#include "ike/engine/snapshot.hpp"
#include "platform/clock.hpp"

namespace ravelin::ike::commands {

// Facts the snapshot does not carry (they live in the configuration); the defaults are IOS's
// when nothing is configured: no DPD ("configured for 0 seconds, retry 0") and a window of 1.
struct SaShowSettings {
  uint32_t dpd_interval = 0;
  uint32_t dpd_retry = 0;
  uint32_t window_size = 1;
};

// IANA transform numbers as IOS names them in `show crypto ikev2 sa` ("AES-CBC", "SHA256", "SHA96").
[[nodiscard]] std::string ikev2_encr_name(uint16_t encr);
[[nodiscard]] std::string ikev2_prf_name(uint16_t prf);
[[nodiscard]] std::string ikev2_integ_name(uint16_t integ);  // "None" for 0 (AEAD)

// The DPD/window facts of one SA (its profile's DPD, else the global one).
using SettingsOf = std::function<SaShowSettings(const engine::IkeSaSnapshot&)>;

[[nodiscard]] std::string format_ios_ikev2_sa(const std::vector<engine::IkeSaSnapshot>& sas, bool detailed,
                                              platform::TimePoint now, const SaShowSettings& settings = {});
[[nodiscard]] std::string format_ios_ikev2_sa(const std::vector<engine::IkeSaSnapshot>& sas, bool detailed,
                                              platform::TimePoint now, const SettingsOf& settings_of);
[[nodiscard]] std::string format_asa_ikev2_sa(const std::vector<engine::IkeSaSnapshot>& sas, bool detail,
                                              platform::TimePoint now);
[[nodiscard]] std::string format_ikev2_stats(const std::vector<engine::IkeSaSnapshot>& sas,
                                             const engine::EngineCounters& counters);

// Declares `show crypto ikev2 sa [detailed]` (ASA: `[detail]`) and `show crypto ikev2 stats` in exec
// mode. The handlers print nothing when main provided no Dataplane service; the time is the
// Dataplane's, the DPD/window facts come from its configuration.
void declare_ikev2_sa_show(grammar::CommandSet& s, grammar::Dialect dialect);

namespace detail {  // shared by show_sa*.cpp
[[nodiscard]] std::string pad(std::string s, size_t width);  // left-aligned, never truncates
[[nodiscard]] uint64_t active_seconds(const engine::IkeSaSnapshot& sa, platform::TimePoint now);
[[nodiscard]] std::vector<engine::IkeSaSnapshot> by_tunnel_id(std::vector<engine::IkeSaSnapshot> sas);
// "203.0.113.1/500"; IPv6 in upper case as IOS prints it.
[[nodiscard]] std::string ios_endpoint(const platform::Endpoint& e);
// The IOS SA table header (IPv4 and IPv6 layouts differ, §4.1).
[[nodiscard]] const char* ios_table_header(bool v6);
// The table row, the Encr and Life/Active Time lines, and (with ce_line) "CE id: 0, Session-id: N".
void ios_sa_head(std::string& out, const engine::IkeSaSnapshot& sa, platform::TimePoint now, bool ce_line);
// The `detailed` lines from "Status Description" to "Initiator of SA". `session_layout` keeps the
// trailing spaces of `show crypto ikev2 session detailed` (§4.3 capture G6); `show crypto ikev2 sa
// detailed` (§4.2, G4) has none.
void ios_sa_detail(std::string& out, const engine::IkeSaSnapshot& sa, const SaShowSettings& st, bool session_layout);
}  // namespace detail

}  // namespace ravelin::ike::commands
