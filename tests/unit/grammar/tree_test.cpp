#include <gtest/gtest.h>

#include "grammar/config/diff.hpp"
#include "tests/unit/grammar/test_commands.hpp"

namespace ravelin::grammar {
namespace {

using testing::Rig;

constexpr const char* kIosConfig =
    "hostname R1\n"
    "!\n"
    "crypto ikev2 proposal PROP\n"
    " encryption aes-cbc-256 aes-cbc-128\n"
    " integrity sha256\n"
    " group 14\n"
    "!\n"
    "crypto ikev2 policy POL\n"
    " match address local 192.0.2.1\n"
    " proposal PROP\n"
    "!\n"
    "crypto ikev2 keyring KR\n"
    " peer SITE-B\n"
    "  address 198.51.100.2\n"
    "  pre-shared-key s3cr3t key\n"
    " !\n"
    "!\n"
    "crypto ikev2 profile PROF\n"
    " match identity remote address 198.51.100.2 255.255.255.255\n"
    " authentication remote pre-share\n"
    " authentication local pre-share\n"
    " keyring local KR\n"
    " lifetime 3600\n"
    "!\n"
    "crypto ikev2 dpd 10 2 on-demand\n"
    "!\n"
    "crypto ipsec transform-set TS esp-aes esp-sha-hmac\n"
    " mode tunnel\n"
    "!\n"
    "crypto map CMAP 10 ipsec-isakmp\n"
    " set peer 198.51.100.2\n"
    " set transform-set TS\n"
    " match address VPN\n"
    "!\n"
    "ip access-list extended VPN\n"
    " permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255\n"
    "!\n"
    "interface GigabitEthernet0/0\n"
    " description uplink\n"
    " ip address 192.0.2.1 255.255.255.0\n"
    " crypto map CMAP\n"
    "!\n"
    "router ospf 1\n"
    " network 10.0.0.0 0.255.255.255 area 0\n"
    "!\n"
    "ip route 0.0.0.0/0 192.0.2.254\n"
    "!\n"
    "line vty 0 4\n"
    " login\n"
    " transport input ssh\n"
    "!\n"
    "banner motd ^C\n"
    "Authorized access only\n"
    "^C\n";

TEST(GrammarTree, RenderParseRenderIsTheIdentity) {
  Rig r;
  config::LoadReport rep = config::load(r.store, kIosConfig);
  ASSERT_TRUE(rep.errors.empty()) << rep.errors.front().line_number << ": " << rep.errors.front().message;
  const std::string first = r.running();
  EXPECT_EQ(first, kIosConfig);
  Rig again;
  config::LoadReport rep2 = config::load(again.store, first);
  ASSERT_TRUE(rep2.errors.empty());
  EXPECT_EQ(again.running(), first);
}

TEST(GrammarTree, RenderFollowsDeclarationOrderNotTypingOrder) {
  Rig r;
  r.run("interface gi0/0");
  r.run("crypto ikev2 profile P");
  r.run("keyring local KR");  // refused: no keyring yet
  r.run("lifetime 600");
  r.run("authentication local pre-share");
  r.run("authentication remote pre-share");
  r.run("crypto ikev2 proposal A");
  r.run("hostname X");
  EXPECT_EQ(r.running(),
            "hostname X\n!\n"
            "crypto ikev2 proposal A\n!\n"
            "crypto ikev2 profile P\n authentication remote pre-share\n authentication local pre-share\n"
            " lifetime 600\n!\n"
            "interface GigabitEthernet0/0\n!\n");
}

TEST(GrammarTree, KeyOrderedListsSortNaturally) {
  Rig r;
  for (int seq : {100, 20, 3}) {
    r.run("crypto map M " + std::to_string(seq) + " ipsec-isakmp");
    r.run("exit");
  }
  const auto maps = r.store.running().root().all("crypto map");
  ASSERT_EQ(maps.size(), 3u);
  EXPECT_EQ(maps[0]->args().number("seq"), 3);
  EXPECT_EQ(maps[2]->args().number("seq"), 100);
}

TEST(GrammarTree, ShowDefaultLeavesRenderTheirDefault) {
  Rig r;
  r.run("crypto ipsec transform-set T esp-gcm");
  EXPECT_EQ(r.running(), "crypto ipsec transform-set T esp-gcm\n mode tunnel\n!\n");
  r.run("mode transport");
  EXPECT_EQ(r.running(), "crypto ipsec transform-set T esp-gcm\n mode transport\n!\n");
  r.run("exit");
  // Re-typing the header with other transforms updates the entry, keeping its children.
  r.run("crypto ipsec transform-set T esp-aes esp-sha256-hmac");
  EXPECT_EQ(r.running(), "crypto ipsec transform-set T esp-aes esp-sha256-hmac\n mode transport\n!\n");
}

TEST(GrammarTree, SnapshotsAreImmutableAndShareUntouchedSubtrees) {
  Rig r;
  ASSERT_TRUE(config::load(r.store, kIosConfig).errors.empty());
  const config::Snapshot before = r.store.running();
  const std::string text_before = config::render(before);
  r.run("crypto ikev2 profile PROF");
  r.run("lifetime 7200");
  const config::Snapshot after = r.store.running();
  EXPECT_GT(after.version(), before.version());
  EXPECT_EQ(config::render(before), text_before);
  EXPECT_EQ(before.root().entry("crypto ikev2 keyring", {"KR"}), after.root().entry("crypto ikev2 keyring", {"KR"}));
  EXPECT_NE(before.root().entry("crypto ikev2 profile", {"PROF"}), after.root().entry("crypto ikev2 profile", {"PROF"}));
}

TEST(GrammarTree, DiffCreatesParentsFirstAndDeletesChildrenFirst) {
  Rig r;
  const config::Snapshot empty = r.store.running();
  r.run("crypto ikev2 keyring KR");
  r.run("peer P");
  r.run("address 192.0.2.1");
  const config::Snapshot full = r.store.running();
  const config::ChangeSet add = config::diff(empty, full);
  ASSERT_EQ(add.size(), 3u);
  EXPECT_EQ(add[0].op, config::Change::Op::Create);
  EXPECT_EQ(add[0].path, std::vector<std::string>{"crypto ikev2 keyring KR"});
  EXPECT_EQ(add[2].path, (std::vector<std::string>{"crypto ikev2 keyring KR", "peer P", "address 192.0.2.1"}));
  const config::ChangeSet del = config::diff(full, empty);
  ASSERT_EQ(del.size(), 3u);
  EXPECT_EQ(del[0].path.size(), 3u);
  EXPECT_EQ(del[2].path.size(), 1u);
  for (const auto& c : del) EXPECT_EQ(c.op, config::Change::Op::Delete);
  EXPECT_TRUE(config::diff(full, full).empty());
}

TEST(GrammarTree, DiffReportsAModifiedLeaf) {
  Rig r;
  r.run("crypto ikev2 profile P");
  r.run("lifetime 600");
  const config::Snapshot a = r.store.running();
  r.run("lifetime 900");
  const config::ChangeSet ch = config::diff(a, r.store.running());
  ASSERT_EQ(ch.size(), 1u);
  EXPECT_EQ(ch[0].op, config::Change::Op::Modify);
  EXPECT_EQ(ch[0].before->args().number("seconds"), 600);
  EXPECT_EQ(ch[0].after->args().number("seconds"), 900);
  EXPECT_EQ(config::describe(ch), "~ crypto ikev2 profile P / lifetime 900\n");
}

TEST(GrammarTree, DescribeMasksSecrets) {
  Rig r;
  const config::Snapshot a = r.store.running();
  r.run("crypto ikev2 keyring KR");
  r.run("peer P");
  r.run("pre-shared-key TopSecret");
  const std::string d = config::describe(config::diff(a, r.store.running()));
  EXPECT_EQ(d.find("TopSecret"), std::string::npos);
  EXPECT_NE(d.find("pre-shared-key *****"), std::string::npos);
}

// Records the pipeline's calls; refuses candidates that contain a proposal named BAD.
class RecordingSubscriber : public config::Subscriber {
 public:
  explicit RecordingSubscriber(std::vector<std::string>& log, std::string name) : log_(&log), name_(std::move(name)) {}
  Status validate(const config::Snapshot& c, const config::ChangeSet& ch) override {
    log_->push_back(name_ + ".validate " + std::to_string(ch.size()));
    if (c.root().entry("crypto ikev2 proposal", {"BAD"})) return make_error("% proposal BAD refused by " + name_);
    return {};
  }
  void apply(const config::Snapshot& running, const config::ChangeSet& ch) override {
    log_->push_back(name_ + ".apply " + std::to_string(ch.size()) + " v" + std::to_string(running.version()));
  }

