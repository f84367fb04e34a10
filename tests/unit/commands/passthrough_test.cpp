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

std::set<std::string> overlaps(grammar::Dialect dialect) {
  Device dev(dialect);
  std::vector<const grammar::Decl*> heads;
  for (const grammar::Decl* c : dev.set.root().children) {
    if (c->kind == grammar::DeclKind::Verbatim) heads.push_back(c);
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
  Device again(grammar::Dialect::Ios);
  const auto r = again.load(out);
  EXPECT_TRUE(r.errors.empty()) << errors_text(r);
  EXPECT_EQ(again.render(), out);
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

}  // namespace
}  // namespace ravelin::testing
