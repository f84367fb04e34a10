// ASA `access-list NAME [line N] [extended] …` with netmasks (cisco-cli.md §3.5), and `object network`
// / `object-group network` as far as crypto ACLs use them. The PIX-era short form without `extended`
// is accepted and stored with `extended`, as the ASA does.
#include <string>

#include "grammar/config/node.hpp"
#include "grammar/config/render.hpp"
#include "ipsec/commands/acl.hpp"
#include "ipsec/commands/commands.hpp"
#include "ipsec/commands/service_groups.hpp"

namespace ravelin::ipsec::commands {

namespace {

std::string asa_address(const std::string& side) {
  return "{any$" + side + "_any|any4$" + side + "_any|host A.B.C.D$" + side + "_host|A.B.C.D$" + side +
         "_net M.M.M.M$" + side + "_mask|object WORD$" + side + "_object|object-group WORD$" + side +
         "_group|interface WORD$" + side + "_ifc}";
}

std::string asa_port(const std::string& side) {
  std::string port = "{<0-65535>|" + port_name_alternatives() + "}";
  return "[{eq|neq|lt|gt}$" + side + "_op " + port + "$" + side + "_port|range$" + side + "_op " + port + "$" +
         side + "_port " + port + "$" + side + "_port_hi]";
}

std::string asa_ace_pattern() {
  return "{permit|deny}$action " + protocol_alternatives("ah") + " " + asa_address("src") + " " +
         asa_port("src") + " " + asa_address("dst") + " " + asa_port("dst") + " [log]$log";
}

// The stored line always says `extended` and never `line N` (a position, not part of the entry).
std::string render_access_list(const grammar::config::Node& n, const grammar::config::RenderOptions&) {
  const std::string& w = n.words();
  std::string name = n.args().text("name");
  std::string rest = w.substr(std::min(w.size(), std::string("access-list ").size() + name.size()));
  if (rest.rfind(" line ", 0) == 0) {
    auto after = rest.find(' ', 6);
    rest = after == std::string::npos ? "" : rest.substr(after);
  }
  if (!n.args().has("remark") && rest.rfind(" extended ", 0) != 0) rest = " extended" + rest;
  return "access-list " + name + rest;
}

Status validate_ace(const grammar::ValidateContext& c) {
  if (c.negate || c.args.has("remark")) return {};
  auto ace = ace_from_args(c.args);
  if (!ace.ok()) return make_error("ERROR: " + ace.error().message);
  return {};
}

std::vector<std::string> ace_keys() {
  std::vector<std::string> k = {"name", "remark", "action", "proto", "svc", "log"};
  for (const char* side : {"src", "dst"}) {
    for (const char* f : {"_any", "_host", "_net", "_mask", "_object", "_group", "_ifc", "_op", "_port", "_port_hi"}) {
      k.push_back(std::string(side) + f);
    }
  }
  return k;
}

}  // namespace

void declare_asa_acls(grammar::CommandSet& s) {
  declare_port_help(s);
  auto obj = s.list("object network WORD$name",
                    {.enters = "config-network-object", .rank = rank::kAsaObject, .separator = false,
                     .help = {{"object", "Configure an object"}, {"network", "Specifies a host, subnet or range IP addresses"}}});
  obj.leaf("host {A.B.C.D|X:X::X:X}$host", {.id = "host", .help = {{"host", "Enter this keyword to specify a single host object"}}});
  obj.leaf("subnet A.B.C.D$net M.M.M.M$mask", {.help = {{"subnet", "Enter this keyword to specify a subnet"}}});
  obj.leaf("range A.B.C.D$first A.B.C.D$last", {.help = {{"range", "Enter this keyword to specify a range"}}});
  obj.leaf("description LINE$text", {.help = {{"description", "Specify a description for this object"}}});

  auto grp = s.list("object-group network WORD$name",
                    {.enters = "config-network-object-group", .rank = rank::kAsaObject + 1, .separator = false,
                     .help = {{"object-group", "Create an object group for use in 'access-list', etc"},
                              {"network", "Specifies a group of host or subnet IP addresses"}}});
  grp.leaf("description LINE$text", {.help = {{"description", "Specify a description for this object-group"}}});
  grp.leaf_list("network-object {host A.B.C.D$host|A.B.C.D$net M.M.M.M$mask|object WORD$object}",
                {.help = {{"network-object", "Configure a network object"}, {"host", "Enter this keyword to specify a single host"},
                          {"object", "Enter this keyword to specify a network object"}}});
  grp.leaf_list("group-object WORD$group", {.help = {{"group-object", "Configure an object group as an object"}}});
  declare_asa_service_groups(s, rank::kAsaObject + 2);

  s.leaf_list("access-list WORD$name [line <1-99999>$line] {remark LINE$remark|[extended]$ext " + asa_ace_pattern() + "}",
              {.keys = ace_keys(), .position_arg = "line", .position_group = "name", .id = "access-list", .rank = rank::kAsaAcl,
               .help = {{"access-list", "Configure an access control element"},
                        {"extended", "Configure access policy for IP traffic through the system"},
                        {"line", "Use this to specify line number at which ACE should be entered"},
                        {"remark", "Specify a comment (remark) for the access-list after this keyword"},
                        {"$name", "Access list identifier"},
                        {"permit", "Specify packets to forward"},
                        {"deny", "Specify packets to reject"},
                        {"ip", "Any Internet Protocol"},
                        {"tcp", "Transmission Control Protocol"},
                        {"udp", "User Datagram Protocol"},
                        {"icmp", "Internet Control Message Protocol"},
                        {"<0-255>", "Enter protocol number (0 - 255)"},
                        {"any", "Abbreviation for source address and mask of 0.0.0.0 0.0.0.0"},
                        {"any4", "Abbreviation for any IPv4 address"},
                        {"host", "Use this keyword to configure source host"},
                        {"object", "Use this keyword to configure a network object"},
                        {"object-group", "Use this keyword to configure a network object group"},
                        {"interface", "Use this keyword to specify an interface name"},
                        {"$src_net", "Source IP address"},
                        {"$dst_net", "Destination IP address"},
                        {"$src_mask", "Netmask for the source IP address"},
                        {"$dst_mask", "Netmask for the destination IP address"},
                        {"<0-65535>", "Enter port number (0 - 65535)"},
                        {"log", "Enable log option on this ACE"}},
               .validate = validate_ace, .render = render_access_list});
}

}  // namespace ravelin::ipsec::commands
