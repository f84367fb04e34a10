#include "tests/interop/strongswan/charon.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <regex>
#include <sstream>

namespace ravelin::test::interop {
namespace {

constexpr const char* kCharon = "/usr/lib/ipsec/charon";
constexpr const char* kLibipsecPlugin = "/usr/lib/ipsec/plugins/libstrongswan-kernel-libipsec.so";
// openssl first: it provides every algorithm the matrix uses (MODP, ECP, x25519, GCM, SHA2).
constexpr const char* kPluginsBase = "random nonce openssl aes sha1 sha2 hmac kdf gmp curve25519 gcm pem pkcs1 x509 pubkey";

bool exists(const std::string& path) {
  struct stat st{};
  return stat(path.c_str(), &st) == 0;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  size_t i = s.find_first_not_of(' ');
  return i == std::string::npos ? "" : s.substr(i);
}

// "  local  '192.0.2.2' @ 192.0.2.2[4500]" -> id and endpoint.
void parse_endpoint(const std::string& line, std::string* id, std::string* endpoint) {
  static const std::regex re(R"(^\s+(?:local|remote)\s+'([^']*)' @ (\S+))");
  std::smatch m;
  if (std::regex_search(line, m, re)) {
    *id = m[1];
    *endpoint = m[2];
  }
}

// Applies one indented line to the child being read.
void parse_child_line(const std::string& line, SwanChild* c) {
  static const std::regex spi(R"(^\s+(in|out)\s+([0-9a-f]{8}))");
  static const std::regex ts(R"(^\s+(local|remote)\s+(\S.*)$)");
  std::smatch m;
  if (std::regex_search(line, m, spi)) {
    (m[1] == "in" ? c->spi_in : c->spi_out) = m[2];
  } else if (std::regex_search(line, m, ts)) {
    (m[1] == "local" ? c->local_ts : c->remote_ts) = trim(m[2]);
  }
}

}  // namespace

std::vector<SwanIkeSa> parse_list_sas(const std::string& text) {
  static const std::regex ike_head(R"(^(\S+): #\d+, (\w+), IKEv2, ([0-9a-f]{16})_i(\*?) ([0-9a-f]{16})_r)");
  static const std::regex child_head(R"(^\s+(\S+): #\d+, reqid \d+, (\w+), ([\w-]+), (\S+))");
  static const std::regex algs(R"(^\s+([A-Z0-9_]+-?\d*(/[A-Z0-9_-]+)+)\s*$)");
  std::vector<SwanIkeSa> out;
  std::istringstream in(text);
  std::string line;
  SwanChild* child = nullptr;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, ike_head)) {
      out.push_back({});
      out.back().name = m[1];
      out.back().state = m[2];
      out.back().spi_i = m[3];
      out.back().local_is_initiator = m[4] == "*";
      out.back().spi_r = m[5];
      child = nullptr;
      continue;
    }
    if (out.empty()) continue;
    SwanIkeSa& sa = out.back();
    if (std::regex_search(line, m, child_head)) {
      sa.children.push_back({m[1], m[2], m[3], m[4], "", "", "", ""});
      child = &sa.children.back();
    } else if (child != nullptr) {
      parse_child_line(line, child);
    } else if (line.rfind("  local ", 0) == 0) {
      parse_endpoint(line, &sa.local_id, &sa.local);
    } else if (line.rfind("  remote ", 0) == 0) {
      parse_endpoint(line, &sa.remote_id, &sa.remote);
    } else if (sa.algorithms.empty() && std::regex_search(line, m, algs)) {
      sa.algorithms = m[1];
    }
  }
  return out;
}

std::string render_strongswan_conf(const std::string& dir, const CharonOptions& o) {
  const int ike_level = o.log_keys ? 4 : 2;
  std::ostringstream s;
  s << "charon {\n  load_modular = no\n  load = " << kPluginsBase
    << (o.libipsec ? " kernel-libipsec" : "")  // the first kernel-ipsec backend loaded wins
    << " kernel-netlink socket-default vici\n"
    << "  install_virtual_ip = no\n  retransmit_tries = 3\n  retransmit_timeout = 1.0\n  retransmit_base = 1.4\n";
  for (const auto& l : o.charon_extra) s << "  " << l << "\n";
  s << "  filelog {\n    log {\n      path = " << dir << "/charon.log\n"
    << "      time_format = %H:%M:%S\n      time_add_ms = yes\n      ike_name = yes\n      append = no\n"
    << "      flush_line = yes\n      default = 1\n      ike = " << ike_level << "\n      chd = " << ike_level
    << "\n      cfg = 2\n      knl = 1\n      net = 2\n      enc = 1\n      mgr = " << (o.log_keys ? 2 : 0)
    << "\n    }\n  }\n"
    << "  syslog {\n    daemon {\n      default = -1\n    }\n  }\n"
    << "  plugins {\n    vici {\n      socket = unix://" << dir << "/charon.vici\n    }\n  }\n}\n"
    << "swanctl {\n  socket = unix://" << dir << "/charon.vici\n}\n";
  return s.str();
}

