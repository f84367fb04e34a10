#pragma once
// `show crypto ipsec sa` for IOS (cisco-cli.md §4.5: X1 layout, `detail` adds N1's error counters)
// and ASA (§4.11), rendered from an OperationalView: the engine's child SAs grouped by the interface
// their crypto map is applied on, one block per protected flow, with the kernel's counters.
//
// Counters come from the kernel only. A child the kernel does not carry (this kernel has no ESP, or
// a kernel call failed) prints, instead of counters, one line saying why ("    % No packet
// counters: not installed: no ESP in this kernel: ...") and `Status: NOT-INSTALLED`; silent zeros
// would claim traffic could flow.
#include <optional>
#include <string>
#include <vector>

#include "ike/commands/show_view.hpp"

namespace ravelin::ike::commands {

struct IpsecSaFilter {
  std::optional<platform::IpAddress> peer;  // `peer A.B.C.D`
  std::optional<std::string> map;           // `map NAME`
  bool detail = false;                      // `detail`
};

[[nodiscard]] std::string format_ios_ipsec_sa(const OperationalView& v, const IpsecSaFilter& filter);
[[nodiscard]] std::string format_asa_ipsec_sa(const OperationalView& v, const IpsecSaFilter& filter);

namespace detail {

// One protected flow: a child SA of an IKE SA and one of its selector pairs.
struct Flow {
  const engine::IkeSaSnapshot* sa = nullptr;
  const engine::ChildSaSnapshot* child = nullptr;
  ipsec::ts::TrafficSelector local;
  ipsec::ts::TrafficSelector remote;
};
// The flows the filter selects, grouped by interface (interfaces in name order, then tunnel id).
[[nodiscard]] std::vector<std::pair<std::string, std::vector<Flow>>> flows_by_interface(const OperationalView& v,
                                                                                        const IpsecSaFilter& f);
// IOS transform words: "esp-256-aes esp-sha256-hmac", "esp-gcm 256".
[[nodiscard]] std::string ios_transform(const ipsec::sa::EspAlgorithms& a);
// ASA transform words: "esp-aes-256 esp-sha-256-hmac", "esp-aes-gcm-256 esp-null-hmac".
[[nodiscard]] std::string asa_transform(const ipsec::sa::EspAlgorithms& a);
// Bytes of an ESP IV for the cipher (16 for CBC, 8 for GCM and ChaCha20-Poly1305).
[[nodiscard]] uint32_t iv_bytes(const ipsec::sa::EspAlgorithms& a);
// Worst-case ESP overhead in bytes (outer header in tunnel mode, ESP header, IV, padding, trailer,
// ICV, UDP encapsulation): what `plaintext mtu` and the ASA's `ipsec overhead` subtract.
[[nodiscard]] uint32_t esp_overhead(const ipsec::sa::EspAlgorithms& a, ipsec::sa::Mode mode, bool v6, bool udp);
// "(4607999/3497)": kilobytes left of the entry's volume lifetime and seconds until expiry.
[[nodiscard]] std::string remaining_life(const OperationalView& v, const engine::ChildSaSnapshot& c, uint64_t bytes);
// Whether the IKE SA runs over UDP 4500 with ESP in UDP (RFC 3948).
[[nodiscard]] bool udp_encap(const engine::IkeSaSnapshot& sa);

}  // namespace detail

}  // namespace ravelin::ike::commands
