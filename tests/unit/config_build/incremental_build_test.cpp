// IncrementalBuilder gives exactly what a full build gives, after every commit of random edit sequences
// on the real IOS and ASA command sets: the same IkeConfig, interfaces, warnings and change set.
#include <gtest/gtest.h>

#include <random>

#include "ike/config_build/incremental.hpp"
#include "tests/unit/commands/harness.hpp"
#include "tests/unit/config_build/dump.hpp"

namespace ravelin::testing {
namespace {

namespace cb = ike::config_build;

// Commits `text` (one batch), then checks the builder against a full build of the same tree.
struct Checker {
  explicit Checker(grammar::Dialect d) : device(d), builder(d) {}

  cb::Update commit(const std::string& text) {
    auto report = device.load(text);  // rejected lines are part of the test: they change nothing
    rejected += report.errors.size();
    const auto& now = device.store.running();
    auto u = builder.update(now);
    auto full = cb::build(now.root(), device.set.dialect());
    EXPECT_EQ(dump(u.built), dump(full)) << "after:\n" << text;
    static const ike::config::IkeConfig kEmpty;
    EXPECT_EQ(cb::describe(u.changes), cb::describe(cb::diff(previous ? *previous : kEmpty, *full.config)))
        << "after:\n" << text;
    previous = full.config;
    if (!u.rebuilt_all) ++incremental;
    if (!u.changes.empty()) ++changed;
    return u;
  }