std::string render_swanctl_conf(const CharonOptions& o) {
  const std::string lid = o.local_id.empty() ? o.local_addr : o.local_id;
  const std::string rid = o.remote_id.empty() ? o.remote_addr : o.remote_id;
  std::ostringstream s;
  s << "connections {\n  peer {\n    version = 2\n    local_addrs = " << o.local_addr
    << "\n    remote_addrs = " << o.remote_addr << "\n    proposals = " << o.ike_proposals
    << "\n    encap = " << (o.encap ? "yes" : "no") << "\n    mobike = " << (o.mobike ? "yes" : "no") << "\n";
  for (const auto& l : o.conn_extra) s << "    " << l << "\n";
  s << "    local {\n      auth = psk\n      id = " << lid << "\n    }\n"
    << "    remote {\n      auth = psk\n" << (rid == "%any" ? "" : "      id = " + rid + "\n") << "    }\n"
    << "    children {\n      net {\n        local_ts = " << o.local_ts << "\n        remote_ts = " << o.remote_ts
    << "\n        esp_proposals = " << o.esp_proposals << "\n";
  for (const auto& l : o.child_extra) s << "        " << l << "\n";
  s << "      }\n    }\n  }\n}\n"
    << "secrets {\n  ike-peer {\n    id-1 = " << lid << "\n" << (rid == "%any" ? "" : "    id-2 = " + rid + "\n")
    << "    secret = \"" << o.psk << "\"\n  }\n}\n";
  return s.str();
}

bool Charon::available(std::string* why, bool libipsec) {
  if (!exists(kCharon)) *why = "needs strongSwan's charon (apt-get install strongswan-charon)";
  else if (!exists("/usr/sbin/swanctl")) *why = "needs swanctl (apt-get install strongswan-swanctl)";
  else if (libipsec && !exists(kLibipsecPlugin)) *why = "needs kernel-libipsec (apt-get install libcharon-extra-plugins)";
  else if (libipsec && !exists("/dev/net/tun")) *why = "needs /dev/net/tun for kernel-libipsec";
  else return true;
  return false;
}

std::unique_ptr<Charon> Charon::start(const std::string& ns, const std::string& dir, const CharonOptions& o,
                                      std::string* why) {
  std::unique_ptr<Charon> c(new Charon());
  c->dir_ = dir;
  c->ns_ = ns;
  mkdir(dir.c_str(), 0700);
  mkdir((dir + "/run").c_str(), 0700);
  mkdir((dir + "/swanctl").c_str(), 0700);
  if (!write_file(dir + "/strongswan.conf", render_strongswan_conf(dir, o)) ||
      !write_file(dir + "/swanctl/swanctl.conf", render_swanctl_conf(o))) {
    *why = "cannot write strongSwan configs under " + dir;
    return nullptr;
  }
  // ip -> sh -> charon all exec, so the spawned pid is charon's.
  c->process_ = Process::spawn({"ip", "netns", "exec", ns, "sh", "-c", "mount --bind \"$1/run\" /run && exec \"$2\"",
                                "sh", dir, kCharon},
                               dir + "/charon.out", {"STRONGSWAN_CONF=" + dir + "/strongswan.conf"});
  if (!c->process_) {
    *why = "fork failed for charon";
    return nullptr;
  }
  bool up = wait_until([&] { return exists(dir + "/charon.vici") || !c->process_->running(); }, Millis(10000), Millis(50));
  if (!up || !exists(dir + "/charon.vici")) {
    *why = "charon did not open its vici socket: " + read_file(dir + "/charon.out");
    return nullptr;
  }
  auto load = c->swanctl({"--load-all", "--file", dir + "/swanctl/swanctl.conf"});
  if (!load.ok()) {
    *why = "swanctl --load-all failed: " + load.output;
    return nullptr;
  }
  return c;
}

Charon::~Charon() { stop(); }

CommandResult Charon::swanctl(const std::vector<std::string>& args, Millis timeout) const {
  std::vector<std::string> argv{"swanctl"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, timeout, {"STRONGSWAN_CONF=" + dir_ + "/strongswan.conf"});
}

CommandResult Charon::initiate(Millis timeout) const {
  const auto secs = std::to_string(std::max<long>(1, static_cast<long>(timeout.count() / 1000)));
  return swanctl({"--initiate", "--child", "net", "--timeout", secs}, timeout + Millis(2000));
}

std::vector<SwanIkeSa> Charon::list_sas() const { return parse_list_sas(swanctl({"--list-sas"}).output); }

std::optional<SwanIkeSa> Charon::established() const {
  for (const auto& sa : list_sas()) {
    if (sa.state != "ESTABLISHED") continue;
    for (const auto& c : sa.children) {
      if (c.state == "INSTALLED") return sa;
    }
  }
  return std::nullopt;
}

std::string Charon::log() const { return read_file(dir_ + "/charon.log"); }

void Charon::stop() {
  if (process_) process_->stop(Millis(3000));
}

void Charon::kill_hard() {
  if (process_) process_->kill_hard();
}

}  // namespace ravelin::test::interop
