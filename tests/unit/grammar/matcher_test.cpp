#include <gtest/gtest.h>

#include "grammar/matcher.hpp"
#include "tests/unit/grammar/test_commands.hpp"

namespace ravelin::grammar {
namespace {

class GrammarMatcher : public ::testing::Test {
 protected:
  GrammarMatcher() { testing::declare_ios(set); }
  Match cfg(std::string_view line) { return match_line(set, set.config_mode(), line, env); }
  Match in(std::string_view mode, std::string_view line) { return match_line(set, *set.find_mode(mode), line, env); }
  CommandSet set{Dialect::Ios};
  MatchEnv env;
};

TEST_F(GrammarMatcher, AbbreviatedKeywordsMatchUniquePrefixes) {
  Match m = cfg("cry ikev2 prop P1");
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.decl()->id, "crypto ikev2 proposal");
  EXPECT_EQ(m.words.back(), "crypto ikev2 proposal P1");
  EXPECT_EQ(m.args.back().text("name"), "P1");
}

TEST_F(GrammarMatcher, KeywordsAreCaseInsensitiveAndNamesKeepTheirCase) {
  Match m = cfg("CRYPTO IKEV2 PROFILE MyProf");
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.words.back(), "crypto ikev2 profile MyProf");
}

TEST_F(GrammarMatcher, AmbiguousPrefixIsReported) {
  EXPECT_EQ(cfg("crypto ikev2 p X").status, Match::Status::Ambiguous);  // policy, profile, proposal
  Match m = cfg("i");  // interface, ip
  EXPECT_EQ(m.status, Match::Status::Ambiguous);
}

TEST_F(GrammarMatcher, PreferredKeywordResolvesAnAmbiguousAbbreviation) {
  CommandSet s(Dialect::Ios);
  s.exec().add("show clock", {});
  s.exec().add("ssh WORD$host", {});
  s.exec().add("shell", {});
  EXPECT_EQ(match_line(s, s.exec_mode(), "sh clock", env).status, Match::Status::Ambiguous);
  s.prefer("show");
  Match m = match_line(s, s.exec_mode(), "sh clock", env);
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.words.back(), "show clock");
  EXPECT_EQ(match_line(s, s.exec_mode(), "s clock", env).status, Match::Status::Ok);
  s.prefer("shell");
  EXPECT_EQ(match_line(s, s.exec_mode(), "sh clock", env).status, Match::Status::Ambiguous);
}

TEST_F(GrammarMatcher, ExactKeywordBeatsLongerKeywordWithSamePrefix) {
  CommandSet s(Dialect::Ios);
  s.leaf("set WORD$x");
  s.leaf("settings WORD$y");
  Match m = match_line(s, s.config_mode(), "set 1", env);
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.decl()->id, "set");
}

TEST_F(GrammarMatcher, KeywordBeatsWordAtTheSamePosition) {
  CommandSet s(Dialect::Ios);
  s.leaf("match fvrf {any|WORD}$vrf");
  Match m = match_line(s, s.config_mode(), "match fvrf an", env);
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.args.back().text("vrf"), "any");
  m = match_line(s, s.config_mode(), "match fvrf blue", env);
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.args.back().text("vrf"), "blue");
}

TEST_F(GrammarMatcher, InvalidWordGivesItsOffset) {
  Match m = cfg("crypto ikev2 bogus X");
  EXPECT_EQ(m.status, Match::Status::Invalid);
  EXPECT_EQ(m.error_offset, 13u);
  m = cfg("  crypto   zzz");
  EXPECT_EQ(m.error_offset, 11u);
}

TEST_F(GrammarMatcher, MissingWordsAreIncomplete) {
  EXPECT_EQ(cfg("crypto ikev2 profile").status, Match::Status::Incomplete);
  EXPECT_EQ(cfg("crypto").status, Match::Status::Incomplete);
}

