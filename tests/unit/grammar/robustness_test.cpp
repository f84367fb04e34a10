#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "tests/unit/grammar/test_commands.hpp"

namespace ravelin::grammar {
namespace {

using testing::Rig;

// Random lines from a vocabulary of real keywords, values and junk, in every mode of both dialects:
// nothing asserts or throws, and every rejected line leaves the running-config exactly as it was.
TEST(GrammarRobustness, RandomLinesNeverCrashAndRejectedLinesChangeNothing) {
  const std::vector<std::string> vocab = {
      "crypto", "ikev2", "profile", "proposal", "keyring", "peer", "map", "set", "no", "default", "exit",
      "end", "interface", "tu", "1", "gi0/0", "lifetime", "0", "99999999999999999999", "10.0.0.1",
      "255.255.255.0", "::1", "2001:db8::/64", "encryption", "aes-cbc-128", "group", "14", "?", "$", "{", "[",
      "ip", "access-list", "extended", "permit", "router", "ospf", "tunnel-group", "ipsec-attributes",
      "0x", "-1", "\t", "P", "\xff\xfe", "crypto map M 10", "description", "shutdown", "banner", "motd"};
  const std::vector<std::string> ios_lines = {
      "crypto ikev2 proposal P", "encryption aes-cbc-128 aes-cbc-256", "group 14 19", "exit",
      "crypto ikev2 keyring K", "peer X", "address 10.0.0.1 255.255.255.0", "pre-shared-key k e y",
      "crypto ikev2 profile PR", "lifetime 600", "dpd 10 3 periodic", "keyring local K",
      "crypto map M 10 ipsec-isakmp", "set peer 10.0.0.2", "match address A", "interface tu 1",
      "shutdown", "ip access-list extended A", "permit ip any any", "router ospf 1", "network 1.0.0.0",
      "ip route 10.0.0.0/8 10.0.0.1", "hostname H", "no shutdown", "no set peer", "banner motd #x#"};
  const std::vector<std::string> asa_lines = {
      "crypto map C 10 set peer 10.0.0.1", "crypto map C 20 match address A", "tunnel-group T type ipsec-l2l",
      "tunnel-group T ipsec-attributes", "ikev2 remote-authentication pre-shared-key K", "exit",
      "crypto ikev2 policy 5", "encryption aes aes-256", "lifetime seconds 3600", "interface gi0/1",
      "nameif outside", "no shutdown"};
  for (Dialect d : {Dialect::Ios, Dialect::Asa}) {
    Rig r(d);
    const auto& valid = d == Dialect::Ios ? ios_lines : asa_lines;
    std::mt19937 rng(1234);
    for (int i = 0; i < 4000; ++i) {
      std::string line;
      if (rng() % 2) {  // a valid line, sometimes cut short or with a word spliced in
        line = valid[rng() % valid.size()];
        if (rng() % 4 == 0) line = line.substr(0, rng() % (line.size() + 1));
        if (rng() % 4 == 0) line.insert(rng() % (line.size() + 1), vocab[rng() % vocab.size()]);
      } else {
        const int n = static_cast<int>(rng() % 9);
        for (int w = 0; w < n; ++w) line += vocab[rng() % vocab.size()] + (rng() % 5 ? " " : "");
      }
      const auto before = r.store.running().root_ptr();
      (void)r.in.help(r.st, line, r.prompt().size());
      (void)r.in.complete(r.st, line);
      LineResult out = r.run(line);
      if (out.rejected) {
        EXPECT_EQ(r.store.running().root_ptr(), before) << line;
      }
      if (r.st.frames.size() < 2 || i % 300 == 0) r.st.enter_config(r.set);
    }
    // Whatever was accepted renders and reloads to the same text.
    const std::string text = r.running();
    EXPECT_GT(std::count(text.begin(), text.end(), '\n'), 5) << "the vocabulary should build some config";
    Rig again(d);
    config::LoadReport rep = config::load(again.store, text);
    EXPECT_TRUE(rep.errors.empty()) << (rep.errors.empty() ? "" : rep.errors[0].line + " " + rep.errors[0].message);
    if (again.running() != text) {
      const std::string got = again.running();
      size_t k = 0;
      while (k < got.size() && k < text.size() && got[k] == text[k]) ++k;
      ADD_FAILURE() << "round trip differs at " << k << ": want [" << text.substr(k > 80 ? k - 80 : 0, 200)
                    << "] got [" << got.substr(k > 80 ? k - 80 : 0, 200) << "]";
    }
  }
}

TEST(GrammarRobustness, VeryLongLinesAreRefusedNotOverflowed) {
  Rig r;
  std::string line = "crypto ipsec transform-set T";
  for (int i = 0; i < 3000; ++i) line += " esp-aes";
  EXPECT_TRUE(r.run(line).rejected);
  std::string desc = "interface gi0/0";
  EXPECT_FALSE(r.run(desc).rejected);
  std::string text(20000, 'x');
  for (size_t i = 0; i < text.size(); i += 3) text[i] = ' ';
  EXPECT_FALSE(r.run("description " + text).rejected);
}

TEST(GrammarRobustness, NoAndDefaultAloneAreIncomplete) {
  Rig r;
  EXPECT_EQ(r.run("no").output, "% Incomplete command.\n\n");
  EXPECT_EQ(r.run("default").output, "% Incomplete command.\n\n");
}

TEST(GrammarRobustness, AsaNoRemovesOneInlineItem) {
  Rig r(Dialect::Asa);
  r.run("crypto map CMAP 10 set peer 192.0.2.1");
  r.run("crypto map CMAP 10 set peer 192.0.2.2");
  r.run("no crypto map CMAP 10 set peer 192.0.2.1");
  EXPECT_EQ(r.running(), "crypto map CMAP 10 set peer 192.0.2.2\n");
}

}  // namespace
}  // namespace ravelin::grammar
