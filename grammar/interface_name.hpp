#pragma once
// IOS/ASA interface names: `f0/0` -> FastEthernet0/0, `gi0/1`, `te0/0/0`, `lo0`, `tu1`, `int tunnel 1`
// (type and number in two words), case-insensitive type abbreviation by unique prefix.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ravelin::grammar {

// The interfaces the platform has (canonical names, e.g. "GigabitEthernet0/0", "Tunnel1", "eth0").
// Without an inventory (check mode) any well-formed name of a known type is accepted.
struct InterfaceInventory {
  std::vector<std::string> names;
};

enum class IfMatch : uint8_t { Ok, NeedNumber, Ambiguous, Invalid };

struct IfResult {
  IfMatch status = IfMatch::Invalid;
  std::string name;  // canonical full name when Ok
};

// `type_word` alone ("tunnel"), or with its number glued ("tu1", "Gi0/0.100"); `number_word` is the
// next word when the type stood alone (empty if none).
[[nodiscard]] IfResult match_interface(std::string_view type_word, std::string_view number_word,
                                       const InterfaceInventory* inventory);

// The IOS/ASA interface type names known without an inventory.
[[nodiscard]] const std::vector<std::string>& known_interface_types();

}  // namespace ravelin::grammar