TEST_F(GrammarMatcher, RangeRejectsOutOfBoundsAndNonNumbers) {
  EXPECT_EQ(in("config-ikev2-profile", "lifetime 120").status, Match::Status::Ok);
  EXPECT_EQ(in("config-ikev2-profile", "lifetime 86400").status, Match::Status::Ok);
  Match m = in("config-ikev2-profile", "lifetime 119");
  EXPECT_EQ(m.status, Match::Status::Invalid);
  EXPECT_EQ(m.error_offset, 9u);
  EXPECT_EQ(in("config-ikev2-profile", "lifetime 86401").status, Match::Status::Invalid);
  EXPECT_EQ(in("config-ikev2-profile", "lifetime 1x").status, Match::Status::Invalid);
  Match ok = in("config-ikev2-profile", "lifetime 0300");
  EXPECT_EQ(ok.args.back().number("seconds"), 300);
  EXPECT_EQ(ok.words.back(), "lifetime 300");
}

TEST_F(GrammarMatcher, AddressTokensTypeTheirValues) {
  Match m = in("config-ikev2-keyring-peer", "address 10.1.2.3 255.255.255.0");
  ASSERT_EQ(m.status, Match::Status::Ok);
  auto p = m.args.back().prefix_with_mask("addr", "mask");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->to_string(), "10.1.2.0/24");
  EXPECT_EQ(in("config-ikev2-keyring-peer", "address 10.1.2").status, Match::Status::Invalid);
  EXPECT_EQ(in("config-ikev2-keyring-peer", "address 10.1.2.3 255.0.255.0").status, Match::Status::Invalid);
  EXPECT_EQ(in("config-ikev2-keyring-peer", "address 2001:db8::1").status, Match::Status::Invalid);
}

TEST_F(GrammarMatcher, WildcardTokenAcceptsOnlyContiguousWildcards) {
  CommandSet s(Dialect::Ios);
  s.leaf("permit A.B.C.D$a W.W.W.W$w");
  EXPECT_EQ(match_line(s, s.config_mode(), "permit 10.0.0.0 0.0.0.255", env).status, Match::Status::Ok);
  EXPECT_EQ(match_line(s, s.config_mode(), "permit 10.0.0.0 255.255.255.0", env).status, Match::Status::Invalid);
  Match m = match_line(s, s.config_mode(), "permit 10.0.0.0 0.0.0.255", env);
  EXPECT_EQ(m.args.back().prefix_with_wildcard("a", "w")->to_string(), "10.0.0.0/24");
}

TEST_F(GrammarMatcher, PrefixTokensKeepHostBits) {
  Match m = cfg("ip route 10.0.0.0/8 192.0.2.1");
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.args.back().prefix("prefix")->to_string(), "10.0.0.0/8");
  m = in("config-if", "ipv6 address 2001:DB8::1/64");
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.words.back(), "ipv6 address 2001:db8::1/64");
  EXPECT_EQ(m.args.back().address("prefix")->to_string(), "2001:db8::1");
  EXPECT_EQ(in("config-if", "ipv6 address 2001:db8::1/129").status, Match::Status::Invalid);
  EXPECT_EQ(cfg("ip route 10.0.0.0/33 1.1.1.1").status, Match::Status::Invalid);
}

TEST_F(GrammarMatcher, HexTokenKeepsSpellingAndValue) {
  Match m = in("config-if", "ip ospf message-digest-key 1 md5 0x1F");
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.args.back().number("key"), 31);
  EXPECT_EQ(m.args.back().text("key"), "0x1F");
  EXPECT_EQ(in("config-if", "ip ospf message-digest-key 1 md5 0xZZ").status, Match::Status::Invalid);
}

TEST_F(GrammarMatcher, LineTokenTakesTheRestVerbatim) {
  Match m = in("config-if", "desc  Link to   ISP  (primary)  ");
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.args.back().text("text"), "Link to   ISP  (primary)");
  EXPECT_EQ(m.words.back(), "description Link to   ISP  (primary)");
}

