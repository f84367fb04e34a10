#include "cli/options.hpp"

#include <string>
#include <string_view>

namespace ravelin::cli {
namespace {

Result<Dialect> parse_dialect(std::string_view v) {
  if (v == "ios") return Dialect::Ios;
  if (v == "asa") return Dialect::Asa;
  return make_error("--platform must be ios or asa, not '" + std::string(v) + "'");
}

Result<InterfaceMap> parse_interface(std::string_view v) {
  auto eq = v.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == v.size()) {
    return make_error("--interface wants NAME=LINUXDEV, not '" + std::string(v) + "'");
  }
  return InterfaceMap{std::string(v.substr(0, eq)), std::string(v.substr(eq + 1))};
}

Result<uint16_t> parse_port(std::string_view opt, const std::string& v) {
  unsigned long n = 0;
  size_t used = 0;
  try {
    n = std::stoul(v, &used);
  } catch (...) {
    used = 0;
  }
  if (used != v.size() || v.empty() || n < 1 || n > 65535) {
    return make_error(std::string(opt) + " wants a port 1-65535, not '" + v + "'");
  }
  return static_cast<uint16_t>(n);
}

// Splits "--opt=value" and "--opt value"; returns the value or an error when missing.
struct Cursor {
  const std::vector<std::string>& args;
  std::size_t i = 0;
  Result<std::string> value(std::string_view opt, std::optional<std::string>& inline_value) {
    if (inline_value) return *std::exchange(inline_value, std::nullopt);
    if (i + 1 >= args.size()) return make_error(std::string(opt) + " needs a value");
    return args[++i];
  }
};

Status apply_option(Options& o, std::string_view opt, Cursor& c, std::optional<std::string>& inl) {
  if (opt == "--daemon" || opt == "--version" || opt == "--help" || opt == "-h") {
    if (inl) return make_error(std::string(opt) + " takes no value");
    if (opt == "--daemon") o.daemon = true;
    if (opt == "--version") o.command = Command::Version;
    if (opt == "--help" || opt == "-h") o.command = Command::Help;
    return {};
  }
  if (opt != "--platform" && opt != "--hostname" && opt != "--startup-config" && opt != "--vty-socket" &&
      opt != "--interface" && opt != "--ike-port" && opt != "--natt-port" && opt != "--local-address" &&
      opt != "--dataplane") {
    return make_error("unknown option '" + std::string(opt) + "'");
  }
  auto v = c.value(opt, inl);
  if (!v.ok()) return v.error();
  if (opt == "--platform") {
    auto d = parse_dialect(*v);
    if (!d.ok()) return d.error();
    o.platform = *d;
  } else if (opt == "--hostname") {
    if (v->empty()) return make_error("--hostname needs a non-empty NAME");
    o.hostname = *v;
  } else if (opt == "--startup-config") {
    o.startup_config = *v;
  } else if (opt == "--vty-socket") {
    o.vty_socket = *v;
  } else if (opt == "--ike-port" || opt == "--natt-port") {
    auto port = parse_port(opt, *v);
    if (!port.ok()) return port.error();
    (opt == "--ike-port" ? o.ike_port : o.natt_port) = *port;
  } else if (opt == "--local-address") {
    o.local_addresses.push_back(*v);
  } else if (opt == "--dataplane") {
    if (*v != "xfrm" && *v != "none") return make_error("--dataplane must be xfrm or none, not '" + *v + "'");
    o.dataplane = *v == "xfrm" ? DataplaneKind::Xfrm : DataplaneKind::None;
  } else {
    auto m = parse_interface(*v);
    if (!m.ok()) return m.error();
    o.interfaces.push_back(*m);
  }
  return {};
}

}  // namespace

Result<Options> parse_options(const std::vector<std::string>& args) {
  Options o;
  Cursor c{args};
  std::vector<std::string> positional;
  for (; c.i < args.size(); ++c.i) {
    const std::string& a = args[c.i];
    if (positional.empty() && a == "bench") {
      o.command = Command::Bench;
      o.bench_args.assign(args.begin() + static_cast<std::ptrdiff_t>(c.i) + 1, args.end());
      return o;
    }
    if (positional.empty() && a == "connect") {
      o.command = Command::Connect;
      o.connect_args.assign(args.begin() + static_cast<std::ptrdiff_t>(c.i) + 1, args.end());
      return o;
    }
    if (a.size() > 1 && a[0] == '-') {
      auto eq = a.find('=');
      std::optional<std::string> inl;
      if (eq != std::string::npos) inl = a.substr(eq + 1);
      Status s = apply_option(o, std::string_view(a).substr(0, eq), c, inl);
      if (!s.ok()) return s.error();
      continue;
    }
    positional.push_back(a);
  }
  if (o.command == Command::Version || o.command == Command::Help) return o;
  if (!positional.empty() && positional[0] == "check") {
    if (positional.size() != 2) return make_error("check wants exactly one FILE");
    if (o.startup_config) return make_error("check takes FILE, not --startup-config");
    o.command = Command::Check;
    o.startup_config = positional[1];
    return o;
  }
  if (!positional.empty()) return make_error("unexpected argument '" + positional[0] + "'");
  return o;
}

const char* usage_text() {
  return "usage: ravelin [--platform ios|asa] [--hostname NAME] [--startup-config FILE]\n"
         "               [--vty-socket PATH] [--interface NAME=LINUXDEV]... [--daemon]\n"
         "               [--ike-port N] [--natt-port N] [--local-address ADDR]... [--dataplane xfrm|none]\n"
         "       ravelin check [--platform ios|asa] FILE\n"
         "       ravelin connect [--vty-socket PATH] [-c CMD]...\n"
         "       ravelin bench ike --peer ADDR [...]   (`ravelin bench --help`)\n"
         "       ravelin --version\n";
}

}  // namespace ravelin::cli
