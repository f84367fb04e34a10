// The ravelin process: the only place that wires platform, grammar, ipsec, ike and cli together
// (with cli/main_*.cpp). This file only dispatches on the command line.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/main_bench.hpp"
#include "cli/main_wiring.hpp"
#include "cli/options.hpp"
#include "cli/vty/connect.hpp"
#include "platform/version.hpp"

int main(int argc, char** argv) {
  using namespace ravelin::cli;
  std::vector<std::string> args(argv + 1, argv + argc);
  auto opts = parse_options(args);
  if (!opts.ok()) {
    std::fprintf(stderr, "ravelin: %s\n%s", opts.error().message.c_str(), usage_text());
    return 2;
  }
  switch (opts->command) {
    case Command::Version:
      std::printf("ravelin %s\n", ravelin::version_string());
      return 0;
    case Command::Help:
      std::printf("%s", usage_text());
      return 0;
    case Command::Connect: {
      // The vty client wants argv from the word "connect" on.
      int at = 1;
      while (at < argc && std::strcmp(argv[at], "connect") != 0) ++at;
      return vty::run_connect(argc - at, argv + at);
    }
    case Command::Check:
      return run_check(*opts);
    case Command::Bench:
      return run_bench(opts->bench_args);
    case Command::Run:
      break;
  }
  return run_process(*opts, argv[0]);
}
