// Verbatim blocks (subsystems ravelin keeps but does not implement, certificate hex) load, render in
// IOS's place and reload identically: render → load → render is the identity (issue 3).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "tests/unit/commands/harness.hpp"

namespace ravelin::testing {
namespace {

// Loads `text`, renders, reloads the rendering into a fresh device and renders again.
struct RoundTrip {
  grammar::config::LoadReport first;
  std::string rendered;
  grammar::config::LoadReport second;
  std::string rerendered;
};

RoundTrip round_trip(grammar::Dialect d, std::string_view text) {
  RoundTrip t;
  Device a(d);
  t.first = a.load(text);
  t.rendered = a.render();
  Device b(d);
  t.second = b.load(t.rendered);
  t.rerendered = b.render();
  return t;
}

// The config_load_fuzz finding (docs/HARDENING.md): `ip nat outside` typed at global level was kept as
// a verbatim block; rendered after an empty interface block it reloaded into that interface.
TEST(Passthrough, GlobalIpNatOutsideWithoutSourceIsIncompleteAsOnIos) {
  Device d(grammar::Dialect::Ios);
  EXPECT_EQ(d.type("ip nat outside"), "% Incomplete command.\n\n");
  EXPECT_EQ(d.type("ip nat inside"), "% Incomplete command.\n\n");
  EXPECT_EQ(d.render(), "hostname Router\n");
}

TEST(Passthrough, EmptyInterfaceFollowedByTopLevelNatBlockReloadsIdentically) {
  const char* text =
      "interface Loopback0\n"
      "!\n"
      "crypto map WAN-MAP 10 ipsec-isakmp\n"
      " set peer 203.0.113.2\n"
      "ip nat outside\n"
      " crypto map WAN-MAP\n"
      " negotiation auto\n";
  const RoundTrip t = round_trip(grammar::Dialect::Ios, text);
  ASSERT_EQ(t.first.errors.size(), 3u) << errors_text(t.first);
  EXPECT_EQ(t.first.errors[0].line_number, 5u);
  EXPECT_EQ(t.first.errors[0].message, "% Incomplete command.");
  EXPECT_TRUE(t.second.errors.empty()) << errors_text(t.second) << t.rendered;
  EXPECT_EQ(t.rerendered, t.rendered);
  EXPECT_EQ(t.rendered.find("ip nat"), std::string::npos) << t.rendered;
}

TEST(Passthrough, InterfaceNatLineStaysInItsInterfaceAndGlobalNatRuleStaysGlobal) {
  const char* text =
      "interface Loopback0\n"
      " ip nat outside\n"
      "ip nat inside source list NAT interface Loopback0 overload\n"
      "ip nat pool P 192.0.2.1 192.0.2.9 netmask 255.255.255.0\n";
  const RoundTrip t = round_trip(grammar::Dialect::Ios, text);
  ASSERT_TRUE(t.first.errors.empty()) << errors_text(t.first);
  EXPECT_TRUE(t.second.errors.empty()) << errors_text(t.second) << t.rendered;
  EXPECT_EQ(t.rerendered, t.rendered);
  EXPECT_EQ(t.rendered,
            "hostname Router\n"
            "interface Loopback0\n ip nat outside\n!\n"
            "ip nat pool P 192.0.2.1 192.0.2.9 netmask 255.255.255.0\n"
            "ip nat inside source list NAT interface Loopback0 overload\n");
}

// A top-level passthrough line must never be taken by the sub-mode of the block rendered before it
// (fall-through tries the sub-mode first). Every overlap between a sub-mode command's leading
// keywords and a global passthrough head is listed here, each with the rule that keeps it apart.
std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p < s.size()) {
    const auto e = s.find(' ', p);
    const auto w = s.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p);
    if (!w.empty()) out.emplace_back(w);
    if (e == std::string_view::npos) break;
    p = e + 1;
  }
  return out;
}

std::vector<std::string> words_of_lines(const std::string& text) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p < text.size()) {
    const auto e = text.find('\n', p);
    out.push_back(text.substr(p, e == std::string::npos ? std::string::npos : e - p));
    if (e == std::string::npos) break;
    p = e + 1;
  }
  return out;
}

bool word_prefix(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return false;
  const size_t n = std::min(a.size(), b.size());
  return std::equal(a.begin(), a.begin() + static_cast<long>(n), b.begin());
}

