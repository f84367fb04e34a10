#pragma once
// IOS `show crypto ikev2 session [detailed]` (cisco-cli.md §4.3, captures G6/G7) and
// `show crypto session [detail]` (§4.8, N2; brief layout from genieparser's ShowCryptoSession
// fixtures), rendered from an OperationalView.
#include <string>

#include "ike/commands/show_sa.hpp"
#include "ike/commands/show_view.hpp"

namespace ravelin::ike::commands {

[[nodiscard]] std::string format_ios_ikev2_session(const OperationalView& v, bool detailed,
                                                   const SettingsOf& settings_of = {});
[[nodiscard]] std::string format_ios_crypto_session(const OperationalView& v, bool detail,
                                                    const SettingsOf& settings_of = {});

// IOS session states: UP-ACTIVE (IKE and IPsec SAs up), UP-IDLE (IKE up, no IPsec SA),
// DOWN-NEGOTIATING, DOWN (being deleted).
[[nodiscard]] const char* ios_session_status(const engine::IkeSaSnapshot& sa);
// "12:47:36": hours may exceed 24, as IOS prints lifetimes.
[[nodiscard]] std::string hms(uint64_t seconds);

}  // namespace ravelin::ike::commands
