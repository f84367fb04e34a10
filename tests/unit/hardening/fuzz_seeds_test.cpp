// Seeds of the CLI, config-loader and netlink fuzz targets (tests/fuzz/): built here from the shipped
// example configs and from netlink messages laid out as the kernel does, and checked to be inputs the
// targets' code accepts, so each fuzzer starts deep inside its parser. `RAVELIN_WRITE_SEEDS=1
// unit_hardening --gtest_filter=FuzzSeeds.*` regenerates tests/fuzz/corpus/{cli_matcher,config_load,
// netlink_event}_fuzz/.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>
#include <netinet/in.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "platform/linux/route_parse.hpp"
#include "platform/linux/xfrm_parse.hpp"
#include "tests/unit/platform_linux/canned_message.hpp"

namespace ravelin::test {
namespace {

namespace fs = std::filesystem;
using Seeds = std::map<std::string, std::string>;

fs::path corpus(const std::string& target) { return fs::path(RAVELIN_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / target; }

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The example configs shipped in examples/ (IOS and ASA).
std::map<std::string, std::string> examples() {
  std::map<std::string, std::string> out;
  const fs::path dir = fs::path(RAVELIN_SOURCE_DIR) / "examples";
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".cfg") continue;
    std::string name = fs::relative(e.path(), dir).string();
    for (auto& c : name) c = (c == '/' || c == '.') ? '_' : c;
    out[name] = read_text(e.path());
  }
  return out;
}

bool is_asa(const std::string& text) { return text.find("ASA Version") != std::string::npos; }

Seeds config_seeds() {
  Seeds s;
  for (const auto& [name, text] : examples()) s[name] = std::string(1, is_asa(text) ? '\x01' : '\x00') + text;
  return s;
}

// An operator session: enable, configure terminal, the example's lines, `?` and TAB on the way, show.
Seeds cli_seeds() {
  Seeds s;
  for (const auto& [name, text] : examples()) {
    const bool asa = is_asa(text);
    std::string in(1, static_cast<char>(asa ? 3 : 2));
    in += "configure terminal\n";
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("ASA Version", 0) == 0 || line.rfind(":", 0) == 0) continue;
      in += line + "\n";
    }
    in += "\x01" "crypto ikev2 \n\x02" "crypto ike\n\x03\nshow running-config\nshow crypto ikev2 sa\n";
    s[name] = in;
  }
  s["user_exec_walk"] = std::string("\x00", 1) + "show version\n\x01\nenable\nconfigure terminal\nhostname R1\n"
                        "interface GigabitEthernet0/0\nip address 10.0.0.1 255.255.255.0\nexit\ndo show run\nend\n";
  return s;
}

std::string bytes_of(const std::vector<uint8_t>& v) { return std::string(v.begin(), v.end()); }

xfrm_address_t xa(const char* t) {
  xfrm_address_t a;
  std::memset(&a, 0, sizeof a);
  const auto ip = *platform::IpAddress::parse(t);
  std::memcpy(&a, ip.bytes().data(), ip.size());
  return a;
}

