// `ravelin bench ike ...` drives any IKEv2 responder with the load generator (ike/io/loadgen);
// `ravelin bench respond ...` runs a ravelin responder for it to measure. Wiring only: the work is in
// ike/loadgen (options, notation, report) and ike/io (sockets, event loop).
#include "cli/main_bench.hpp"

#include <cstdio>
#include <optional>

#include <boost/asio/io_context.hpp>

#include "ike/io/loadgen.hpp"
#include "ike/io/loadgen_responder.hpp"
#include "ike/loadgen/ios_config.hpp"
#include "ike/loadgen/options.hpp"

namespace ravelin::cli {

namespace {

const char* kBenchUsage =
    "usage: ravelin bench ike --peer ADDRESS [options]     IKEv2 load generator (--help for options)\n"
    "       ravelin bench respond --listen ADDRESS [options] benchmark responder (--help for options)\n"
    "       ravelin bench responder-config --listen ADDRESS [respond options]\n"
    "                                   the IOS startup-config of a daemon answering like `bench respond`\n";

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

// `bench respond` and `bench responder-config` take the same options. Returns the exit code for
// --help (0) or a bad option (2, reported), or nullopt with `out` set.
std::optional<int> respond_options(const std::vector<std::string>& args, const char* name,
                                   ike::loadgen::RespondOptions& out) {
  if (wants_help(args)) {
    std::printf("%s", ike::loadgen::respond_usage().c_str());
    return 0;
  }
  auto opts = ike::loadgen::parse_respond_args(args);
  if (!opts) {
    std::fprintf(stderr, "ravelin: bench %s: %s\n%s", name, opts.error().message.c_str(),
                 ike::loadgen::respond_usage().c_str());
    return 2;
  }
  out = std::move(*opts);
  return std::nullopt;
}

int bench_respond(const std::vector<std::string>& args) {
  ike::loadgen::RespondOptions opts;
  if (auto rc = respond_options(args, "respond", opts)) return *rc;
  auto sum = ike::io::run_responder(opts);
  if (!sum) {
    std::fprintf(stderr, "ravelin: bench respond: %s\n", sum.error().message.c_str());
    return 1;
  }
  std::printf("%s", ike::io::format_summary(*sum).c_str());
  return 0;
}

// Prints the IOS startup-config of a daemon answering like `bench respond` (it holds the PSK:
// redirect it to an owner-only file).
int bench_responder_config(const std::vector<std::string>& args) {
  ike::loadgen::RespondOptions opts;
  if (auto rc = respond_options(args, "responder-config", opts)) return *rc;
  auto text = ike::loadgen::ios_responder_config(opts);
  if (!text) {
    std::fprintf(stderr, "ravelin: bench responder-config: %s\n", text.error().message.c_str());
    return 2;
  }
  std::printf("%s", text->c_str());
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
  if (args[0] == "responder-config") return bench_responder_config(rest);
  std::fprintf(stderr, "ravelin: bench: unknown benchmark '%s'\n%s", args[0].c_str(), kBenchUsage);
  return 2;
}

}  // namespace ravelin::cli
