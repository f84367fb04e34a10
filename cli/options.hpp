#pragma once
// The ravelin command line:
//   ravelin [--platform ios|asa] [--hostname NAME] [--startup-config FILE] [--vty-socket PATH]
//           [--interface NAME=LINUXDEV]... [--daemon]
//   ravelin check [--platform ios|asa] FILE
//   ravelin connect ...        (arguments handed to the vty client untouched)
//   ravelin --version | --help
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/result.hpp"

namespace ravelin::cli {

enum class Dialect { Ios, Asa };

enum class Command { Run, Check, Connect, Version, Help };

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
};

// Parses argv (argv[0] excluded). Errors read as "ravelin: <what>" lines for stderr.
[[nodiscard]] Result<Options> parse_options(const std::vector<std::string>& args);

[[nodiscard]] const char* usage_text();

}  // namespace ravelin::cli