 private:
  std::vector<std::string>* log_;
  std::string name_;
};

TEST(GrammarTree, CommitRunsSubscribersInOrderValidateThenApply) {
  Rig r;
  std::vector<std::string> log;
  RecordingSubscriber a(log, "ike"), b(log, "ipsec");
  r.store.subscribe(a);
  r.store.subscribe(b);
  const uint64_t v = r.store.running().version();
  r.run("crypto ikev2 proposal P");
  EXPECT_EQ(log, (std::vector<std::string>{"ike.validate 1", "ipsec.validate 1", "ike.apply 1 v" + std::to_string(v + 1),
                                           "ipsec.apply 1 v" + std::to_string(v + 1)}));
  log.clear();
  r.run("crypto ikev2 proposal P");  // nothing changes: no commit
  EXPECT_TRUE(log.empty());
}

TEST(GrammarTree, SubscriberRefusalLeavesRunningConfigUnchanged) {
  Rig r;
  std::vector<std::string> log;
  RecordingSubscriber a(log, "ike"), b(log, "ipsec");
  r.store.subscribe(a);
  r.store.subscribe(b);
  const auto before = r.store.running().root_ptr();
  LineResult out = r.run("crypto ikev2 proposal BAD");
  EXPECT_TRUE(out.rejected);
  EXPECT_EQ(out.output, "% proposal BAD refused by ike\n");
  EXPECT_EQ(r.store.running().root_ptr(), before);
  EXPECT_EQ(r.prompt(), "R(config)#");  // a refused line does not enter the mode
  EXPECT_EQ(log, std::vector<std::string>{"ike.validate 1"});  // later subscribers not asked, none applied
}

TEST(GrammarTree, BatchLoadReportsBadLinesAndKeepsGoodOnes) {
  Rig r;
  std::vector<std::string> log;
  RecordingSubscriber a(log, "ike");
  r.store.subscribe(a);
  const std::string text =
      "crypto ikev2 proposal P\n"
      " encryption aes-cbc-999\n"
      " integrity sha256\n"
      "crypto ikev2 profile X\n"
      " lifetime\n"
      " keyring local NOPE\n"
      " bogus words\n"
      "crypto ikev2 keyring KR\n";
  config::LoadReport rep = config::load(r.store, text);
  ASSERT_EQ(rep.errors.size(), 4u);
  EXPECT_EQ(rep.errors[0].line_number, 2u);
  EXPECT_EQ(rep.errors[0].column, 12u);
  EXPECT_EQ(rep.errors[0].message, "% Invalid input detected at '^' marker.");
  EXPECT_EQ(rep.errors[1].line_number, 5u);
  EXPECT_EQ(rep.errors[1].message, "% Incomplete command.");
  EXPECT_EQ(rep.errors[2].line_number, 6u);
  EXPECT_EQ(rep.errors[2].message, "% crypto ikev2 keyring NOPE does not exist");
  EXPECT_EQ(rep.errors[3].line_number, 7u);
  EXPECT_EQ(rep.errors[3].column, 1u);
  EXPECT_EQ(rep.lines_applied, 4u);
  EXPECT_EQ(r.running(), "crypto ikev2 proposal P\n integrity sha256\n!\ncrypto ikev2 keyring KR\n!\n"
                         "crypto ikev2 profile X\n!\n");
  EXPECT_EQ(log, (std::vector<std::string>{"ike.validate 4", "ike.apply 4 v2"}));  // one transaction
  EXPECT_EQ(config::format_error("startup.cfg", rep.errors[0]),
            "startup.cfg:2: % Invalid input detected at '^' marker.\n encryption aes-cbc-999\n            ^\n");
}

TEST(GrammarTree, BatchRefusedBySubscriberIsRetriedLineByLine) {
  Rig r;
  std::vector<std::string> log;
  RecordingSubscriber a(log, "ike");
  r.store.subscribe(a);
  config::LoadReport rep = config::load(r.store, "crypto ikev2 proposal GOOD\ncrypto ikev2 proposal BAD\nhostname H\n");
  ASSERT_EQ(rep.errors.size(), 1u);
  EXPECT_EQ(rep.errors[0].line_number, 2u);
  EXPECT_EQ(rep.errors[0].message, "% proposal BAD refused by ike");
  EXPECT_TRUE(rep.committed);
  EXPECT_EQ(r.running(), "hostname H\n!\ncrypto ikev2 proposal GOOD\n!\n");
}

TEST(GrammarTree, BatchLoadIgnoresIndentationForModesButKeepsVerbatimBlocks) {
  Rig r;
  // No `exit` lines and no indentation: fall-through still puts every line in the right place.
  config::LoadReport rep = config::load(r.store,
                                        "crypto ikev2 keyring KR\npeer P\naddress 192.0.2.1\n"
                                        "crypto ikev2 profile PR\nkeyring local KR\n"
                                        "router bgp 65000\n neighbor 192.0.2.2 remote-as 65001\n"
                                        "  address-family ipv4\n"
                                        "interface Tunnel1\n");
  ASSERT_TRUE(rep.errors.empty()) << rep.errors.front().message;
  EXPECT_EQ(r.running(),
            "crypto ikev2 keyring KR\n peer P\n  address 192.0.2.1\n !\n!\n"
            "crypto ikev2 profile PR\n keyring local KR\n!\n"
            "interface Tunnel1\n!\n"
            "router bgp 65000\n neighbor 192.0.2.2 remote-as 65001\n  address-family ipv4\n");
  ASSERT_EQ(rep.notes.size(), 1u);
  EXPECT_NE(rep.notes[0].find("kept verbatim"), std::string::npos);
}

TEST(GrammarTree, ReplaceLoadAppliesOnlyTheDifference) {
  Rig r;
  ASSERT_TRUE(config::load(r.store, kIosConfig).errors.empty());
  std::string changed = kIosConfig;
  changed.replace(changed.find(" lifetime 3600"), 14, " lifetime 7200");
  std::vector<std::string> log;
  RecordingSubscriber a(log, "ike");
  r.store.subscribe(a);
  config::LoadReport rep = config::load(r.store, changed, {.replace = true});
  ASSERT_TRUE(rep.errors.empty());
  ASSERT_EQ(rep.changes.size(), 1u);
  EXPECT_EQ(rep.changes[0].op, config::Change::Op::Modify);
  EXPECT_EQ(r.running(), changed);
}

TEST(GrammarTree, AsaRenderWithoutSeparatorsAndShowDefaults) {
  Rig r(Dialect::Asa);
  r.run("crypto ikev2 policy 10");
  r.run("encryption aes-256");
  EXPECT_EQ(config::render(r.store.running(), {.separators = false}),
            "crypto ikev2 policy 10\n encryption aes-256\n lifetime seconds 86400\n");
}

}  // namespace
}  // namespace ravelin::grammar