Seeds netlink_seeds() {
  Seeds s;
  xfrm_user_acquire acq;
  std::memset(&acq, 0, sizeof acq);
  acq.id.daddr = xa("203.0.113.2");
  acq.id.proto = IPPROTO_ESP;
  acq.saddr = xa("203.0.113.1");
  acq.sel.family = AF_INET;
  acq.policy.sel.family = AF_INET;
  acq.policy.dir = XFRM_POLICY_OUT;
  xfrm_user_tmpl t;
  std::memset(&t, 0, sizeof t);
  t.id.daddr = xa("203.0.113.2");
  t.id.proto = IPPROTO_ESP;
  t.family = AF_INET;
  t.reqid = 0x52560001;
  t.mode = XFRM_MODE_TUNNEL;
  // Byte 0: 0 keeps the message's own type (see tests/fuzz/netlink_event_fuzz.cpp).
  s["acquire"] = std::string(1, '\0') + bytes_of(CannedMessage(XFRM_MSG_ACQUIRE).fixed(acq).attr(XFRMA_TMPL, t).bytes());
  xfrm_user_expire e;
  std::memset(&e, 0, sizeof e);
  e.state.id.spi = htonl(0xc0000042);
  e.state.id.proto = IPPROTO_ESP;
  e.state.family = AF_INET6;
  e.state.reqid = 0x52560003;
  e.hard = 1;
  s["expire_hard_v6"] = std::string(1, '\0') + bytes_of(CannedMessage(XFRM_MSG_EXPIRE).fixed(e).bytes());
  xfrm_user_mapping m;
  std::memset(&m, 0, sizeof m);
  m.id.family = AF_INET;
  m.id.proto = IPPROTO_ESP;
  m.reqid = 0x52560004;
  m.new_sport = htons(61000);
  s["mapping"] = std::string(1, '\0') + bytes_of(CannedMessage(XFRM_MSG_MAPPING).fixed(m).bytes());
  ifaddrmsg ifa{};
  ifa.ifa_family = AF_INET;
  ifa.ifa_prefixlen = 24;
  ifa.ifa_index = 2;
  const uint8_t v4[4] = {10, 0, 0, 1};
  s["newaddr"] = std::string(1, '\0') +
                 bytes_of(CannedMessage(RTM_NEWADDR).fixed(ifa).attr(IFA_ADDRESS, v4, 4).attr(IFA_LOCAL, v4, 4).bytes());
  ifinfomsg ifi{};
  ifi.ifi_index = 3;
  const char name[] = "eth1";
  s["newlink"] = std::string(1, '\0') + bytes_of(CannedMessage(RTM_NEWLINK).fixed(ifi).attr(IFLA_IFNAME, name, sizeof name).bytes());
  return s;
}

void write_if_asked(const std::string& target, const Seeds& seeds) {
  if (!std::getenv("RAVELIN_WRITE_SEEDS")) return;
  fs::create_directories(corpus(target));
  for (const auto& [name, bytes] : seeds) std::ofstream(corpus(target) / name, std::ios::binary) << bytes;
}

// Every generated seed is committed with the same bytes (a changed example or layout is noticed).
void expect_committed(const std::string& target, const Seeds& seeds) {
  for (const auto& [name, bytes] : seeds) {
    const fs::path p = corpus(target) / name;
    ASSERT_TRUE(fs::exists(p)) << p << " missing: run with RAVELIN_WRITE_SEEDS=1";
    EXPECT_EQ(read_text(p), bytes) << p << " is stale: run with RAVELIN_WRITE_SEEDS=1";
  }
}

TEST(FuzzSeeds, ConfigLoaderSeedsAreTheShippedExamples) {
  const auto seeds = config_seeds();
  ASSERT_GE(seeds.size(), 4u);
  write_if_asked("config_load_fuzz", seeds);
  expect_committed("config_load_fuzz", seeds);
}

TEST(FuzzSeeds, CliSeedsTypeEveryExampleLineInConfigMode) {
  const auto seeds = cli_seeds();
  write_if_asked("cli_matcher_fuzz", seeds);
  expect_committed("cli_matcher_fuzz", seeds);
}

TEST(FuzzSeeds, NetlinkSeedsAreMessagesTheParsersAccept) {
  const auto seeds = netlink_seeds();
  for (const auto& [name, bytes] : seeds) {
    const std::vector<uint8_t> msg(bytes.begin() + 1, bytes.end());
    const bool xfrm = name == "acquire" || name.rfind("expire", 0) == 0 || name == "mapping";
    if (xfrm) {
      EXPECT_TRUE(platform::linux::parse_event(msg).ok()) << name;
    } else {
      EXPECT_TRUE(platform::linux::parse_link_event(msg).ok()) << name;
    }
  }
  write_if_asked("netlink_event_fuzz", seeds);
  expect_committed("netlink_event_fuzz", seeds);
}

}  // namespace
}  // namespace ravelin::test
