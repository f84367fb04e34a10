#include "ipsec/commands/acl.hpp"

#include <array>
#include <charconv>

namespace ravelin::ipsec::commands {

namespace {

struct NamedPort {
  std::string_view name;
  uint16_t port;
};

constexpr std::array<NamedPort, 16> kPorts = {{
    {"bgp", 179}, {"domain", 53}, {"ftp", 21}, {"ftp-data", 20}, {"isakmp", 500}, {"non500-isakmp", 4500},
    {"ntp", 123}, {"smtp", 25}, {"snmp", 161}, {"ssh", 22}, {"syslog", 514}, {"telnet", 23},
    {"tftp", 69}, {"www", 80}, {"https", 443}, {"bootps", 67},
}};

std::optional<uint32_t> to_number(std::string_view t) {
  uint32_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

Result<AddressMatch> address_of(const grammar::Args& a, const std::string& side) {
  AddressMatch m;
  if (a.has(side + "_any")) return m;
  if (auto h = a.address(side + "_host")) {
    m.kind = AddressMatch::Kind::Prefix;
    m.prefix = platform::Prefix::host(*h);
    return m;
  }
  if (a.has(side + "_net")) {
    std::optional<platform::Prefix> p;
    if (a.has(side + "_mask")) {
      p = a.prefix_with_mask(side + "_net", side + "_mask");
    } else {
      p = a.prefix_with_wildcard(side + "_net", side + "_wild");
    }
    if (!p) return make_error("% Invalid " + std::string(side == "src" ? "source" : "destination") + " mask");
    m.kind = AddressMatch::Kind::Prefix;
    m.prefix = *p;
    return m;
  }
  if (a.has(side + "_group")) {
    m.kind = AddressMatch::Kind::ObjectGroup;
    m.name = a.text(side + "_group");
  } else if (a.has(side + "_object")) {
    m.kind = AddressMatch::Kind::Object;
    m.name = a.text(side + "_object");
  } else if (a.has(side + "_ifc")) {
    m.kind = AddressMatch::Kind::Interface;
    m.name = a.text(side + "_ifc");
  }
  return m;
}

}  // namespace

Result<PortMatch> port_match_of(const grammar::Args& a, const std::string& side) {
  PortMatch m;
  auto op = a.text(side + "_op");
  if (op.empty()) return m;
  auto lo = port_number(a.text(side + "_port"));
  if (!lo) return make_error("% Invalid port " + a.text(side + "_port"));
  m.lo = m.hi = *lo;
  if (op == "eq") m.op = PortMatch::Op::Eq;
  if (op == "neq") m.op = PortMatch::Op::Neq;
  if (op == "lt") {
    if (*lo == 0) return make_error("% Invalid port range: lt 0 matches nothing");
    m.op = PortMatch::Op::Lt;
  }
  if (op == "gt") {
    if (*lo == 65535) return make_error("% Invalid port range: gt 65535 matches nothing");
    m.op = PortMatch::Op::Gt;
  }
  if (op == "range") {
    auto hi = port_number(a.text(side + "_port_hi"));
    if (!hi) return make_error("% Invalid port " + a.text(side + "_port_hi"));
    if (*hi < *lo) return make_error("% Invalid port range " + std::to_string(*lo) + " " + std::to_string(*hi));
    m.op = PortMatch::Op::Range;
    m.hi = *hi;
  }
  return m;
}

std::string protocol_alternatives(std::string_view ah_keyword) {
  return "{ip|tcp|udp|icmp|gre|esp|" + std::string(ah_keyword) + "|<0-255>|object-group WORD$svc}$proto";
}

std::vector<std::pair<uint16_t, uint16_t>> PortMatch::ranges() const {
  switch (op) {
    case Op::Any: return {{0, 65535}};
    case Op::Eq: return {{lo, lo}};
    case Op::Range: return {{lo, hi}};
    case Op::Lt: return {{0, static_cast<uint16_t>(lo - 1)}};
    case Op::Gt: return {{static_cast<uint16_t>(lo + 1), 65535}};
    case Op::Neq: {
      std::vector<std::pair<uint16_t, uint16_t>> out;
      if (lo > 0) out.emplace_back(0, lo - 1);
      if (lo < 65535) out.emplace_back(lo + 1, 65535);
      return out;
    }
  }
  return {};
}

std::string port_name_alternatives() {
  std::string out;
  for (const auto& p : kPorts) {
    if (!out.empty()) out += '|';
    out += p.name;
  }
  return out;
}

void declare_port_help(grammar::CommandSet& s) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, kPorts.size()> kText = {{
      {"bgp", "Border Gateway Protocol"}, {"domain", "Domain Name Service"}, {"ftp", "File Transfer Protocol"},
      {"ftp-data", "FTP data connections"}, {"isakmp", "Internet Security Association and Key Management Protocol"},
      {"non500-isakmp", "Internet Security Association and Key Management Protocol over UDP 4500"},
      {"ntp", "Network Time Protocol"}, {"smtp", "Simple Mail Transport Protocol"},
      {"snmp", "Simple Network Management Protocol"}, {"ssh", "Secure Shell"}, {"syslog", "Syslog"},
      {"telnet", "Telnet"}, {"tftp", "Trivial File Transfer Protocol"}, {"www", "World Wide Web (HTTP)"},
      {"https", "Secure Hypertext Transfer Protocol"}, {"bootps", "Bootstrap Protocol (BOOTP) server"},
  }};
  for (const auto& p : kPorts) {
    for (const auto& [name, text] : kText) {
      if (name == p.name) s.help(p.name, std::string(text) + " (" + std::to_string(p.port) + ")");
    }
  }
}

std::optional<uint16_t> port_number(std::string_view text) {
  for (const auto& p : kPorts) {
    if (p.name == text) return p.port;
  }
  auto n = to_number(text);
  if (!n || *n > 65535) return std::nullopt;
  return static_cast<uint16_t>(*n);
}

std::optional<uint8_t> protocol_number(std::string_view text) {
  if (text == "ip") return 0;
  if (text == "icmp") return 1;
  if (text == "tcp") return 6;
  if (text == "udp") return 17;
  if (text == "gre") return 47;
  if (text == "esp") return 50;
  if (text == "ahp" || text == "ah") return 51;
  auto n = to_number(text);
  if (!n || *n > 255) return std::nullopt;
  return static_cast<uint8_t>(*n);
}

Result<Ace> ace_from_args(const grammar::Args& args) {
  Ace ace;
  ace.permit = args.text("action") != "deny";
  if (args.has("svc")) {
    ace.service = args.text("svc");  // protocol 0 here; expand_services gives the real ones
  } else {
    auto proto = protocol_number(args.text("proto", "ip"));
    if (!proto) return make_error("% Invalid protocol " + args.text("proto"));
    ace.protocol = *proto;
  }
  auto src = address_of(args, "src");
  if (!src.ok()) return src.error();
  auto dst = address_of(args, "dst");
  if (!dst.ok()) return dst.error();
  ace.src = *src;
  ace.dst = *dst;
  auto sp = port_match_of(args, "src");
  if (!sp.ok()) return sp.error();
  auto dp = port_match_of(args, "dst");
  if (!dp.ok()) return dp.error();
  if ((sp->op != PortMatch::Op::Any || dp->op != PortMatch::Op::Any) && ace.protocol != 6 && ace.protocol != 17) {
    return make_error("% Port operators apply to tcp and udp only");
  }
  ace.src_port = *sp;
  ace.dst_port = *dp;
  return ace;
}

std::vector<SelectorPair> selector_pairs(const Ace& ace, const std::vector<platform::Prefix>& src,
                                         const std::vector<platform::Prefix>& dst) {
  std::vector<SelectorPair> out;
  // A service group not expanded by expand_services (service_groups.hpp) protects nothing rather
  // than every protocol.
  if (!ace.permit || !ace.service.empty()) return out;
  for (const auto& s : src) {
    for (const auto& d : dst) {
      if (s.address().family() != d.address().family()) continue;
      for (auto [slo, shi] : ace.src_port.ranges()) {
        for (auto [dlo, dhi] : ace.dst_port.ranges()) {
          out.push_back({ts::TrafficSelector::from_prefix(s, ace.protocol, slo, shi),
                         ts::TrafficSelector::from_prefix(d, ace.protocol, dlo, dhi)});
        }
      }
    }
  }
  return out;
}

}  // namespace ravelin::ipsec::commands
