// IOS `crypto ipsec transform-set`, `crypto ipsec profile` and the global `crypto ipsec
// security-association` lines (cisco-cli.md §2.7, §2.8).
#include <charconv>
#include <string>

#include "grammar/config/node.hpp"
#include "grammar/config/render.hpp"
#include "ipsec/commands/commands.hpp"
#include "ipsec/commands/transforms.hpp"

namespace ravelin::ipsec::commands {

namespace {

using grammar::ValidateContext;

// One transform position: a keyword, and a key size after the ciphers that take one.
std::string transform_slot(int i) {
  std::string n = std::to_string(i);
  std::string alts;
  for (const auto& t : ios_transforms()) {
    if (!alts.empty()) alts += '|';
    alts += std::string(t.keyword);
    auto sizes = key_sizes(t.keyword);
    if (!sizes.empty()) {
      alts += " [";
      for (size_t k = 0; k < sizes.size(); ++k) alts += (k ? "|" : "") + std::to_string(sizes[k]);
      alts += "]$b" + n;
    }
  }
  return "{" + alts + "}$t" + n;
}

std::string transform_set_pattern() {
  return "crypto ipsec transform-set WORD$name " + transform_slot(1) + " [" + transform_slot(2) + " [" +
         transform_slot(3) + " [" + transform_slot(4) + "]]]";
}

grammar::Help transform_help() {
  grammar::Help h = {{"transform-set", "Define transform and settings"},
                     {"$name", "Transform set tag"},
                     {"128", "128 bit keys."},
                     {"192", "192 bit keys."},
                     {"256", "256 bit keys."}};
  for (const auto& t : ios_transforms()) h.emplace_back(std::string(t.keyword), std::string(t.help));
  return h;
}

Status validate_transform_set(const ValidateContext& c) {
  if (c.negate) return {};
  return check_transform_set(transforms_of(c.args));
}

std::string render_transform_set(const grammar::config::Node& n, const grammar::config::RenderOptions&) {
  return "crypto ipsec transform-set " + n.args().text("name") + " " +
         canonical_transform_words(transforms_of(n.args()));
}

// `set transform-set A B ...`: each name must exist (or be the enabled built-in `default`).
Status validate_set_names(const ValidateContext& c) {
  if (c.negate) return {};
  auto names = c.args.list("sets");
  if (names.size() > 6) return make_error("% Too many transform sets (at most 6)");
  for (const auto& v : names) {
    const auto& name = v.text();
    if (name == "default" && smart_default_enabled(c.root, "crypto ipsec transform-set default")) continue;
    if (c.root.entry("crypto ipsec transform-set", {name}) == nullptr) {
      // Wording seen in secondary sources (cisco-cli.md §2.7); the line is not stored.
      return make_error("ERROR: transform set with tag \"" + name + "\" does not exist.");
    }
  }
  return {};
}

Status validate_ikev2_profile_ref(const ValidateContext& c) {
  if (c.negate) return {};
  auto name = c.args.text("profile");
  if (c.root.entry("crypto ikev2 profile", {name}) == nullptr) {
    return make_error("% IKEv2 profile " + name + " does not exist");
  }
  return {};
}

constexpr const char* kPfsGroups =
    "{group1|group2|group5|group14|group15|group16|group19|group20|group21|group24}$group";

}  // namespace

// Shared by crypto map entries and ipsec profiles.
void declare_ios_sa_settings(grammar::Scope& sc) {
  sc.leaf("set security-association lifetime seconds <120-2592000>$seconds",
          {.id = "set security-association lifetime seconds",
           .help = {{"set", "Set values for encryption/decryption"},
                    {"security-association", "Security association parameters"},
                    {"lifetime", "security association lifetime"},
                    {"seconds", "Time-based key duration in seconds"}}});
  sc.leaf("set security-association lifetime kilobytes {<2560-4294967295>|disable}$kilobytes",
          {.id = "set security-association lifetime kilobytes",
           .help = {{"kilobytes", "Volume-based key duration"}, {"disable", "Disable Volume-based Rekey"}}});
  sc.leaf("set transform-set WORD...$sets",
          {.help = {{"transform-set", "Specify list of transform sets in priority order"},
                    {"$sets", "Transform set name"}},
           .validate = validate_set_names});
  sc.leaf(std::string("set pfs ") + kPfsGroups,
          {.help = {{"pfs", "Specify pfs settings"},
                    {"group1", "D-H Group1 (768-bit modulus)"},
                    {"group2", "D-H Group2 (1024-bit modulus)"},
                    {"group5", "D-H Group5 (1536-bit modulus)"},
                    {"group14", "D-H Group14 (2048-bit modulus)"},
                    {"group15", "D-H Group15 (3072-bit modulus)"},
                    {"group16", "D-H Group16 (4096-bit modulus)"},
                    {"group19", "D-H Group19 (256-bit elliptic curve)"},
                    {"group20", "D-H Group20 (384-bit elliptic curve)"},
                    {"group21", "D-H Group21 (521-bit elliptic curve)"},
                    {"group24", "D-H Group24 (2048-bit modulus, 256-bit subgroup)"}}});
  sc.leaf("set ikev2-profile WORD$profile",
          {.help = {{"ikev2-profile", "Specify ikev2 Profile"}, {"$profile", "ikev2 Profile"}},
           .validate = validate_ikev2_profile_ref});
}

void declare_ios_transform_sets(grammar::CommandSet& s) {
  s.help("ipsec", "Configure IPSEC policy");
  auto ts = s.list(transform_set_pattern(),
                   {.enters = "cfg-crypto-trans",
                    .keys = {"name"},
                    .rank = rank::kTransformSet,
                    .help = transform_help(),
                    .validate = validate_transform_set,
                    .render = render_transform_set});
  ts.leaf("mode {tunnel|transport}$mode",
          {.dflt = "tunnel",
           .show_default = true,
           .help = {{"mode", "encapsulation mode (transport/tunnel)"},
                    {"transport", "transport (payload encapsulation) mode"},
                    {"tunnel", "tunnel (datagram encapsulation) mode"}}});
  // Smart default (IOS-XE 16.x): `no crypto ipsec transform-set default` disables the built-in set.
  s.presence("crypto ipsec transform-set default",
             {.present_by_default = true, .rank = rank::kTransformSet - 1,
              .help = {{"default", "Default transform set"}}});

  s.help("security-association", "Security association parameters");
  s.help("replay", "Set replay checking.");
  s.help("window-size", "Set replay window size.");
  s.help("lifetime", "security association lifetime");
  s.help("seconds", "Time-based key duration in seconds");
  s.help("kilobytes", "Volume-based key duration");
  for (const char* w : {"64", "128", "256", "512", "1024"}) s.help(w, std::string("Window size of ") + w + " packets");
  auto prof = s.list("crypto ipsec profile WORD$name",
                     {.enters = "ipsec-profile", .rank = rank::kIpsecProfile,
                      .help = {{"profile", "Configure an ipsec policy profile"}, {"$name", "Profile name"}}});
  prof.leaf("description LINE$text", {.help = {{"description", "Description of the crypto profile"}}});
  declare_ios_sa_settings(prof);
  prof.presence("responder-only", {.help = {{"responder-only", "Do not initiate SAs from this device"}}});
  s.presence("crypto ipsec profile default",
             {.present_by_default = true, .rank = rank::kIpsecProfile - 1,
              .help = {{"default", "Default IPsec profile"}}});

  s.leaf("crypto ipsec security-association lifetime seconds <120-86400>$seconds",
         {.dflt = 3600, .id = "crypto ipsec security-association lifetime seconds", .rank = rank::kIpsecGlobal});
  s.leaf("crypto ipsec security-association lifetime kilobytes <2560-4294967295>$kilobytes",
         {.dflt = int64_t{4608000}, .id = "crypto ipsec security-association lifetime kilobytes",
          .rank = rank::kIpsecGlobal});
  s.leaf("crypto ipsec security-association replay window-size {64|128|256|512|1024}$size",
         {.dflt = "64", .id = "crypto ipsec security-association replay window-size", .rank = rank::kIpsecGlobal});
}

std::vector<TypedTransform> transforms_of(const grammar::Args& args) {
  std::vector<TypedTransform> out;
  for (int i = 1; i <= 4; ++i) {
    auto n = std::to_string(i);
    if (!args.has("t" + n)) continue;
    TypedTransform t;
    t.keyword = args.text("t" + n);
    auto bits = args.text("b" + n);
    uint16_t v = 0;
    std::from_chars(bits.data(), bits.data() + bits.size(), v);
    t.bits = v;
    out.push_back(std::move(t));
  }
  return out;
}

bool smart_default_enabled(const grammar::config::Node& root, std::string_view kind) {
  const auto* n = root.find(kind);
  return n == nullptr || !n->negated();
}

}  // namespace ravelin::ipsec::commands
