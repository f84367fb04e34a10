#include <gtest/gtest.h>

#include "tests/unit/grammar/test_commands.hpp"

namespace ravelin::grammar {
namespace {

using testing::Rig;

TEST(GrammarHelp, NextTokensInTwoColumnsWithCr) {
  Rig r;
  r.run("crypto ikev2 proposal P");
  EXPECT_EQ(r.in.help(r.st, "encryption aes-cbc-128 ", r.prompt().size()),
            "  aes-cbc-128  AES-CBC-128\n"
            "  aes-cbc-192  AES-CBC-192\n"
            "  aes-cbc-256  AES-CBC-256\n"
            "  aes-gcm-128  Combined-mode, 128 bit key, 16 byte ICV\n"
            "  aes-gcm-256  Combined-mode, 256 bit key, 16 byte ICV\n"
            "  <cr>\n"
            "\n");
}

TEST(GrammarHelp, ValuesSortAsStrings) {
  Rig r;
  r.run("crypto ikev2 proposal P");
  const std::string h = r.in.help(r.st, "group ", 0);
  EXPECT_EQ(h,
            "  1   DH 768 MODP\n  14  DH 2048 MODP\n  15\n  16\n  19  DH 256 ECP\n  2\n  20\n  21\n  24\n  5\n\n");
}

TEST(GrammarHelp, PlaceholdersAndKeywordHelp) {
  Rig r;
  EXPECT_EQ(r.in.help(r.st, "crypto ikev2 proposal ", 0), "  WORD  Proposal name\n\n");
  const std::string top = r.in.help(r.st, "cry ", 0);
  EXPECT_NE(top.find("  ikev2  Configure IKEv2 Parameters\n"), std::string::npos);
  EXPECT_NE(top.find("  ipsec\n"), std::string::npos);
  EXPECT_EQ(top.find("<cr>"), std::string::npos);
}

TEST(GrammarHelp, PartialWordListsMatchingKeywordsOnOneLine) {
  Rig r;
  r.run("crypto ikev2 profile P");
  EXPECT_EQ(r.in.help(r.st, "au", 0), "authentication\n\n");
  EXPECT_EQ(r.in.help(r.st, "d", 0), "default  dpd\n\n");
  EXPECT_EQ(r.in.help(r.st, "zz", 0), "% Unrecognized command\n");
}

TEST(GrammarHelp, ModeHelpListsNoAndDefault) {
  Rig r;
  r.run("crypto ipsec transform-set T esp-aes");
  EXPECT_EQ(r.in.help(r.st, "", 0),
            "  default  Set a command to its defaults\n"
            "  end\n"
            "  exit\n"
            "  mode\n"
            "  no       Negate a command or set its defaults\n\n");
}

TEST(GrammarHelp, InvalidPrefixGetsTheCaretAndAmbiguousTheMessage) {
  Rig r;
  EXPECT_EQ(r.in.help(r.st, "crypto bogus ", 10), std::string(17, ' ') + "^\n% Invalid input detected at '^' marker.\n\n");
  EXPECT_EQ(r.in.help(r.st, "crypto ikev2 p ", 10), "% Ambiguous command:  \"crypto ikev2 p\"\n");
}

TEST(GrammarHelp, HelpFallsThroughToTheParentMode) {
  Rig r;
  r.run("crypto ikev2 profile P");
  EXPECT_EQ(r.in.help(r.st, "crypto ikev2 keyring ", 0), "  WORD\n\n");
}

TEST(GrammarHelp, NoFormOffersCrAfterTheIdentity) {
  Rig r;
  r.run("crypto ikev2 profile P");
  EXPECT_EQ(r.in.help(r.st, "no lifetime ", 0), "  <120-86400>\n  <cr>\n\n");
}

TEST(GrammarHelp, InterfaceHelpListsTheInventoryTypes) {
  Rig r;
  InterfaceInventory inv{{"GigabitEthernet0/0", "GigabitEthernet0/1", "Tunnel1"}};
  r.in.set_inventory(&inv);
  EXPECT_EQ(r.in.help(r.st, "interface ", 0),
            "  GigabitEthernet  GigabitEthernet interface\n  Tunnel           Tunnel interface\n\n");
  EXPECT_EQ(r.in.help(r.st, "interface t", 0), "Tunnel\n\n");
  EXPECT_TRUE(r.run("interface gi0/2").rejected);  // not in the inventory
  EXPECT_FALSE(r.run("interface gi0/1").rejected);
}

TEST(GrammarComplete, UniquePrefixCompletesWithASpace) {
  Rig r;
  r.st.to_exec();
  Interpreter::Completed c = r.in.complete(r.st, "conf");
  EXPECT_EQ(c.line, "configure ");
  EXPECT_TRUE(c.choices.empty());
  c = r.in.complete(r.st, "configure t");
  EXPECT_EQ(c.line, "configure terminal ");
}

TEST(GrammarComplete, AmbiguousPrefixReturnsTheChoices) {
  Rig r;
  Interpreter::Completed c = r.in.complete(r.st, "crypto ikev2 p");
  EXPECT_EQ(c.line, "crypto ikev2 p");
  EXPECT_EQ(c.choices, (std::vector<std::string>{"policy", "profile", "proposal"}));
  c = r.in.complete(r.st, "crypto ikev2 ");
  EXPECT_EQ(c.line, "crypto ikev2 ");
  EXPECT_TRUE(c.choices.empty());
}

TEST(GrammarComplete, InterfaceTypesComplete) {
  Rig r;
  Interpreter::Completed c = r.in.complete(r.st, "interface gig");
  EXPECT_EQ(c.line, "interface GigabitEthernet ");
}

TEST(GrammarComplete, NoPrefixCompletes) {
  Rig r;
  r.run("crypto ikev2 profile P");
  EXPECT_EQ(r.in.complete(r.st, "no life").line, "no lifetime ");
}

}  // namespace
}  // namespace ravelin::grammar
