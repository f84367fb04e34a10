// scripts/bench-ike itself, at a tiny size, so the command BENCHMARKS.md cites keeps working: the same
// driver establishes every SA against strongSwan, the ravelin daemon and `ravelin bench respond`, and
// a strongSwan initiator establishes every SA against strongSwan and the daemon. The script builds and
// removes its own namespaces (prefix rvb<pid>) and stops every process it started. Needs root,
// iproute2 and strongSwan; skips with the reason when one is missing. About 3 s.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "tests/netns/loadgen/netns_harness.hpp"

namespace ravelin::ike::io {
namespace {

using netns_test::capture;

const std::string kScript = std::string(RAVELIN_SOURCE_DIR) + "/scripts/bench-ike";
const std::string kBin = std::string(RAVELIN_BINARY_DIR) + "/ravelin";

std::string missing_prerequisite() {
  if (geteuid() != 0) return "needs root (network namespaces)";
  if (!netns_test::run("ip -V")) return "needs iproute2";
  if (access("/usr/lib/ipsec/charon", X_OK) != 0 || !netns_test::run("command -v swanctl")) return "needs strongSwan";
  if (access(kBin.c_str(), X_OK) != 0) return "the ravelin binary is not built: " + kBin;
  return "";
}

// "<who> run 1: established N/M ..." of the script's output, or "" when the line is missing.
std::string established(const std::string& out, const std::string& who) {
  const std::string key = "\n" + who + " run 1: established ";
  const auto pos = ("\n" + out).find(key);
  if (pos == std::string::npos) return "";
  const auto start = pos + key.size() - 1;  // -1: the "\n" prepended above
  return out.substr(start, out.find(' ', start) - start);
}

TEST(BenchIkeScript, SameDriverEstablishesEverySaAgainstAllThreeResponders) {
  if (auto why = missing_prerequisite(); !why.empty()) GTEST_SKIP() << why;
  const auto r = capture(kScript + " --bin " + kBin + " --responder all --count 12 --concurrency 4 --runs 1 --sources 2");
  ASSERT_EQ(r.code, 0) << r.out;
  for (const char* who : {"strongswan", "ravelin", "ravelin-bench"}) {
    EXPECT_EQ(established(r.out, who), "12/12") << who << "\n" << r.out;
    EXPECT_NE(r.out.find(std::string(who) + " median: handshakes/s "), std::string::npos) << r.out;
  }
  EXPECT_EQ(r.out.find("bench-ike-psk"), std::string::npos) << "the pre-shared key reached the output";
}

TEST(BenchIkeScript, StrongswanInitiatorEstablishesEverySaAgainstStrongswanAndTheDaemon) {
  if (auto why = missing_prerequisite(); !why.empty()) GTEST_SKIP() << why;
  const auto r = capture(kScript + " --bin " + kBin + " --responder both --initiator strongswan --count 6 --concurrency 2 --runs 1");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_EQ(established(r.out, "strongswan"), "6/6") << r.out;
  EXPECT_EQ(established(r.out, "ravelin"), "6/6") << r.out;
  EXPECT_NE(r.out.find("initiator strongswan"), std::string::npos) << r.out;
}

TEST(BenchIkeScript, UnknownResponderIsRefusedBeforeAnythingStarts) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (the script checks it first)";
  if (access(kBin.c_str(), X_OK) != 0) GTEST_SKIP() << "the ravelin binary is not built: " << kBin;
  const auto r = capture(kScript + " --bin " + kBin + " --responder nobody");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("bad --responder nobody"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("run 1"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ravelin::ike::io
