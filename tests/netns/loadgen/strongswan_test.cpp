// The load generator against a real strongSwan responder (charon 5.9 with kernel-libipsec, which keeps
// child SAs in user space, so this host's kernel without ESP does not matter) in a network namespace
// of this test's own. The generator runs in this process after setns() into the other namespace.
// Needs root, iproute2 and strongSwan; skips with the reason when one is missing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/netns/loadgen/netns_harness.hpp"

namespace ravelin::ike::io {
namespace {

namespace fs = std::filesystem;
using netns_test::run;
using netns_test::Topology;
using namespace std::chrono_literals;

constexpr const char* kCharon = "/usr/lib/ipsec/charon";
constexpr const char* kSwanctl = "/usr/sbin/swanctl";
constexpr const char* kPsk = "loadgen-interop-psk";

// One charon in <pfx>-b with a private /run (its pid file path is compiled in), stopped by its pid.
class Charon {
 public:
  Charon(const std::string& ns, const std::string& proposal, const std::string& esp)
      : dir_(fs::temp_directory_path() / ("rvlg-" + std::to_string(getpid()))) {
    fs::create_directories(dir_ / "run");
    fs::create_directories(dir_ / "swanctl");
    write_configs(proposal, esp);
    const std::string conf = (dir_ / "strongswan.conf").string();
    pid_ = fork();
    if (pid_ == 0) {
      setenv("STRONGSWAN_CONF", conf.c_str(), 1);
      const std::string script = "mount --bind \"$1/run\" /run && exec " + std::string(kCharon);
      execlp("ip", "ip", "netns", "exec", ns.c_str(), "sh", "-c", script.c_str(), "sh", dir_.c_str(), nullptr);
      _exit(127);
    }
    for (int i = 0; i < 200 && !fs::exists(dir_ / "charon.vici"); ++i) std::this_thread::sleep_for(50ms);
    loaded_ = fs::exists(dir_ / "charon.vici") &&
              run("STRONGSWAN_CONF=" + conf + " " + kSwanctl + " --load-all --file " + (dir_ / "swanctl" / "swanctl.conf").string());
  }
  ~Charon() {
    netns_test::stop_child(pid_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  [[nodiscard]] bool ok() const { return pid_ > 0 && loaded_; }
  // The first lines of charon's log that say why something was refused (for failure messages).
  [[nodiscard]] std::string log_excerpt() const {
    std::ifstream f(dir_ / "charon.log");
    std::string out, line;
    for (int n = 0; n < 40 && std::getline(f, line);) {
      if (line.find("CHILD") != std::string::npos || line.find("selector") != std::string::npos || line.find("fail") != std::string::npos ||
          line.find("unable") != std::string::npos) {
        out += line + "\n";
        ++n;
      }
    }
    return out;
  }

 private:
  void write_configs(const std::string& proposal, const std::string& esp) {
    const std::string d = dir_.string();
    std::ofstream(dir_ / "strongswan.conf")
        << "charon {\n  load_modular = no\n"
        << "  load = random nonce openssl aes sha1 sha2 hmac kdf gmp curve25519 gcm pem pkcs1 x509 pubkey "
           "kernel-libipsec kernel-netlink socket-default vici\n"
        << "  install_virtual_ip = no\n  install_routes = no\n  dos_protection = no\n"
        << "  cookie_threshold = 1000000\n  block_threshold = 1000000\n"
        << "  filelog {\n    log {\n      path = " << d << "/charon.log\n      default = 1\n      cfg = 2\n    }\n  }\n"
        << "  syslog {\n    daemon {\n      default = -1\n    }\n  }\n"
        << "  plugins {\n    vici {\n      socket = unix://" << d << "/charon.vici\n    }\n  }\n}\n"
        << "swanctl {\n  socket = unix://" << d << "/charon.vici\n}\n";
    std::ofstream(dir_ / "swanctl" / "swanctl.conf")
        << "connections {\n  bench {\n    version = 2\n    local_addrs = 192.0.2.2\n    remote_addrs = %any\n"
        << "    proposals = " << proposal << "\n    unique = never\n    mobike = no\n"
        << "    local {\n      auth = psk\n      id = 192.0.2.2\n    }\n"
        << "    remote {\n      auth = psk\n      id = %any\n    }\n"
        << "    children {\n      c {\n        esp_proposals = " << esp << "\n"
        << "        local_ts = 198.51.100.0/24\n        remote_ts = 10.0.0.0/8\n      }\n    }\n  }\n}\n"
        << "secrets {\n  ike-any {\n    secret = \"" << kPsk << "\"\n  }\n}\n";
  }

  fs::path dir_;
  pid_t pid_ = -1;
  bool loaded_ = false;
};

std::string missing_prerequisite() {
  if (geteuid() != 0) return "needs root (network namespaces)";
  if (!run("ip -V")) return "needs iproute2";
  if (access(kCharon, X_OK) != 0 || access(kSwanctl, X_OK) != 0) return "needs strongSwan (charon, swanctl)";
  if (access("/dev/net/tun", R_OK | W_OK) != 0) return "needs /dev/net/tun for kernel-libipsec";
  return "";
}

void establish_against_strongswan(const std::string& salt, const std::string& proposal, const std::string& esp,
                                  uint32_t count) {
  if (auto why = missing_prerequisite(); !why.empty()) GTEST_SKIP() << why;
  Topology topo("rvlg" + salt + std::to_string(getpid() % 100000));
  ASSERT_TRUE(topo.ok()) << "namespace setup failed";
  Charon charon(topo.prefix() + "-b", proposal, esp);
  ASSERT_TRUE(charon.ok()) << "charon did not start or load its config\n" << charon.log_excerpt();
  // IKE_SA_INIT { SAi1, KEi, Ni } --> (NAT faked by libipsec: IKE_AUTH moves to 4500) ... x count, then DELETE.
  auto r = netns_test::drive(topo.prefix() + "-a", kPsk, {"--count", std::to_string(count), "--concurrency", "8", "--proposal",
                                        proposal, "--esp", esp, "--delete"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->established, count) << loadgen::format_report(*r) << charon.log_excerpt();
  EXPECT_EQ(r->failed, 0u);
  EXPECT_EQ(r->child_refused, 0u);
  EXPECT_EQ(r->deleted, count) << loadgen::format_report(*r);
}

TEST(LoadgenStrongswan, EstablishesAndDeletesSasWithX25519AndAesGcm) {
  establish_against_strongswan("x", "aes256gcm16-prfsha256-x25519", "aes256gcm16", 30);
}

TEST(LoadgenStrongswan, EstablishesAndDeletesSasWithModp2048AndAesCbc) {
  establish_against_strongswan("m", "aes256-sha256-modp2048", "aes256-sha256", 10);
}

}  // namespace
}  // namespace ravelin::ike::io