TEST_F(GrammarMatcher, RepeatedValuesKeepTypedOrder) {
  Match m = in("config-ikev2-proposal", "encr aes-cbc-256 aes-cbc-128 aes-cbc-192");
  ASSERT_EQ(m.status, Match::Status::Ok);
  auto algs = m.args.back().list("algs");
  ASSERT_EQ(algs.size(), 3u);
  EXPECT_EQ(algs[0].text(), "aes-cbc-256");
  EXPECT_EQ(algs[2].text(), "aes-cbc-192");
  EXPECT_EQ(m.words.back(), "encryption aes-cbc-256 aes-cbc-128 aes-cbc-192");
}

TEST_F(GrammarMatcher, OptionalKeywordBindsAFlag) {
  env.privilege = 1;
  Match m = match_line(set, set.exec_mode(), "sh cry ikev2 sa det", env);
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_TRUE(m.args.back().flag("detail"));
  m = match_line(set, set.exec_mode(), "sh cry ikev2 sa", env);
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_FALSE(m.args.back().flag("detail"));
}

TEST_F(GrammarMatcher, PrivilegedCommandsAreInvisibleInUserExec) {
  env.privilege = 1;
  EXPECT_EQ(match_line(set, set.exec_mode(), "configure terminal", env).status, Match::Status::Invalid);
  // With `configure` hidden, `c` is no longer ambiguous.
  env.privilege = 15;
  EXPECT_EQ(match_line(set, set.exec_mode(), "conf t", env).status, Match::Status::Ok);
}

TEST_F(GrammarMatcher, NoFormMayStopAfterTheIdentity) {
  Match m = in("config-ikev2-profile", "no lifetime");
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.form, Match::Form::No);
  EXPECT_EQ(in("config-ikev2-profile", "no lifetime 600").form, Match::Form::No);
  EXPECT_EQ(cfg("no crypto ikev2 profile").status, Match::Status::Incomplete);  // key needed
  EXPECT_EQ(cfg("no crypto map M 10").status, Match::Status::Ok);
  EXPECT_EQ(cfg("def crypto ikev2 profile P").form, Match::Form::Default);
  EXPECT_EQ(in("config-ext-nacl", "no 20").status, Match::Status::Ok);
}

TEST_F(GrammarMatcher, NoPrefixAmbiguousWithACommandIsReported) {
  CommandSet s(Dialect::Ios);
  s.leaf("nat WORD$x");
  EXPECT_EQ(match_line(s, s.config_mode(), "n nat x", env).status, Match::Status::Ambiguous);
  EXPECT_EQ(match_line(s, s.config_mode(), "no nat", env).form, Match::Form::No);
}

TEST_F(GrammarMatcher, ActionsHaveNoNegatedForm) {
  EXPECT_EQ(in("config-ikev2-profile", "no exit").status, Match::Status::Invalid);
}

TEST_F(GrammarMatcher, HeaderlessListChildrenMatchWithItsPrefix) {
  CommandSet a(Dialect::Asa);
  testing::declare_asa(a);
  Match m = match_line(a, a.config_mode(), "crypto map CMAP 10 set peer 192.0.2.1", env);
  ASSERT_EQ(m.status, Match::Status::Ok);
  ASSERT_EQ(m.chain.size(), 2u);
  EXPECT_EQ(m.words[0], "crypto map CMAP 10");
  EXPECT_EQ(m.words[1], "set peer 192.0.2.1");
  EXPECT_EQ(m.args[0].text("name"), "CMAP");
  EXPECT_EQ(m.args[1].text("peer"), "192.0.2.1");
  EXPECT_EQ(match_line(a, a.config_mode(), "crypto map CMAP 10", env).status, Match::Status::Incomplete);
  EXPECT_EQ(match_line(a, a.config_mode(), "no crypto map CMAP 10", env).status, Match::Status::Ok);
  m = match_line(a, a.config_mode(), "tunnel-group 192.0.2.1 ipsec-attributes", env);
  ASSERT_EQ(m.status, Match::Status::Ok);
  EXPECT_EQ(m.decl()->kind, DeclKind::Container);
}

TEST_F(GrammarMatcher, EmptyLineIsEmpty) { EXPECT_EQ(cfg("   ").status, Match::Status::Empty); }

}  // namespace
}  // namespace ravelin::grammar
