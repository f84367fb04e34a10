// `ravelin bench ike ...` drives any IKEv2 responder with the load generator (ike/io/loadgen);
// `ravelin bench respond ...` runs a ravelin responder for it to measure. Wiring only: the work is in
// ike/loadgen (options, notation, report) and ike/io (sockets, event loop).
#include "cli/main_bench.hpp"

#include <cstdio>

#include <boost/asio/io_context.hpp>

#include "ike/io/loadgen.hpp"
#include "ike/io/loadgen_responder.hpp"
#include "ike/loadgen/options.hpp"

namespace ravelin::cli {

namespace {

const char* kBenchUsage =
    "usage: ravelin bench ike --peer ADDRESS [options]     IKEv2 load generator (--help for options)\n"
    "       ravelin bench respond --listen ADDRESS [options] benchmark responder (--help for options)\n";

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

int bench_ike(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::printf("%s", ike::loadgen::load_usage().c_str());
    return 0;
  }
  auto opts = ike::loadgen::parse_load_args(args);
  if (!opts) {
    std::fprintf(stderr, "ravelin: bench ike: %s\n%s", opts.error().message.c_str(), ike::loadgen::load_usage().c_str());
    return 2;
  }
  const bool quiet = opts->quiet;
  boost::asio::io_context io;
  ike::io::LoadGenerator gen(io, std::move(*opts));
  auto report = gen.run();
  if (!report) {
    std::fprintf(stderr, "ravelin: bench ike: %s\n", report.error().message.c_str());
    return 1;
  }
  if (quiet) report->failure_samples.clear();
  std::printf("%s", ike::loadgen::format_report(*report).c_str());
  const bool all = report->established == report->requested &&
                   (!report->deleted_phase || report->deleted == report->established + report->child_refused);
  return all ? 0 : 1;
}

int bench_respond(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::printf("%s", ike::loadgen::respond_usage().c_str());
    return 0;
  }
  auto opts = ike::loadgen::parse_respond_args(args);
  if (!opts) {
    std::fprintf(stderr, "ravelin: bench respond: %s\n%s", opts.error().message.c_str(),
                 ike::loadgen::respond_usage().c_str());
    return 2;
  }
  auto sum = ike::io::run_responder(*opts);
  if (!sum) {
    std::fprintf(stderr, "ravelin: bench respond: %s\n", sum.error().message.c_str());
    return 1;
  }
  std::printf("%s", ike::io::format_summary(*sum).c_str());
  return 0;
}

}  // namespace

int run_bench(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::printf("%s", kBenchUsage);
    return args.empty() ? 2 : 0;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "ike") return bench_ike(rest);
  if (args[0] == "respond") return bench_respond(rest);
  std::fprintf(stderr, "ravelin: bench: unknown benchmark '%s'\n%s", args[0].c_str(), kBenchUsage);
  return 2;
}

}  // namespace ravelin::cli
