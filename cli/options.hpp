#pragma once
// The ravelin command line:
//   ravelin [--platform ios|asa] [--hostname NAME] [--startup-config FILE] [--vty-socket PATH]
//           [--interface NAME=LINUXDEV]... [--daemon]
//           [--ike-port N] [--natt-port N] [--local-address ADDR]... [--dataplane xfrm|none]
//   ravelin check [--platform ios|asa] FILE
//   ravelin connect ...        (arguments handed to the vty client untouched)
//   ravelin bench ...          (the load generator; arguments handed to it untouched)
//   ravelin --version | --help
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/result.hpp"

namespace ravelin::cli {

enum class Dialect { Ios, Asa };

enum class Command { Run, Check, Connect, Bench, Version, Help };

// Where negotiated SAs and crypto-map policies go: the kernel over XFRM netlink, or nowhere (the
// control plane runs alone; `show crypto ipsec sa` says the SAs are not installed and why).
enum class DataplaneKind { Xfrm, None };

struct InterfaceMap {
  std::string name;      // the IOS/ASA name, e.g. GigabitEthernet0/0
  std::string linux_dev; // e.g. eth0
};

struct Options {
  Command command = Command::Run;
  std::optional<Dialect> platform;  // unset: detect from the startup-config, else IOS
  std::optional<std::string> hostname;
  std::optional<std::string> startup_config;  // for `check`, the FILE
  std::string vty_socket = "/run/ravelin/ravelin.sock";
  std::vector<InterfaceMap> interfaces;
  bool daemon = false;
  std::vector<std::string> connect_args;  // everything after `connect`
  std::vector<std::string> bench_args;    // everything after `bench`
  uint16_t ike_port = 500;
  uint16_t natt_port = 4500;
  // IKE sockets are bound on these; empty = every address of the host's interfaces at start.
  std::vector<std::string> local_addresses;
  DataplaneKind dataplane = DataplaneKind::Xfrm;
};

// Parses argv (argv[0] excluded). Errors read as "ravelin: <what>" lines for stderr.
[[nodiscard]] Result<Options> parse_options(const std::vector<std::string>& args);

[[nodiscard]] const char* usage_text();

}  // namespace ravelin::cli
