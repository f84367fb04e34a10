#include "ipsec/commands/service_groups.hpp"

#include <algorithm>
#include <optional>
#include <string>

namespace ravelin::ipsec::commands {

namespace {

using grammar::config::Node;

constexpr int kMaxDepth = 8;  // nested group-object chains (a loop stops here)

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

// `tcp-udp` is both protocols; anything else one protocol (or none when unknown).
std::vector<uint8_t> protocols_of(std::string_view word) {
  if (word == "tcp-udp") return {6, 17};
  if (auto p = protocol_number(word)) return {*p};
  return {};
}

bool has_ports(uint8_t protocol) { return protocol == 6 || protocol == 17; }

// `eq|neq|lt|gt P` or `range P P` at words[i]; advances i past it. nullopt when words[i] is no operator
// or the port is not a port.
std::optional<PortMatch> port_op_at(const std::vector<std::string_view>& w, size_t& i) {
  if (i >= w.size()) return std::nullopt;
  static constexpr std::pair<std::string_view, PortMatch::Op> kOps[] = {
      {"eq", PortMatch::Op::Eq}, {"neq", PortMatch::Op::Neq}, {"lt", PortMatch::Op::Lt},
      {"gt", PortMatch::Op::Gt}, {"range", PortMatch::Op::Range}};
  const auto op = std::find_if(std::begin(kOps), std::end(kOps), [&](const auto& o) { return o.first == w[i]; });
  if (op == std::end(kOps)) return std::nullopt;
  const size_t need = op->second == PortMatch::Op::Range ? 3 : 2;
  if (i + need > w.size()) return std::nullopt;
  auto lo = port_number(w[i + 1]);
  auto hi = need == 3 ? port_number(w[i + 2]) : lo;
  if (!lo || !hi || *hi < *lo) return std::nullopt;
  if ((op->second == PortMatch::Op::Lt && *lo == 0) || (op->second == PortMatch::Op::Gt && *lo == 65535)) return std::nullopt;
  i += need;
  return PortMatch{op->second, *lo, *hi};
}

void add(std::vector<Service>& out, const std::vector<uint8_t>& protocols, const PortMatch& src, const PortMatch& dst) {
  for (uint8_t p : protocols) {
    Service s{p, has_ports(p) ? src : PortMatch{}, has_ports(p) ? dst : PortMatch{}};
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
}

void collect(const Node& root, std::string_view name, std::vector<Service>& out, int depth);

void collect_asa(const Node& root, const Node& g, std::vector<Service>& out, int depth) {
  for (const Node* n : g.all("service-object")) {
    auto src = port_match_of(n->args(), "src");
    auto dst = port_match_of(n->args(), "dst");
    if (src.ok() && dst.ok()) add(out, protocols_of(n->args().text("proto")), *src, *dst);
  }
  const auto group_protocols = protocols_of(g.args().text("proto"));
  for (const Node* n : g.all("port-object")) {
    auto dst = port_match_of(n->args(), "dst");
    if (dst.ok()) add(out, group_protocols, PortMatch{}, *dst);
  }
  for (const Node* n : g.all("group-object")) collect(root, n->args().text("group"), out, depth + 1);
}

const Node* ios_service_group(const Node& root, std::string_view name) {
  for (const Node* v : root.all("object-group")) {
    auto w = split_words(v->words());  // "object-group service NAME"
    if (w.size() >= 3 && w[1] == "service" && w[2] == name) return v;
  }
  return nullptr;
}

void collect(const Node& root, std::string_view name, std::vector<Service>& out, int depth) {
  if (depth > kMaxDepth) return;
  if (const Node* g = root.entry("object-group service", {std::string(name)})) {
    collect_asa(root, *g, out, depth);
    return;
  }
  const Node* v = ios_service_group(root, name);
  if (v == nullptr) return;
  for (const auto& line : v->verbatim_lines()) {
    IosServiceLine l = parse_ios_service_line(split_words(line));
    for (const auto& s : l.services) {
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
    if (!l.group.empty()) collect(root, l.group, out, depth + 1);
  }
}

// ASA refuses a reversed range or a port operator on a protocol without ports, with its own prefix.
Status validate_service_object(const grammar::ValidateContext& c) {
  if (c.negate) return {};
  for (const char* side : {"src", "dst"}) {
    auto m = port_match_of(c.args, side);
    if (!m.ok()) return make_error("ERROR: " + m.error().message);
    const auto protos = protocols_of(c.args.text("proto", "tcp"));
    if (m->op != PortMatch::Op::Any && !protos.empty() && !has_ports(protos.front())) {
      return make_error("ERROR: % Port operators apply to tcp and udp only");
    }
  }
  return {};
}

}  // namespace

IosServiceLine parse_ios_service_line(const std::vector<std::string_view>& w) {
  IosServiceLine out;
  if (w.empty()) return out;
  if (w[0] == "group-object") {
    if (w.size() == 2) out.group = std::string(w[1]);
    return out;
  }
  const auto protocols = protocols_of(w[0]);
  if (protocols.empty()) return out;  // `description …` and the like
  PortMatch src, dst;
  size_t i = 1;
  if (has_ports(protocols.front())) {
    if (i < w.size() && w[i] == "source") {
      ++i;
      auto p = port_op_at(w, i);
      if (!p) return out;  // a malformed line protects nothing rather than too much
      src = *p;
    }
    if (i < w.size() && w[i] == "destination") ++i;
    if (i < w.size()) {
      auto p = port_op_at(w, i);
      if (!p) return out;
      dst = *p;
    }
  }
  add(out.services, protocols, src, dst);
  return out;
}

std::vector<Service> service_group(const Node& root, std::string_view name) {
  std::vector<Service> out;
  collect(root, name, out, 0);
  return out;
}

std::vector<Ace> expand_services(const Node& root, const Ace& ace) {
  if (ace.service.empty()) return {ace};
  std::vector<Ace> out;
  for (const auto& s : service_group(root, ace.service)) {
    Ace one = ace;
    one.service.clear();
    one.protocol = s.protocol;
    one.src_port = s.src_port;
    one.dst_port = s.dst_port;
    out.push_back(std::move(one));
  }
  return out;
}

void declare_asa_service_groups(grammar::CommandSet& s, int rank) {
  const std::string port = "{<0-65535>|" + port_name_alternatives() + "}";
  auto ops = [&](const std::string& side) {
    return "{eq|neq|lt|gt}$" + side + "_op " + port + "$" + side + "_port|range$" + side + "_op " + port + "$" + side +
           "_port " + port + "$" + side + "_port_hi";
  };
  const grammar::Help ports = {{"eq", "Port equal to operator"},
                                {"neq", "Port not equal to operator"},
                                {"lt", "Port less than operator"},
                                {"gt", "Port greater than operator"},
                                {"range", "Port range operator"},
                                {"<0-65535>", "Enter port number (0 - 65535)"}};
  grammar::Help service = {{"service-object", "Configure a service object"},
                           {"source", "Source port"},
                           {"destination", "Destination port"},
                           {"tcp", "Transmission Control Protocol"},
                           {"udp", "User Datagram Protocol"},
                           {"tcp-udp", "Both TCP and UDP"},
                           {"icmp", "Internet Control Message Protocol"},
                           {"ip", "Any Internet Protocol"},
                           {"esp", "Encapsulating Security Payload"},
                           {"ah", "Authentication Header"},
                           {"gre", "Generic Routing Encapsulation"},
                           {"<0-255>", "Enter protocol number (0 - 255)"}};
  service.insert(service.end(), ports.begin(), ports.end());
  grammar::Help port_object = {{"port-object", "Configure a port object"}};
  port_object.insert(port_object.end(), ports.begin(), ports.end());
  auto grp = s.list("object-group service WORD$name [{tcp|udp|tcp-udp}$proto]",
                    {.enters = "config-service-object-group", .keys = {"name"}, .rank = rank, .separator = false,
                     .help = {{"service", "Specifies a group of TCP/UDP ports/services"},
                              {"tcp-udp", "Both TCP and UDP"}}});
  grp.leaf("description LINE$text", {.help = {{"description", "Specify a description for this object-group"}}});
  grp.leaf_list("service-object {tcp|udp|tcp-udp|icmp|ip|esp|ah|gre|<0-255>}$proto [source {" + ops("src") +
                    "}] [destination {" + ops("dst") + "}|" + ops("dst") + "]",
                {.help = service, .validate = validate_service_object});
  grp.leaf_list("port-object {" + ops("dst") + "}", {.help = port_object, .validate = validate_service_object});
  grp.leaf_list("group-object WORD$group", {.help = {{"group-object", "Configure an object group as an object"}}});
}

}  // namespace ravelin::ipsec::commands