  Device device;
  cb::IncrementalBuilder builder;
  ike::config::IkeConfigPtr previous;
  int incremental = 0;  // commits the builder attributed to sections
  int changed = 0;      // commits that changed the IkeConfig
  size_t rejected = 0;  // lines the device refused
};

std::string pick(std::mt19937& r, std::initializer_list<std::string> v) {
  return *(v.begin() + std::uniform_int_distribution<size_t>(0, v.size() - 1)(r));
}
int num(std::mt19937& r, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(r); }
std::string n(std::mt19937& r, int lo, int hi) { return std::to_string(num(r, lo, hi)); }

constexpr const char* kIosBase = R"(crypto ikev2 proposal PROP1
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 policy POL1
 proposal PROP1
crypto ikev2 keyring KR1
 peer P1
  address 203.0.113.1
  pre-shared-key k1
crypto ikev2 profile PROF1
 match identity remote address 0.0.0.0
 authentication local pre-share
 authentication remote pre-share
 keyring local KR1
crypto ipsec transform-set TS1 esp-aes 256 esp-sha256-hmac
crypto ipsec transform-set TS2 esp-gcm 256
crypto ipsec profile IPP
 set transform-set TS1
ip access-list extended ACL1
 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255
object-group network OG1
 host 10.9.9.9
crypto dynamic-map DYN 10
 set transform-set TS1
crypto map CMAP 10 ipsec-isakmp
 set peer 203.0.113.1
 set transform-set TS1
 match address ACL1
crypto map CMAP 65000 ipsec-isakmp dynamic DYN
interface GigabitEthernet0/0
 ip address 198.51.100.1 255.255.255.0
 crypto map CMAP
)";

// One random IOS edit: mostly crypto-map entries and their ACLs, but every section is reached.
std::string ios_edit(std::mt19937& r) {
  const std::string seq = std::to_string(num(r, 1, 12) * 10);
  const std::string acl = "ACL" + n(r, 1, 4);
  switch (num(r, 0, 17)) {
    case 0: case 1: case 2:
      return "crypto map CMAP " + seq + " ipsec-isakmp\n set peer 203.0.113." + n(r, 1, 9) + "\n set transform-set TS" +
             n(r, 1, 2) + "\n match address " + acl + "\n";
    case 3: return "no crypto map CMAP " + seq + "\n";
    case 4: return "crypto map CMAP " + seq + " ipsec-isakmp\n " + pick(r, {"set pfs group14", "no set pfs",
             "set security-association lifetime seconds 900", "set ikev2-profile PROF1", "no set peer 203.0.113.1",
             "match address 10" + n(r, 0, 2)}) + "\n";
    case 5: case 6:
      return "ip access-list extended " + acl + "\n permit " + pick(r, {"ip", "tcp", "udp"}) + " 10." + n(r, 1, 3) +
             ".0.0 0.0.255.255 " + pick(r, {"any", "host 10.8.8.8", "object-group OG1"}) + "\n";
    case 7: return pick(r, {"no ip access-list extended " + acl + "\n", "ip access-list extended " + acl + "\n no 10\n"});
    case 8: return "access-list 10" + n(r, 0, 2) + " permit ip host 10.7.7." + n(r, 1, 3) + " any\n";
    case 9: return pick(r, {"crypto ipsec transform-set TS3 esp-3des esp-md5-hmac\n", "no crypto ipsec transform-set TS3\n",
                            "no crypto ipsec transform-set default\n", "crypto ipsec transform-set default\n",
                            "crypto ipsec transform-set TS1 esp-aes esp-sha-hmac\n mode transport\n"});
    case 10: return "crypto ikev2 keyring KR" + n(r, 1, 2) + "\n peer P" + n(r, 1, 5) + "\n  address 203.0.113." +
                    n(r, 1, 9) + "\n  pre-shared-key key" + n(r, 1, 3) + "\n";
    case 11: return pick(r, {"no crypto ikev2 keyring KR2\n", "crypto ikev2 keyring KR1\n no peer P2\n",
                             "crypto ikev2 profile PROF2\n match identity remote fqdn a.example\n authentication local pre-share key x\n authentication remote pre-share key x\n",
                             "no crypto ikev2 profile PROF2\n", "crypto ikev2 profile PROF1\n lifetime 600\n dpd 10 2 on-demand\n"});
    case 12: return pick(r, {"crypto ikev2 proposal PROP2\n encryption aes-gcm-256\n prf sha384\n group 19\n",
                             "no crypto ikev2 proposal PROP2\n", "no crypto ikev2 proposal default\n",
                             "crypto ikev2 policy POL1\n match address local 198.51.100.1\n", "no crypto ikev2 policy POL1\n"});
    case 13: return pick(r, {"interface GigabitEthernet0/0\n no crypto map CMAP\n", "interface GigabitEthernet0/0\n crypto map CMAP\n",
                             "interface GigabitEthernet0/0\n ip address 198.51.100." + n(r, 2, 9) + " 255.255.255.0\n",
                             "interface Tunnel1\n tunnel source 198.51.100.1\n tunnel destination 203.0.113.50\n tunnel protection ipsec profile IPP\n"});
    case 14: return pick(r, {"crypto ipsec security-association lifetime seconds " + n(r, 120, 86400) + "\n",
                             "crypto ipsec profile IPP\n set transform-set TS" + n(r, 1, 2) + "\n",
                             "crypto ikev2 dpd " + n(r, 10, 60) + " 2 on-demand\n", "crypto ikev2 window " + n(r, 1, 40) + "\n"});
    case 15: return pick(r, {"crypto dynamic-map DYN " + n(r, 1, 3) + "0\n set transform-set TS2\n match address " + acl + "\n",
                             "no crypto dynamic-map DYN 20\n", "object-group network OG1\n host 10.9.9." + n(r, 1, 9) + "\n"});
    case 16: return "hostname R" + n(r, 1, 5) + "\n";
    default: return "crypto map CMAP " + n(r, 1, 3) + "000 ipsec-isakmp dynamic DYN\n";
  }
}

TEST(IncrementalBuild, IosRandomEditsBuildExactlyWhatAFullBuildDoes) {
  for (unsigned seed : {1u, 2u, 3u, 4u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    Checker c(grammar::Dialect::Ios);
    c.commit(kIosBase);
    ASSERT_EQ(c.rejected, 0u);
    std::mt19937 r(seed);
    for (int i = 0; i < 150 && !::testing::Test::HasFailure(); ++i) c.commit(ios_edit(r));
    // The edits were real (most changed the IkeConfig), and most were attributed to sections.
    EXPECT_GT(c.changed, 50);
    EXPECT_GT(c.incremental, 100);
    EXPECT_LT(c.rejected, 10u);
  }
}

TEST(IncrementalBuild, OneMapEntryEditRebuildsOnlyThatEntry) {
  Checker c(grammar::Dialect::Ios);
  c.commit(kIosBase);
  auto u = c.commit("crypto map CMAP 10 ipsec-isakmp\n set peer 203.0.113.2\n");
  EXPECT_FALSE(u.rebuilt_all);
  EXPECT_EQ(cb::describe(u.changes), "~ crypto-map CMAP 10\n");
  // Untouched sections are shared with the previous config's content, not rebuilt differently.
  EXPECT_EQ(u.built.config->keyrings.size(), 1u);
}

TEST(IncrementalBuild, AnAclEditChangesEveryEntryThatNamesIt) {
  Checker c(grammar::Dialect::Ios);
  c.commit(std::string(kIosBase) +
           "crypto map CMAP 20 ipsec-isakmp\n set peer 203.0.113.3\n set transform-set TS1\n match address ACL1\n"
           "crypto map CMAP 30 ipsec-isakmp\n set peer 203.0.113.4\n set transform-set TS1\n match address ACL2\n");
  auto u = c.commit("ip access-list extended ACL1\n permit ip host 10.5.5.5 any\n");
  EXPECT_FALSE(u.rebuilt_all);
  // A second permit is a second proxy pair: one more entry for each map entry naming ACL1.
  EXPECT_EQ(cb::describe(u.changes), "+ crypto-map CMAP 65546\n+ crypto-map CMAP 65556\n");
  u = c.commit("ip access-list extended ACL2\n permit ip host 10.6.6.6 any\n");
  EXPECT_EQ(cb::describe(u.changes), "+ crypto-map CMAP 30\n");
}

TEST(IncrementalBuild, AnUnchangedTreeGivesTheSameConfigAndNoChanges) {
  Checker c(grammar::Dialect::Ios);
  auto first = c.commit(kIosBase);
  EXPECT_TRUE(first.rebuilt_all);
  auto again = c.builder.update(c.device.store.running());
  EXPECT_EQ(again.built.config, first.built.config);
  EXPECT_TRUE(again.changes.empty());
}

constexpr const char* kAsaBase = R"(interface GigabitEthernet0/0
 nameif outside
 ip address 203.0.113.2 255.255.255.0
crypto ikev2 policy 10
 encryption aes-256
 integrity sha256
 group 14
 prf sha256
crypto ikev2 enable outside
crypto ipsec ikev2 ipsec-proposal GCM
 protocol esp encryption aes-gcm-256
 protocol esp integrity null
access-list ACL1 extended permit ip 192.168.2.0 255.255.255.0 10.0.0.0 255.0.0.0
tunnel-group 198.51.100.1 type ipsec-l2l
tunnel-group 198.51.100.1 ipsec-attributes
 ikev2 remote-authentication pre-shared-key k1
 ikev2 local-authentication pre-shared-key k1
crypto map CMAP 10 match address ACL1
crypto map CMAP 10 set peer 198.51.100.1
crypto map CMAP 10 set ikev2 ipsec-proposal GCM
crypto map CMAP interface outside
)";

std::string asa_edit(std::mt19937& r) {
  const std::string seq = n(r, 1, 6) + "0";
  switch (num(r, 0, 5)) {
    case 0: return "crypto map CMAP " + seq + " set peer 198.51.100." + n(r, 1, 9) + "\ncrypto map CMAP " + seq +
                   " match address ACL" + n(r, 1, 3) + "\ncrypto map CMAP " + seq + " set ikev2 ipsec-proposal GCM\n";
    case 1: return "no crypto map CMAP " + seq + " set peer 198.51.100." + n(r, 1, 9) + "\n";
    case 2: return "access-list ACL" + n(r, 1, 3) + " extended permit ip host 192.168.2." + n(r, 1, 9) + " any\n";
    case 3: return "tunnel-group 198.51.100." + n(r, 1, 9) + " type ipsec-l2l\n";
    case 4: return pick(r, {"crypto ikev2 policy 20\n encryption aes-gcm-256\n group 19\n prf sha384\n",
                            "no crypto ikev2 policy 20\n", "hostname asa" + n(r, 1, 3) + "\n"});
    default: return pick(r, {"no crypto map CMAP interface outside\n", "crypto map CMAP interface outside\n"});
  }
}

TEST(IncrementalBuild, AsaRandomEditsBuildExactlyWhatAFullBuildDoes) {
  Checker c(grammar::Dialect::Asa);
  c.commit(kAsaBase);
  ASSERT_EQ(c.rejected, 0u);
  std::mt19937 r(7);
  for (int i = 0; i < 80 && !::testing::Test::HasFailure(); ++i) c.commit(asa_edit(r));
  EXPECT_GT(c.changed, 10);
  EXPECT_LT(c.rejected, 10u);
}

}  // namespace
}  // namespace ravelin::testing
