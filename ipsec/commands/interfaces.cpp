// `interface NAME` in both dialects (cisco-cli.md §2.11, §3.7): addresses, crypto map binding (IOS),
// nameif/security-level (ASA) and the route-based VTI lines, parsed and validated.
#include <string>

#include "ipsec/commands/commands.hpp"

namespace ravelin::ipsec::commands {

namespace {

Status validate_ipsec_profile_ref(const grammar::ValidateContext& c) {
  if (c.negate) return {};
  auto name = c.args.text("profile");
  if (name == "default" && smart_default_enabled(c.root, "crypto ipsec profile default")) return {};
  if (c.root.entry("crypto ipsec profile", {name}) == nullptr) {
    return make_error("% IPsec profile " + name + " does not exist");
  }
  return {};
}

// An interface address must be a host address inside its subnet, not the network or broadcast one.
Status validate_ipv4_address(const grammar::ValidateContext& c) {
  if (c.negate) return {};
  auto p = c.args.prefix_with_mask("address", "mask");
  if (!p) return make_error("% Bad mask " + c.args.text("mask") + " for address " + c.args.text("address"));
  auto a = c.args.address("address");
  if (a && p->length() < 31 && (*a == p->first() || *a == p->last())) {
    return make_error("Bad mask /" + std::to_string(p->length()) + " for address " + a->to_string());
  }
  return {};
}

void declare_common(grammar::Scope& i, bool asa) {
  i.leaf("description LINE$text", {.rank = -10, .help = {{"description", "Interface specific description"}}});
  i.leaf_list("ipv6 address X:X::X:X/M$prefix", {.help = {{"ipv6", "IPv6 interface subcommands"},
                                                          {"address", "Configure IPv6 address on interface"}}});
  i.leaf("tunnel destination {A.B.C.D|X:X::X:X}$address",
         {.help = {{"tunnel", "protocol-over-protocol tunneling"}, {"destination", "destination of tunnel"}}});
  i.leaf("tunnel mode {ipsec$mode {ipv4|ipv6}$family|gre$mode {ip|multipoint}$family}",
         {.help = {{"mode", "tunnel encapsulation method"}, {"ipsec", "IPSec tunnel encapsulation"},
                   {"gre", "generic route encapsulation protocol"}, {"ipv4", "over IPv4"},
                   {"ipv6", "over IPv6"}, {"ip", "over IP"}, {"multipoint", "over IP (multipoint)"}}});
  i.leaf("tunnel protection ipsec profile WORD$profile [shared]$shared",
         {.help = {{"protection", "Enable tunnel protection"}, {"profile", "Determine the ipsec policy profile to use."}},
          // The ASA prints interfaces before the ipsec profiles they name, so only IOS checks here.
          .validate = asa ? grammar::ValidateHook() : grammar::ValidateHook(validate_ipsec_profile_ref)});
  i.presence("shutdown", {.rank = 100, .help = {{"shutdown", "Shutdown the selected interface"}}});
}

}  // namespace

void declare_ios_interfaces(grammar::CommandSet& s) {
  s.help("interface", "Select an interface to configure");
  auto i = s.list("interface INTERFACE$name",
                  {.enters = "config-if", .order = grammar::Order::Key, .rank = rank::kInterface});
  i.leaf("vrf forwarding WORD$vrf", {.help = {{"vrf", "VPN Routing/Forwarding parameters on the interface"},
                                              {"forwarding", "Configure forwarding table"}}});
  i.leaf("ip address A.B.C.D$address M.M.M.M$mask",
         {.help = {{"ip", "Interface Internet Protocol config commands"}, {"address", "Set the IP address of an interface"}},
          .validate = validate_ipv4_address});
  i.leaf_list("ip address A.B.C.D$address M.M.M.M$mask secondary",
              {.keys = {"address"}, .id = "ip address secondary",
               .help = {{"secondary", "Make this IP address a secondary address"}}, .validate = validate_ipv4_address});
  i.leaf("ip unnumbered INTERFACE$interface", {.help = {{"unnumbered", "Enable IP processing without an explicit address"}}});
  i.leaf("ip mtu <68-9216>$mtu", {.help = {{"mtu", "Set IP Maximum Transmission Unit"}}});
  i.leaf("ip tcp adjust-mss <500-1460>$mss", {.help = {{"tcp", "TCP header compression and/or mss parameters"},
                                                    {"adjust-mss", "Adjust the mss of transit packets"}}});
  i.leaf("ip nat {inside|outside}$side", {.help = {{"nat", "NAT interface commands"}, {"inside", "Inside interface for address translation"},
                                                    {"outside", "Outside interface for address translation"}}});
  i.leaf("tunnel source {INTERFACE$interface|A.B.C.D$address}",
         {.help = {{"source", "source of tunnel packets"}}});
  i.leaf("tunnel vrf WORD$vrf", {.help = {{"vrf", "set tunnel vrf membership"}}});
  declare_common(i, false);
  i.leaf("crypto map WORD$map", {.help = {{"crypto", "Encryption/Decryption commands"},
                                          {"map", "Assign a Crypto Map"}}});
  i.presence("negotiation auto", {.help = {{"negotiation", "Select Autonegotiation mode"}, {"auto", "Enable link autonegotiation"}}});
  i.leaf("duplex {auto|full|half}$duplex", {.help = {{"duplex", "Configure duplex operation."}, {"auto", "Enable AUTO duplex configuration"},
                                                       {"full", "Force full duplex operation"}, {"half", "Force half-duplex operation"}}});
  i.leaf("speed {auto|10|100|1000}$speed", {.help = {{"speed", "Configure speed operation."}, {"auto", "Enable AUTO speed configuration"},
                                                          {"10", "Force 10 Mbps operation"}, {"100", "Force 100 Mbps operation"},
                                                          {"1000", "Force 1000 Mbps operation"}}});
}

void declare_asa_interfaces(grammar::CommandSet& s) {
  s.help("interface", "Select an interface to configure");
  auto i = s.list("interface INTERFACE$name",
                  {.enters = "config-if", .order = grammar::Order::Key, .rank = rank::kAsaInterface,
                   .separator = false});
  i.leaf("nameif WORD$nameif", {.help = {{"nameif", "Assign name to interface"}}});
  i.leaf("security-level <0-100>$level", {.help = {{"security-level", "Specify security level of this interface"}}});
  i.leaf("ip address A.B.C.D$address M.M.M.M$mask [standby A.B.C.D$standby]",
         {.help = {{"ip", "Configure the IP address"}, {"address", "Configure the IP address"},
                   {"standby", "Specify the standby address"}},
          .validate = validate_ipv4_address});
  i.leaf("tunnel source interface WORD$nameif",
         {.help = {{"source", "source of tunnel packets"}, {"interface", "Interface name"}}});
  declare_common(i, true);
}

}  // namespace ravelin::ipsec::commands
