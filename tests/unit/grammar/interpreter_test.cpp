#include <gtest/gtest.h>

#include "tests/unit/grammar/test_commands.hpp"

namespace ravelin::grammar {
namespace {

using testing::Rig;

TEST(GrammarInterpreter, CaretCountsThePromptAndSitsUnderTheFailingWord) {
  Rig r;
  ASSERT_EQ(r.prompt(), "R(config)#");
  LineResult out = r.run("crypto ikev2 bogus X");
  EXPECT_TRUE(out.rejected);
  EXPECT_EQ(out.output, std::string(10 + 13, ' ') + "^\n% Invalid input detected at '^' marker.\n\n");
}

TEST(GrammarInterpreter, IosIncompleteAndAmbiguousTexts) {
  Rig r;
  EXPECT_EQ(r.run("crypto ikev2 profile").output, "% Incomplete command.\n\n");
  EXPECT_EQ(r.run("i").output, "% Ambiguous command:  \"i\"\n");
  EXPECT_EQ(r.run("crypto ikev2 p X  ").output, "% Ambiguous command:  \"crypto ikev2 p X\"\n");
}

TEST(GrammarInterpreter, AsaErrorTexts) {
  Rig r(Dialect::Asa);
  LineResult out = r.in.execute(r.st, "crypto ikev2 polcy 1", "asa(config)# ");
  EXPECT_EQ(out.output, std::string(13 + 13, ' ') + "^\nERROR: % Invalid input detected at '^' marker.\n");
  EXPECT_EQ(r.run("crypto ikev2 policy").output, "ERROR: % Incomplete command\n");
}

TEST(GrammarInterpreter, UnknownWordAtExecIsTreatedAsAHostName) {
  Rig r;
  r.st.to_exec();
  EXPECT_EQ(r.run("foo").output, "% Unknown command or computer name, or unable to find computer address\n");
  r.st.facts.domain_lookup = true;
  EXPECT_EQ(r.run("foo").output,
            "Translating \"foo\"...domain server (255.255.255.255)\n"
            "% Unknown command or computer name, or unable to find computer address\n");
  // A later bad word in an EXEC line gets the caret.
  EXPECT_EQ(r.run("show bogus").output, std::string(2 + 5, ' ') + "^\n% Invalid input detected at '^' marker.\n\n");
}

TEST(GrammarInterpreter, ListEntryEntersItsModeAndExitLeaves) {
  Rig r;
  EXPECT_EQ(r.run("crypto ikev2 keyring KR").output, "");
  EXPECT_EQ(r.prompt(), "R(config-ikev2-keyring)#");
  r.run("peer P1");
  EXPECT_EQ(r.prompt(), "R(config-ikev2-keyring-peer)#");
  r.run("address 192.0.2.1");
  r.run("exit");
  EXPECT_EQ(r.prompt(), "R(config-ikev2-keyring)#");
  r.run("exit");
  EXPECT_EQ(r.prompt(), "R(config)#");
  EXPECT_EQ(r.running(), "crypto ikev2 keyring KR\n peer P1\n  address 192.0.2.1\n !\n!\n");
}

TEST(GrammarInterpreter, FallThroughLeavesTheSubModeForAParentCommand) {
  Rig r;
  r.run("crypto ikev2 keyring KR");
  r.run("peer P1");
  // Not a keyring-peer command, but a global one: IOS runs it there and moves to its mode.
  EXPECT_FALSE(r.run("crypto ikev2 profile PROF").rejected);
  EXPECT_EQ(r.prompt(), "R(config-ikev2-profile)#");
  // A keyring command typed in the profile mode is not a global command: error, mode unchanged.
  EXPECT_TRUE(r.run("peer P2").rejected);
  EXPECT_EQ(r.prompt(), "R(config-ikev2-profile)#");
  r.run("interface tunnel 1");
  EXPECT_EQ(r.prompt(), "R(config-if)#");
}

TEST(GrammarInterpreter, FallThroughIntoAnIntermediateParentMode) {
  Rig r;
  r.run("crypto ikev2 keyring KR");
  r.run("peer P1");
  r.run("peer P2");  // a keyring command typed in keyring-peer mode
  EXPECT_EQ(r.prompt(), "R(config-ikev2-keyring-peer)#");
  EXPECT_NE(r.running().find(" peer P2\n"), std::string::npos);
}

TEST(GrammarInterpreter, CreatedNoteIsPrintedOnlyForANewEntry) {
  Rig r;
  const std::string note = "% NOTE: This new crypto map will remain disabled until a peer\n"
                           "        and a valid access list have been configured.\n";
  EXPECT_EQ(r.run("crypto map VPN 10 ipsec-isakmp").output, note);
  r.run("exit");
  EXPECT_EQ(r.run("crypto map VPN 10 ipsec-isakmp").output, "");
}

TEST(GrammarInterpreter, ValidateHookRefusalLeavesTheTreeUntouched) {
  Rig r;
  r.run("crypto ikev2 profile P");
  const auto before = r.store.running().root_ptr();
  LineResult out = r.run("dpd 10 60 periodic");
  EXPECT_TRUE(out.rejected);
  EXPECT_EQ(out.output, "% DPD retry must not exceed three times the interval\n");
  EXPECT_EQ(r.store.running().root_ptr(), before);
  EXPECT_FALSE(r.run("dpd 10 5 periodic").rejected);
}

TEST(GrammarInterpreter, MissingReferenceIsRefusedWithItsMessage) {
  Rig r;
  r.run("crypto ikev2 policy POL");
  EXPECT_EQ(r.run("proposal NOPE").output, "% IKEv2 proposal NOPE does not exist\n");
  r.run("crypto ikev2 proposal PROP");
  r.run("crypto ikev2 policy POL");
  EXPECT_FALSE(r.run("proposal PROP").rejected);
  r.run("crypto ikev2 profile PR");
  EXPECT_EQ(r.run("keyring local KR").output, "% crypto ikev2 keyring KR does not exist\n");
}

TEST(GrammarInterpreter, ExecHandlerReachesServicesAndArgs) {
  Rig r;
  r.st.to_exec();
  r.engine.sa_count = 3;
  EXPECT_EQ(r.run("sh cry ikev2 sa det").output, "SAs: 3 (detailed)\n");
  Services none;
  Interpreter bare(r.set, &r.store, none);
  LineResult out = bare.execute(r.st, "show crypto ikev2 sa", "R#");
  EXPECT_TRUE(out.rejected);
  EXPECT_EQ(out.output, "% IKEv2 is not running\n");
}

TEST(GrammarInterpreter, ConfigureTerminalAndEndMoveBetweenModes) {
  Rig r;
  r.st.to_exec();
  EXPECT_EQ(r.prompt(), "R#");
  EXPECT_EQ(r.run("conf t").output, "Enter configuration commands, one per line.  End with CNTL/Z.\n");
  r.run("crypto ikev2 profile P");
  r.run("end");
  EXPECT_EQ(r.prompt(), "R#");
}

TEST(GrammarInterpreter, UserExecSeesOnlyUnprivilegedCommands) {
  Rig r;
  r.st.to_exec();
  r.st.facts.privilege = 1;
  EXPECT_EQ(r.prompt(), "R>");
  EXPECT_TRUE(r.run("configure terminal").rejected);
  EXPECT_FALSE(r.run("show clock").rejected);
  r.run("enable");
  EXPECT_FALSE(r.run("configure terminal").rejected);
}

TEST(GrammarInterpreter, CommentAndBlankLinesDoNothing) {
  Rig r;
  EXPECT_EQ(r.run("!").output, "");
  EXPECT_EQ(r.run("   ").output, "");
  EXPECT_FALSE(r.run("! anything").rejected);
}

TEST(GrammarInterpreter, NoFormsRemoveWhatTheDeclarationWrote) {
  Rig r;
  r.run("crypto ikev2 profile P");
  r.run("lifetime 3600");
  r.run("authentication local pre-share");
  EXPECT_NE(r.running().find(" lifetime 3600\n"), std::string::npos);
  r.run("no lifetime");
  EXPECT_EQ(r.running().find("lifetime"), std::string::npos);
  r.run("lifetime 600");
  r.run("default lifetime");
  EXPECT_EQ(r.running().find("lifetime"), std::string::npos);
  r.run("exit");
  r.run("no crypto ikev2 profile P");
  EXPECT_EQ(r.running(), "");
}

TEST(GrammarInterpreter, LeafAtItsDefaultIsNotStored) {
  Rig r;
  r.run("crypto ikev2 profile P");
  r.run("lifetime 86400");
  EXPECT_EQ(r.running(), "crypto ikev2 profile P\n!\n");
  ASSERT_NE(r.store.running().root().entry("crypto ikev2 profile", {"P"}), nullptr);
  EXPECT_EQ(r.store.running().root().entry("crypto ikev2 profile", {"P"})->value("lifetime", "seconds")->number(),
            86400);
}

TEST(GrammarInterpreter, LeafListAddsAndRemovesItems) {
  Rig r;
  r.run("crypto map M 10 ipsec-isakmp");
  r.run("set peer 192.0.2.2");
  r.run("set peer 192.0.2.1");
  r.run("set peer 192.0.2.2");  // already there: no duplicate
  EXPECT_EQ(r.running(), "crypto map M 10 ipsec-isakmp\n set peer 192.0.2.2\n set peer 192.0.2.1\n!\n");
  r.run("no set peer 192.0.2.2");
  EXPECT_EQ(r.running(), "crypto map M 10 ipsec-isakmp\n set peer 192.0.2.1\n!\n");
  r.run("set peer 192.0.2.3");
  r.run("no set peer");
  EXPECT_EQ(r.running(), "crypto map M 10 ipsec-isakmp\n!\n");
}

TEST(GrammarInterpreter, MultiValueLeafIsReplacedAsAWhole) {
  Rig r;
  r.run("crypto ikev2 proposal P");
  r.run("encryption aes-cbc-256 aes-cbc-128");
  r.run("encryption aes-gcm-256");
  EXPECT_EQ(r.running(), "crypto ikev2 proposal P\n encryption aes-gcm-256\n!\n");
}

TEST(GrammarInterpreter, PresenceLeafTurnsOnAndOff) {
  Rig r;
  r.run("interface gi0/0");
  EXPECT_EQ(r.prompt(), "R(config-if)#");
  r.run("shut");
  EXPECT_EQ(r.running(), "interface GigabitEthernet0/0\n shutdown\n!\n");
  r.run("no shut");
  EXPECT_EQ(r.running(), "interface GigabitEthernet0/0\n!\n");
}

TEST(GrammarInterpreter, PresentByDefaultStoresTheNegatedForm) {
  Rig r(Dialect::Asa);
  r.run("interface gi0/1");
  r.run("no shutdown");
  EXPECT_EQ(r.running(), "interface GigabitEthernet0/1\n no shutdown\n!\n");
  r.run("shutdown");
  EXPECT_EQ(r.running(), "interface GigabitEthernet0/1\n!\n");
}

TEST(GrammarInterpreter, OrderedEntriesGetSequenceNumbers) {
  Rig r;
  r.run("ip access-list extended ACL");
  EXPECT_EQ(r.prompt(), "R(config-ext-nacl)#");
  r.run("permit ip any any");
  r.run("deny ip host 1.1.1.1 any");
  r.run("15 permit tcp any any eq 22");
  const config::Node* acl = r.store.running().root().entry("ip access-list extended", {"ACL"});
  ASSERT_NE(acl, nullptr);
  auto aces = acl->all("ace");
  ASSERT_EQ(aces.size(), 3u);
  EXPECT_EQ(aces[0]->args().number("seq"), 10);
  EXPECT_EQ(aces[1]->args().number("seq"), 15);
  EXPECT_EQ(aces[2]->args().number("seq"), 20);
  EXPECT_EQ(r.running(), "ip access-list extended ACL\n permit ip any any\n permit tcp any any eq 22\n"
                         " deny ip host 1.1.1.1 any\n!\n");
  r.run("no 15");
  r.run("no deny ip host 1.1.1.1 any");
  EXPECT_EQ(r.running(), "ip access-list extended ACL\n permit ip any any\n!\n");
}

TEST(GrammarInterpreter, AsaTopLevelLinesWriteIntoAListEntry) {
  Rig r(Dialect::Asa);
  r.run("crypto map CMAP 20 set peer 192.0.2.9");
  r.run("crypto map CMAP 10 match address ACL");
  r.run("crypto map CMAP 10 set peer 192.0.2.1");
  EXPECT_EQ(r.st.prompt_mode(), "config");  // no sub-mode
  r.run("tunnel-group 192.0.2.1 type ipsec-l2l");
  EXPECT_EQ(r.st.prompt_mode(), "config");
  r.run("tunnel-group 192.0.2.1 ipsec-attributes");
  EXPECT_EQ(r.st.prompt_mode(), "config-tunnel-ipsec");
  r.run("ikev2 remote-authentication pre-shared-key s3cret");
  EXPECT_EQ(r.running(),
            "crypto map CMAP 10 set peer 192.0.2.1\n"
            "crypto map CMAP 10 match address ACL\n"
            "crypto map CMAP 20 set peer 192.0.2.9\n"
            "tunnel-group 192.0.2.1 type ipsec-l2l\n"
            "tunnel-group 192.0.2.1 ipsec-attributes\n"
            " ikev2 remote-authentication pre-shared-key s3cret\n"
            "!\n");
  config::RenderOptions masked{.mask_secrets = true, .separators = false};
  EXPECT_NE(config::render(r.store.running(), masked).find("pre-shared-key *****\n"), std::string::npos);
  r.run("no crypto map CMAP 10");
  EXPECT_EQ(r.store.running().root().all("crypto map").size(), 1u);
}

TEST(GrammarInterpreter, VerbatimModeKeepsLinesUntilAGlobalCommand) {
  Rig r;
  r.run("router ospf 1");
  EXPECT_EQ(r.prompt(), "R(config-router)#");
  EXPECT_FALSE(r.run("network 10.0.0.0 0.255.255.255 area 0").rejected);
  r.run("hostname R2");  // a global command: leaves the verbatim block
  EXPECT_EQ(r.prompt(), "R(config)#");
  EXPECT_EQ(r.running(), "hostname R2\n!\nrouter ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n");
  r.run("no router ospf 1");
  EXPECT_EQ(r.running(), "hostname R2\n");
}

TEST(GrammarInterpreter, ExitInAVerbatimModeGoesUpOneLevelToGlobalConfig) {
  Rig r;
  r.run("router ospf 1");
  ASSERT_EQ(r.prompt(), "R(config-router)#");
  EXPECT_FALSE(r.run("exit").rejected);
  EXPECT_EQ(r.prompt(), "R(config)#");  // IOS: one level up, not back to EXEC
  EXPECT_EQ(r.running(), "router ospf 1\n");  // `exit` is not kept as a line of the block
  r.run("exit");
  EXPECT_EQ(r.prompt(), "R#");
}

TEST(GrammarInterpreter, AbbreviatedExitInAVerbatimModeAlsoGoesUpOneLevel) {
  Rig r;
  r.run("line vty 0 4");
  ASSERT_EQ(r.prompt(), "R(config-line)#");
  r.run("  exi");
  EXPECT_EQ(r.prompt(), "R(config)#");
}

TEST(GrammarInterpreter, EndInAVerbatimModeGoesToPrivilegedExec) {
  Rig r;
  r.run("router ospf 1");
  r.run("network 10.0.0.0 0.255.255.255 area 0");
  EXPECT_FALSE(r.run("end").rejected);
  EXPECT_EQ(r.prompt(), "R#");
  EXPECT_EQ(r.running(), "router ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n");
}

TEST(GrammarInterpreter, FallThroughFromAVerbatimModeIntoAnotherSubModeThenExit) {
  Rig r;
  r.run("router ospf 1");
  r.run("crypto ikev2 proposal P");  // a global command: leaves the block and enters its own mode
  EXPECT_EQ(r.prompt(), "R(config-ikev2-proposal)#");
  r.run("exit");
  EXPECT_EQ(r.prompt(), "R(config)#");
}

TEST(GrammarInterpreter, DelimitedBannerTakesLinesUpToTheDelimiter) {
  Rig r;
  r.run("banner motd #");
  EXPECT_EQ(r.st.frames.back().delimiter, '#');
  EXPECT_FALSE(r.run("crypto ikev2 proposal P").rejected);  // banner text, not a command
  EXPECT_FALSE(r.run("  Authorized access only #").rejected);
  EXPECT_EQ(r.prompt(), "R(config)#");
  EXPECT_EQ(r.running(), "banner motd #\ncrypto ikev2 proposal P\n  Authorized access only #\n");
  r.run("banner login #one line#");
  EXPECT_EQ(r.prompt(), "R(config)#");
}

}  // namespace
}  // namespace ravelin::grammar
