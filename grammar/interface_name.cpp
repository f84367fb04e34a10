#include "grammar/interface_name.hpp"

#include <algorithm>
#include <cctype>

namespace ravelin::grammar {
namespace {

bool iequal_prefix(std::string_view prefix, std::string_view full) {
  if (prefix.size() > full.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(prefix[i])) != std::tolower(static_cast<unsigned char>(full[i]))) {
      return false;
    }
  }
  return true;
}

bool iequal(std::string_view a, std::string_view b) { return a.size() == b.size() && iequal_prefix(a, b); }

// "Gi0/1.100" -> {"Gi", "0/1.100"}: the type is the leading letters and hyphens.
std::pair<std::string_view, std::string_view> split(std::string_view w) {
  size_t i = 0;
  while (i < w.size() && (std::isalpha(static_cast<unsigned char>(w[i])) || w[i] == '-')) ++i;
  return {w.substr(0, i), w.substr(i)};
}

// Digits separated by '/', '.', ':' (Serial0/0:1, Gi0/0/1.100); starts and ends with a digit.
bool well_formed_number(std::string_view n) {
  if (n.empty() || !std::isdigit(static_cast<unsigned char>(n.front())) ||
      !std::isdigit(static_cast<unsigned char>(n.back()))) {
    return false;
  }
  char prev = '0';
  for (char c : n) {
    const bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
    if (!digit && c != '/' && c != '.' && c != ':') return false;
    if (!digit && !std::isdigit(static_cast<unsigned char>(prev))) return false;
    prev = c;
  }
  return true;
}

// When an abbreviation fits several types, IOS resolves the common ones (`f` = FastEthernet).
bool preferred(std::string_view type) {
  static const char* const kPreferred[] = {"FastEthernet", "GigabitEthernet", "Ethernet", "Loopback",
                                           "Serial", "Vlan", "Port-channel"};
  return std::any_of(std::begin(kPreferred), std::end(kPreferred), [&](const char* p) { return type == p; });
}

// Picks the one type among `types` that `typed` abbreviates; "" when none, "?" when ambiguous.
std::string pick_type(std::string_view typed, const std::vector<std::string>& types) {
  std::vector<std::string> hits;
  for (const auto& t : types) {
    if (iequal(typed, t)) return t;
    if (iequal_prefix(typed, t) && std::find(hits.begin(), hits.end(), t) == hits.end()) hits.push_back(t);
  }
  if (hits.size() == 1) return hits[0];
  if (hits.empty()) return "";
  std::vector<std::string> pref;
  for (const auto& h : hits) {
    if (preferred(h)) pref.push_back(h);
  }
  return pref.size() == 1 ? pref[0] : "?";
}

}  // namespace

const std::vector<std::string>& known_interface_types() {
  static const std::vector<std::string> kTypes = {
      "BDI", "Cellular", "Dialer", "Ethernet", "FastEthernet", "FortyGigabitEthernet", "GigabitEthernet",
      "HundredGigE", "Loopback", "Management", "Null", "Port-channel", "Redundant", "Serial",
      "TenGigabitEthernet", "Tunnel", "TwentyFiveGigE", "Virtual-Access", "Virtual-Template", "Vlan"};
  return kTypes;
}

IfResult match_interface(std::string_view type_word, std::string_view number_word,
                         const InterfaceInventory* inventory) {
  if (inventory) {
    for (const auto& n : inventory->names) {
      if (iequal(n, type_word)) return {IfMatch::Ok, n};
    }
  }
  auto [type, number] = split(type_word);
  if (type.empty()) return {IfMatch::Invalid, {}};
  if (number.empty()) {
    if (number_word.empty()) {
      // A lone type word is fine only if it names a type: the number must follow.
      std::vector<std::string> types = known_interface_types();
      if (inventory) {
        types.clear();
        for (const auto& n : inventory->names) types.emplace_back(split(n).first);
      }
      const std::string t = pick_type(type, types);
      if (t == "?") return {IfMatch::Ambiguous, {}};
      return {t.empty() ? IfMatch::Invalid : IfMatch::NeedNumber, {}};
    }
    number = number_word;
  }
  if (!well_formed_number(number)) return {IfMatch::Invalid, {}};
  if (!inventory) {
    const std::string t = pick_type(type, known_interface_types());
    if (t.empty()) return {IfMatch::Invalid, {}};
    if (t == "?") return {IfMatch::Ambiguous, {}};
    return {IfMatch::Ok, t + std::string(number)};
  }
  std::vector<std::string> types;
  for (const auto& n : inventory->names) {
    auto [it, in] = split(n);
    if (in == number) types.emplace_back(it);
  }
  const std::string t = pick_type(type, types);
  if (t.empty()) return {IfMatch::Invalid, {}};
  if (t == "?") return {IfMatch::Ambiguous, {}};
  return {IfMatch::Ok, t + std::string(number)};
}

}  // namespace ravelin::grammar
