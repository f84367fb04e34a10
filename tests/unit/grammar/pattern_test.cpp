#include <gtest/gtest.h>

#include "grammar/pattern.hpp"
#include "tests/unit/grammar/test_commands.hpp"

namespace ravelin::grammar {
namespace {

TEST(GrammarPattern, CompilesEveryTokenKind) {
  auto p = compile_pattern(
      "kw WORD LINE <1-10> HEX A.B.C.D M.M.M.M W.W.W.W A.B.C.D/M X:X::X:X X:X::X:X/M INTERFACE");
  ASSERT_TRUE(p.ok()) << p.error().message;
  const std::vector<TokenKind> want = {TokenKind::Keyword, TokenKind::Word, TokenKind::Line, TokenKind::Range,
                                       TokenKind::Hex, TokenKind::Ipv4, TokenKind::Mask, TokenKind::Wildcard,
                                       TokenKind::Ipv4Prefix, TokenKind::Ipv6, TokenKind::Ipv6Prefix,
                                       TokenKind::Interface};
  ASSERT_EQ(p->tokens.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(p->tokens[i].kind, want[i]) << i;
  EXPECT_EQ(p->tokens[3].lo, 1);
  EXPECT_EQ(p->tokens[3].hi, 10);
  EXPECT_TRUE(p->tokens.back().can_end);
  EXPECT_FALSE(p->tokens.front().can_end);
}

TEST(GrammarPattern, LeadingKeywordsFormTheSchemaId) {
  auto p = compile_pattern("crypto ikev2 profile WORD$name");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->leading_keywords, "crypto ikev2 profile");
  EXPECT_EQ(p->bindings, std::vector<std::string>{"name"});
}

TEST(GrammarPattern, OptionalPartMakesEarlierTokenAnEnd) {
  auto p = compile_pattern("show crypto ikev2 sa [detailed]$detail");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->tokens[3].can_end);   // sa
  EXPECT_TRUE(p->tokens[4].can_end);   // detailed
  EXPECT_EQ(p->tokens[4].binding, 0);
}

TEST(GrammarPattern, RepeatLoopsBackAndMarksTokensRepeated) {
  auto p = compile_pattern("encryption {a|b}...$algs");
  ASSERT_TRUE(p.ok());
  const Token& a = p->tokens[1];
  EXPECT_TRUE(a.repeated);
  EXPECT_EQ(a.binding, 0);
  EXPECT_EQ(a.next.size(), 2u);  // a or b again
  EXPECT_TRUE(a.can_end);
}

TEST(GrammarPattern, GroupBindingAppliesOnlyToUnboundTokens) {
  auto p = compile_pattern("x [dynamic WORD$dyn]$flag");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->bindings[p->tokens[1].binding], "flag");
  EXPECT_EQ(p->bindings[p->tokens[2].binding], "dyn");
}

TEST(GrammarPattern, RejectsMalformedPatterns) {
  EXPECT_FALSE(compile_pattern("a {b|c").ok());
  EXPECT_FALSE(compile_pattern("a [b").ok());
  EXPECT_FALSE(compile_pattern("a <10-1>").ok());
  EXPECT_FALSE(compile_pattern("a <x-1>").ok());
  EXPECT_FALSE(compile_pattern("a WORD$").ok());
  EXPECT_FALSE(compile_pattern("a }").ok());
  EXPECT_FALSE(compile_pattern("").ok());
}

TEST(GrammarPattern, AppendLinksTailAfterEveryEndOfHead) {
  auto head = compile_pattern("crypto map WORD$name <1-65535>$seq");
  auto tail = compile_pattern("set peer A.B.C.D$peer");
  ASSERT_TRUE(head.ok() && tail.ok());
  CompiledPattern h = head.value();
  const size_t off = append_pattern(h, tail.value());
  EXPECT_EQ(off, 4u);
  EXPECT_FALSE(h.tokens[3].can_end);
  EXPECT_EQ(h.tokens[3].next, std::vector<uint16_t>{4});
  EXPECT_EQ(h.bindings, (std::vector<std::string>{"name", "seq", "peer"}));
  EXPECT_EQ(h.tokens[6].binding, 2);
}

TEST(GrammarCommandSet, TestSetsDeclareWithoutErrors) {
  CommandSet ios(Dialect::Ios), asa(Dialect::Asa);
  testing::declare_ios(ios);
  testing::declare_asa(asa);
  EXPECT_TRUE(ios.errors().empty()) << ios.errors().front();
  EXPECT_TRUE(asa.errors().empty()) << asa.errors().front();
  ASSERT_NE(ios.find_mode("config-ikev2-keyring-peer"), nullptr);
  EXPECT_EQ(ios.find_mode("config-ikev2-keyring-peer")->parent, ios.find_mode("config-ikev2-keyring"));
  EXPECT_EQ(ios.find_mode("config-ikev2-profile")->parent, &ios.config_mode());
}

TEST(GrammarCommandSet, ReportsDuplicateIdsAndBadKeys) {
  CommandSet s(Dialect::Ios);
  s.leaf("lifetime <1-2>$x");
  s.leaf("lifetime <3-4>$y");
  s.list("foo WORD$n", {.keys = {"missing"}});
  s.leaf("bar {x");
  EXPECT_EQ(s.errors().size(), 3u);
}

}  // namespace
}  // namespace ravelin::grammar