void sub_mode_overlaps(const grammar::Decl& d, const std::vector<const grammar::Decl*>& heads, std::string_view mode,
                       std::set<std::string>& out) {
  for (const grammar::Decl* c : d.children) {
    const std::string m = c->mode ? c->mode->name : std::string();
    if (c->mode && !c->mode->verbatim && m != "config") {
      for (const grammar::Decl* h : heads) {
        if (word_prefix(words_of(c->pattern.leading_keywords), words_of(h->id))) out.insert(m + ": " + c->id);
      }
    }
    sub_mode_overlaps(*c, heads, mode, out);
  }
}

// `all`: every global config command, not only the passthrough heads.
std::set<std::string> overlaps(grammar::Dialect dialect, bool all = false) {
  Device dev(dialect);
  std::vector<const grammar::Decl*> heads;
  for (const grammar::Decl* c : dev.set.root().children) {
    if (c->kind == grammar::DeclKind::Verbatim || (all && c->is_config())) heads.push_back(c);
  }
  std::set<std::string> out;
  for (const grammar::Decl* c : dev.set.root().children) sub_mode_overlaps(*c, heads, "", out);
  return out;
}

TEST(Passthrough, EverySubModeCommandThatSharesAGlobalPassthroughHeadIsKnown) {
  // IOS config-if `ip nat inside|outside`: global `ip nat inside|outside` needs `source` or
  // `destination` after it (GlobalIpNatOutsideWithoutSourceIsIncompleteAsOnIos).
  EXPECT_EQ(overlaps(grammar::Dialect::Ios), (std::set<std::string>{"config-if: ip nat"}));
  EXPECT_EQ(overlaps(grammar::Dialect::Asa), (std::set<std::string>{}));
}

// The first word(s) of each top-level line, in rendered order, without repeats.
std::vector<std::string> heads(const std::string& rendered, size_t words) {
  std::vector<std::string> out;
  for (const auto& l : words_of_lines(rendered)) {
    if (l.empty() || l[0] == ' ' || l[0] == '!') continue;
    const auto w = words_of(l);
    std::string h;
    for (size_t i = 0; i < std::min(words, w.size()); ++i) h += (i ? " " : "") + w[i];
    if (out.empty() || out.back() != h) out.push_back(h);
  }
  return out;
}

// Typed in an order no device prints, rendered where IOS-XE puts each section.
TEST(Passthrough, IosBlocksRenderInIosOrderAroundTheManagedSections) {
  const char* text =
      "ntp server 192.0.2.123\n"
      "line vty 0 4\n login local\n"
      "snmp-server community ro RO\n"
      "ip access-list extended VPN\n permit ip any any\n"
      "ip route 0.0.0.0 0.0.0.0 198.51.100.254\n"
      "ip nat inside source list VPN interface Loopback0 overload\n"
      "router ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n"
      "interface Loopback0\n"
      "crypto ikev2 proposal P\n encryption aes-cbc-256\n integrity sha256\n group 14\n"
      "username admin privilege 15 password 0 x\n"
      "aaa new-model\n"
      "enable password 0 e\n"
      "logging buffered 64000\n"
      "boot system flash:x.bin\n"
      "hostname R1\n"
      "service timestamps log datetime msec\n"
      "version 17.9\n";
  const RoundTrip t = round_trip(grammar::Dialect::Ios, text);
  ASSERT_TRUE(t.first.errors.empty()) << errors_text(t.first);
  EXPECT_EQ(heads(t.rendered, 1),
            (std::vector<std::string>{"version", "service", "hostname", "boot", "logging", "enable", "aaa", "username",
                                      "crypto", "interface", "router", "ip", "snmp-server", "line", "ntp"}))
      << t.rendered;
  EXPECT_EQ(heads(t.rendered, 2)[11], "ip nat");
  EXPECT_EQ(heads(t.rendered, 2)[12], "ip route");
  EXPECT_EQ(heads(t.rendered, 2)[13], "ip access-list");
  EXPECT_TRUE(t.second.errors.empty()) << errors_text(t.second);
  EXPECT_EQ(t.rerendered, t.rendered);
}

