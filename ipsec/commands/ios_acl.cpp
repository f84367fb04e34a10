// IOS ACLs (cisco-cli.md §2.10): named extended/standard lists with sequence numbers, numbered
// `access-list 1-99|1300-1999` (standard) and `100-199|2000-2699` (extended). Wildcard masks.
#include <string>

#include "ipsec/commands/acl.hpp"
#include "ipsec/commands/commands.hpp"

namespace ravelin::ipsec::commands {

namespace {

// `any`, `host A`, `A WILDCARD`, `object-group NAME`; bindings prefixed by `side` ("src"/"dst").
std::string ios_address(const std::string& side) {
  return "{any$" + side + "_any|host A.B.C.D$" + side + "_host|A.B.C.D$" + side + "_net W.W.W.W$" + side +
         "_wild|object-group WORD$" + side + "_group}";
}

std::string port_op(const std::string& side) {
  std::string port = "{<0-65535>|" + port_name_alternatives() + "}";
  return "[{eq|neq|lt|gt}$" + side + "_op " + port + "$" + side + "_port|range$" + side + "_op " + port + "$" +
         side + "_port " + port + "$" + side + "_port_hi]";
}

grammar::Help ace_help() {
  return {{"permit", "Specify packets to forward"},
          {"deny", "Specify packets to reject"},
          {"remark", "Access list entry comment"},
          {"ip", "Any Internet Protocol"},
          {"tcp", "Transmission Control Protocol"},
          {"udp", "User Datagram Protocol"},
          {"icmp", "Internet Control Message Protocol"},
          {"gre", "Cisco's GRE tunneling"},
          {"esp", "Encapsulation Security Payload"},
          {"ahp", "Authentication Header Protocol"},
          {"any", "Any source host"},
          {"host", "A single source host"},
          {"object-group", "Object group"},
          {"eq", "Match only packets on a given port number"},
          {"neq", "Match only packets not on a given port number"},
          {"lt", "Match only packets with a lower port number"},
          {"gt", "Match only packets with a greater port number"},
          {"range", "Match only packets in the range of port numbers"},
          {"log", "Log matches against this entry"},
          {"established", "Match established connections"},
          {"<0-255>", "An IP protocol number"},
          {"<0-65535>", "Port number"},
          {"<1-2147483647>", "Sequence Number"},
          {"$src_net", "Source address"},
          {"$src_host", "Source address"},
          {"$dst_host", "Destination address"},
          {"$dst_net", "Destination address"},
          {"$src_wild", "Source wildcard bits"},
          {"$dst_wild", "Destination wildcard bits"},
          {"<1-99>", "IP standard access list"},
          {"<100-199>", "IP extended access list"},
          {"<1300-1999>", "IP standard access list (expanded range)"},
          {"<2000-2699>", "IP extended access list (expanded range)"}};
}

Status validate_ace(const grammar::ValidateContext& c) {
  if (c.negate || c.args.has("remark")) return {};
  auto ace = ace_from_args(c.args);
  if (!ace.ok()) return ace.error();
  return {};
}

}  // namespace

std::string ios_extended_ace_pattern() {
  return "{permit|deny}$action " + protocol_alternatives("ahp") + " " + ios_address("src") + " " +
         port_op("src") + " " + ios_address("dst") + " " + port_op("dst") + " [established]$established [log]$log";
}

std::string ios_standard_ace_pattern() {
  return "{permit|deny}$action {any$src_any|host A.B.C.D$src_host|A.B.C.D$src_net [W.W.W.W$src_wild]} [log]$log";
}

void declare_ios_acls(grammar::CommandSet& s) {
  declare_port_help(s);
  s.help("access-list", "Add an access list entry");
  auto ext = s.list("ip access-list extended WORD$name",
                    {.enters = "config-ext-nacl", .rank = rank::kAcl,
                     .help = {{"access-list", "Named access-list"},
                              {"extended", "Extended Access List"},
                              {"$name", "Access-list name"}}});
  ext.list("[<1-2147483647>$seq] {remark LINE$remark|" + ios_extended_ace_pattern() + "}",
           {.keys = {"seq"}, .auto_seq = "seq", .render_seq = false, .order = grammar::Order::Key,
            .separator = false, .help = ace_help(), .validate = validate_ace});

  auto std_acl = s.list("ip access-list standard WORD$name",
                        {.enters = "config-std-nacl", .rank = rank::kAcl,
                         .help = {{"standard", "Standard Access List"}, {"$name", "Access-list name"}}});
  std_acl.list("[<1-2147483647>$seq] {remark LINE$remark|" + ios_standard_ace_pattern() + "}",
               {.keys = {"seq"}, .auto_seq = "seq", .render_seq = false, .order = grammar::Order::Key,
                .separator = false, .help = ace_help()});

  s.leaf_list("access-list {<100-199>|<2000-2699>}$number {remark LINE$remark|" + ios_extended_ace_pattern() + "}",
              {.id = "access-list extended", .rank = rank::kAcl + 1, .help = ace_help(), .validate = validate_ace});
  s.leaf_list("access-list {<1-99>|<1300-1999>}$number {remark LINE$remark|" + ios_standard_ace_pattern() + "}",
              {.id = "access-list standard", .rank = rank::kAcl + 1, .help = ace_help()});
}

}  // namespace ravelin::ipsec::commands
