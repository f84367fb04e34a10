#pragma once
// Interop harness: one strongSwan charon (Debian 12, 5.9.8) inside a namespace, with its own
// strongswan.conf, swanctl.conf, vici socket and a private /run (charon's pid file path is compiled
// in as /var/run/charon.pid, so each instance bind-mounts its directory over /run inside the mount
// namespace that `ip netns exec` gives it). Connection "peer", child "net".
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/interop/strongswan/process.hpp"

namespace ravelin::test::interop {

struct CharonOptions {
  std::string local_addr;
  std::string remote_addr;  // "%any" accepts any peer
  std::string ike_proposals = "aes256-sha256-modp1536";
  std::string esp_proposals = "aes128-sha1";
  std::string psk;          // never logged by the harness
  std::string local_id;     // "" = local_addr
  std::string remote_id;    // "" = remote_addr; "%any" = anyone
  std::string local_ts;
  std::string remote_ts;
  bool libipsec = true;     // userspace ESP (the host kernel has no ESP); false = kernel-netlink
  bool encap = false;       // force UDP encapsulation
  bool mobike = false;
  bool log_keys = false;    // level-4 IKE/CHD logging (key material: for tshark only, never printed)
  std::vector<std::string> charon_extra;  // "key = value" lines in charon { }
  std::vector<std::string> conn_extra;    // lines in connections.peer { }
  std::vector<std::string> child_extra;   // lines in children.net { }
};

struct SwanChild {
  std::string name;
  std::string state;      // INSTALLED, REKEYED, ...
  std::string mode;       // TUNNEL, TUNNEL-in-UDP
  std::string algorithms; // "ESP:AES_CBC-128/HMAC_SHA1_96"
  std::string spi_in;     // 8 hex digits
  std::string spi_out;
  std::string local_ts;
  std::string remote_ts;
};

struct SwanIkeSa {
  std::string name;
  std::string state;      // ESTABLISHED, CONNECTING, ...
  std::string spi_i;      // 16 hex digits
  std::string spi_r;
  bool local_is_initiator = false;
  std::string local;      // "192.0.2.2[4500]"
  std::string remote;
  std::string local_id;
  std::string remote_id;
  std::string algorithms; // "AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1536"
  std::vector<SwanChild> children;
};

// Parses `swanctl --list-sas` output.
std::vector<SwanIkeSa> parse_list_sas(const std::string& text);

// Renders the two configuration files for an instance rooted at dir.
std::string render_strongswan_conf(const std::string& dir, const CharonOptions& o);
std::string render_swanctl_conf(const CharonOptions& o);

class Charon {
 public:
  static bool available(std::string* why, bool libipsec = true);
  // Writes the configs under dir, starts charon in ns and loads the connection; nullptr + *why.
  static std::unique_ptr<Charon> start(const std::string& ns, const std::string& dir, const CharonOptions& o,
                                       std::string* why);
  ~Charon();
  Charon(const Charon&) = delete;
  Charon& operator=(const Charon&) = delete;

  CommandResult swanctl(const std::vector<std::string>& args, Millis timeout = Millis(15000)) const;
  // Starts child "net" (and its IKE SA); blocks until done or the timeout.
  CommandResult initiate(Millis timeout = Millis(15000)) const;
  std::vector<SwanIkeSa> list_sas() const;
  // ESTABLISHED IKE SAs with an INSTALLED child.
  std::optional<SwanIkeSa> established() const;
  [[nodiscard]] std::string log() const;  // charon.log (contains key material when log_keys)
  [[nodiscard]] pid_t pid() const { return process_ ? process_->pid() : -1; }
  bool running() const { return process_ && process_->running(); }
  void stop();
  void kill_hard();  // SIGKILL: the peer sees a silent crash
  [[nodiscard]] const std::string& dir() const { return dir_; }

 private:
  Charon() = default;
  std::string dir_;
  std::string ns_;
  std::unique_ptr<Process> process_;
};

}  // namespace ravelin::test::interop