TEST(Passthrough, AsaBlocksRenderInAsaOrderAroundTheManagedSections) {
  const char* text =
      "username admin password x privilege 15\n"
      "ntp server 192.0.2.123\n"
      "snmp-server location lab\n"
      "aaa authentication ssh console LOCAL\n"
      "route outside 0.0.0.0 0.0.0.0 203.0.113.254 1\n"
      "nat (inside,outside) source static A A\n"
      "logging enable\n"
      "access-list VPN extended permit ip any any\n"
      "boot system disk0:/asa.bin\n"
      "interface GigabitEthernet0/0\n nameif outside\n"
      "crypto ikev2 policy 10\n encryption aes-256\n"
      "tunnel-group 198.51.100.1 type ipsec-l2l\n"
      "names\n";
  const RoundTrip t = round_trip(grammar::Dialect::Asa, text);
  ASSERT_TRUE(t.first.errors.empty()) << errors_text(t.first);
  EXPECT_EQ(heads(t.rendered, 1),
            (std::vector<std::string>{"hostname", "names", "interface", "boot", "access-list", "logging", "nat", "route",
                                      "aaa", "snmp-server", "crypto", "ntp", "username", "tunnel-group"}))
      << t.rendered;
  EXPECT_TRUE(t.second.errors.empty()) << errors_text(t.second);
  EXPECT_EQ(t.rerendered, t.rendered);
}

TEST(Passthrough, EverySubModeCommandThatSharesAGlobalCommandIsKnown) {
  // config-if `crypto map NAME`: the global form needs a sequence number, so the interface line never
  // parses as global and a global line never parses in config-if. keyring-peer `hostname NAME`: the
  // global `hostname` renders first of all (rank -100), before any keyring it could fall into.
  EXPECT_EQ(overlaps(grammar::Dialect::Ios, true),
            (std::set<std::string>{"config-if: crypto map", "config-if: ip nat", "config-ikev2-keyring-peer: hostname"}));
  EXPECT_EQ(overlaps(grammar::Dialect::Asa, true), (std::set<std::string>{}));
}

TEST(Passthrough, HostnameAfterAKeyringPeerInAFileIsThePeersAsOnIosAndRendersBackFirst) {
  Device d(grammar::Dialect::Ios);
  const auto r = d.load("hostname R1\ncrypto ikev2 keyring K\n peer P\n  hostname site-b\n  address 192.0.2.1\n");
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  const std::string out = d.render();
  EXPECT_EQ(out.rfind("hostname R1\n", 0), 0u) << out;
  EXPECT_NE(out.find("  hostname site-b\n"), std::string::npos) << out;
  const Reloaded again = reload(grammar::Dialect::Ios, out);
  EXPECT_EQ(again.errors, "");
  EXPECT_EQ(again.rendered, out);
}

// Engineer certs' chains: several `certificate` blocks in one chain, each with its hex lines and its
// `quit`; identical lines in two certificates (and within one) are all kept.
TEST(Passthrough, CertificateChainWithSeveralCertificatesLoadsAndRendersBackIdentically) {
  const std::string chain =
      "crypto pki certificate chain TP\n"
      " certificate 02\n"
      "  30820122 3081C9A0 03020102\n"
      "  00000000 00000000 00000000\n"
      "  00000000 00000000 00000000\n"
      "  \tquit\n"
      " certificate ca 01\n"
      "  30820133 3081D9A0 03020102\n"
      "  00000000 00000000 00000000\n"
      "  \tquit\n"
      "!\n";
  const RoundTrip t = round_trip(grammar::Dialect::Ios, "crypto pki trustpoint TP\n enrollment terminal\n!\n" + chain);
  ASSERT_TRUE(t.first.errors.empty()) << errors_text(t.first);
  EXPECT_NE(t.rendered.find(chain), std::string::npos) << t.rendered;
  EXPECT_TRUE(t.second.errors.empty()) << errors_text(t.second);
  EXPECT_EQ(t.rerendered, t.rendered);
}

// Found by MutationRoundTrip: a `certificate` header dedented in the file took lines at its own
// rendered depth (` banner motd ^C`, `\tquit`), which a reload then gave to the chain's parent.
TEST(Passthrough, LinesOfAHeaderIndentedLessThanItsDepthAreKeptDeeperThanTheRenderedHeader) {
  const RoundTrip t = round_trip(grammar::Dialect::Ios,
                                 "crypto pki trustpoint TP\n"
                                 "crypto pki certificate chain TP\n"
                                 "certificate ca 01\n"
                                 "  3082 0202\n"
                                 "\tquit\n"
                                 " ntp server 192.0.2.1\n");
  ASSERT_EQ(errors_text(t.first), "") ;
  EXPECT_NE(t.rendered.find(" certificate ca 01\n  3082 0202\n \tquit\n  ntp server 192.0.2.1\n"), std::string::npos)
      << t.rendered;
  EXPECT_EQ(errors_text(t.second), "");
  EXPECT_EQ(t.rerendered, t.rendered);
}

TEST(Passthrough, LinesTypedInACertificateAreStoredOneLevelBelowItsHeader) {
  Device d(grammar::Dialect::Ios);
  d.type("crypto pki trustpoint TP");
  d.type("crypto pki certificate chain TP");
  d.type("certificate ca 01");
  d.type("30820133 3081D9A0 03020102");
  d.type("30820133 3081D9A0 03020102");
  d.type("end");
  const std::string out = d.render();
  EXPECT_NE(out.find("crypto pki certificate chain TP\n certificate ca 01\n  30820133 3081D9A0 03020102\n!\n"),
            std::string::npos)
      << out;
  const Reloaded again = reload(grammar::Dialect::Ios, out);
  EXPECT_EQ(again.errors, "");
  EXPECT_EQ(again.rendered, out);
}

TEST(Passthrough, RouterBlockTypedInteractivelyReloadsIntoTheSameBlock) {
  Device d(grammar::Dialect::Ios);
  d.type("router ospf 1");
  d.type("network 10.0.0.0 0.255.255.255 area 0");
  d.type("passive-interface default");
  d.type("end");
  const std::string out = d.render();
  EXPECT_NE(out.find("router ospf 1\n network 10.0.0.0 0.255.255.255 area 0\n passive-interface default\n"),
            std::string::npos)
      << out;
  const RoundTrip t = round_trip(grammar::Dialect::Ios, out);
  EXPECT_TRUE(t.first.errors.empty()) << errors_text(t.first);
  EXPECT_EQ(t.rendered, out);
}

TEST(Passthrough, BannerTextIsKeptUpToItsDelimiterWithRepeatedLines) {
  const char* text = "banner motd ^C\nAuthorised access only\n\nAuthorised access only\n^C\n";
  const RoundTrip t = round_trip(grammar::Dialect::Ios, text);
  ASSERT_TRUE(t.first.errors.empty()) << errors_text(t.first);
  EXPECT_NE(t.rendered.find("banner motd ^C\nAuthorised access only\n\nAuthorised access only\n^C\n"),
            std::string::npos)
      << t.rendered;
  EXPECT_EQ(t.rerendered, t.rendered);
}

// Found by MutationRoundTrip: a repeated `banner motd ^C` header merged two texts into one block
// whose rendering opened and closed the banner on its first two lines.
TEST(Passthrough, ASecondBannerOfTheSameKindReplacesTheFirstText) {
  const RoundTrip t = round_trip(grammar::Dialect::Ios,
                                 "banner motd ^C\nbanner motd ^C\nbanner motd ^C\nhello\n^C\n");
  EXPECT_EQ(errors_text(t.first), "");
  EXPECT_NE(t.rendered.find("banner motd ^C\nhello\n^C\n"), std::string::npos) << t.rendered;
  EXPECT_EQ(t.rendered.find("banner motd ^C\nbanner"), std::string::npos) << t.rendered;
  EXPECT_EQ(errors_text(t.second), "");
  EXPECT_EQ(t.rerendered, t.rendered);
}

TEST(Passthrough, ABannerTypedAgainReplacesTheFirstText) {
  Device d(grammar::Dialect::Ios);
  for (const char* l : {"banner motd ^C", "hello", "^C", "banner motd ^C", "bye", "^C", "end"}) d.type(l);
  const std::string out = d.render();
  EXPECT_NE(out.find("banner motd ^C\nbye\n^C\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("hello"), std::string::npos) << out;
  const Reloaded again = reload(grammar::Dialect::Ios, out);
  EXPECT_EQ(again.errors, "");
  EXPECT_EQ(again.rendered, out);
}

}  // namespace
}  // namespace ravelin::testing
