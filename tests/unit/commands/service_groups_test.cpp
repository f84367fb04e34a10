// Service object-groups in crypto ACLs (IOS verbatim blocks, ASA `object-group service`): the ACE
// stands for one ACE per service, whose protocol and ports become the traffic selectors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ipsec/commands/service_groups.hpp"
#include "tests/unit/commands/harness.hpp"

namespace ravelin::testing {
namespace {

namespace cmd = ipsec::commands;
using cmd::PortMatch;

const grammar::config::Node* first_ace(const Device& d) {
  const auto& root = d.store.running().root();
  if (d.set.dialect() == grammar::Dialect::Asa) {
    auto all = root.all("access-list");
    return all.empty() ? nullptr : all.front();
  }
  const auto* acl = root.entry("ip access-list extended", {"VPN"});
  return acl == nullptr || acl->children().empty() ? nullptr : acl->children().front();
}

std::vector<cmd::Ace> expanded(const Device& d) {
  const auto* n = first_ace(d);
  if (n == nullptr) return {};
  auto ace = cmd::ace_from_args(n->args());
  if (!ace.ok()) return {};
  return cmd::expand_services(d.store.running().root(), *ace);
}

// "proto src-lo-hi dst-lo-hi" per expanded ACE, for compact expectations.
std::vector<std::string> summary(const std::vector<cmd::Ace>& aces) {
  std::vector<std::string> out;
  for (const auto& a : aces) {
    auto r = [](const PortMatch& p) {
      auto v = p.ranges();
      std::string s;
      for (auto [lo, hi] : v) s += (s.empty() ? "" : ",") + std::to_string(lo) + "-" + std::to_string(hi);
      return s;
    };
    out.push_back(std::to_string(a.protocol) + " " + r(a.src_port) + " " + r(a.dst_port));
  }
  return out;
}

TEST(ServiceGroups, AsaServiceObjectsGiveOneAcePerProtocolAndPort) {
  Device d(grammar::Dialect::Asa);
  const auto r = d.load(
      "object-group service WEB-DNS\n"
      " service-object tcp destination eq www\n"
      " service-object udp destination range 5000 5010\n"
      " service-object tcp-udp destination eq domain\n"
      " service-object tcp source range 1024 65535 destination eq 22\n"
      " service-object esp\n"
      "access-list VPN extended permit object-group WEB-DNS host 192.168.2.100 host 192.168.1.100\n");
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  EXPECT_EQ(summary(expanded(d)), (std::vector<std::string>{"6 0-65535 80-80", "17 0-65535 5000-5010",
                                                            "6 0-65535 53-53", "17 0-65535 53-53",
                                                            "6 1024-65535 22-22", "50 0-65535 0-65535"}));
}

TEST(ServiceGroups, AsaPortObjectsTakeTheGroupsProtocolAndNestedGroupsAreFollowed) {
  Device d(grammar::Dialect::Asa);
  const auto r = d.load(
      "object-group service PORTS tcp-udp\n"
      " port-object eq 500\n"
      " port-object range 8000 8080\n"
      "object-group service OUTER\n"
      " service-object icmp\n"
      " group-object PORTS\n"
      "access-list VPN extended permit object-group OUTER any any\n");
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  EXPECT_EQ(summary(expanded(d)),
            (std::vector<std::string>{"1 0-65535 0-65535", "6 0-65535 500-500", "17 0-65535 500-500",
                                      "6 0-65535 8000-8080", "17 0-65535 8000-8080"}));
}

TEST(ServiceGroups, AsaServiceGroupRendersAndReloadsIdentically) {
  Device d(grammar::Dialect::Asa);
  ASSERT_TRUE(d.load("object-group service S tcp\n port-object eq https\n"
                     "object-group service T\n service-object udp destination eq 4500\n group-object S\n"
                     "access-list VPN extended permit object-group T any any\n")
                  .errors.empty());
  const std::string out = d.render();
  EXPECT_NE(out.find("object-group service S tcp\n port-object eq https\n"), std::string::npos) << out;
  EXPECT_NE(out.find("access-list VPN extended permit object-group T any any\n"), std::string::npos) << out;
  const Reloaded again = reload(grammar::Dialect::Asa, out);
  EXPECT_EQ(again.errors, "");
  EXPECT_EQ(again.rendered, out);
}

TEST(ServiceGroups, IosVerbatimServiceBlockLinesBecomeServices) {
  Device d(grammar::Dialect::Ios);
  const auto r = d.load(
      "object-group service APP\n"
      " tcp eq www\n"
      " udp range 5000 5010\n"
      " tcp source eq 1024 eq 22\n"
      " tcp-udp eq domain\n"
      " icmp echo\n"
      " description ignored\n"
      " group-object MORE\n"
      "object-group service MORE\n"
      " gre\n"
      "ip access-list extended VPN\n"
      " permit object-group APP host 192.168.1.100 host 192.168.2.100\n");
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  EXPECT_EQ(summary(expanded(d)),
            (std::vector<std::string>{"6 0-65535 80-80", "17 0-65535 5000-5010", "6 1024-1024 22-22",
                                      "6 0-65535 53-53", "17 0-65535 53-53", "1 0-65535 0-65535",
                                      "47 0-65535 0-65535"}));
  Device again(grammar::Dialect::Ios);
  EXPECT_TRUE(again.load(d.render()).errors.empty());
  EXPECT_EQ(again.render(), d.render());
}

TEST(ServiceGroups, SelectorsCarryTheServicesProtocolAndPorts) {
  Device d(grammar::Dialect::Ios);
  ASSERT_TRUE(d.load("object-group service APP\n udp eq 4500\n"
                     "ip access-list extended VPN\n permit object-group APP host 192.0.2.1 host 198.51.100.2\n")
                  .errors.empty());
  const auto aces = expanded(d);
  ASSERT_EQ(aces.size(), 1u);
  const auto src = platform::Prefix::parse("192.0.2.1/32").value();
  const auto dst = platform::Prefix::parse("198.51.100.2/32").value();
  const auto pairs = cmd::selector_pairs(aces[0], {src}, {dst});
  ASSERT_EQ(pairs.size(), 1u);
  EXPECT_EQ(pairs[0].local, ipsec::ts::TrafficSelector::from_prefix(src, 17, 0, 65535));
  EXPECT_EQ(pairs[0].remote, ipsec::ts::TrafficSelector::from_prefix(dst, 17, 4500, 4500));
}

TEST(ServiceGroups, AnUnexpandedServiceAceGivesNoSelectorRatherThanAnyProtocol) {
  Device d(grammar::Dialect::Ios);
  ASSERT_TRUE(d.load("object-group service APP\n udp eq 4500\n"
                     "ip access-list extended VPN\n permit object-group APP any any\n")
                  .errors.empty());
  auto ace = cmd::ace_from_args(first_ace(d)->args());
  ASSERT_TRUE(ace.ok());
  EXPECT_EQ(ace->service, "APP");
  const auto any = platform::Prefix::parse("0.0.0.0/0").value();
  EXPECT_TRUE(cmd::selector_pairs(*ace, {any}, {any}).empty());
}

TEST(ServiceGroups, UnknownOrLoopingGroupsProtectNothingAndStop) {
  Device d(grammar::Dialect::Asa);
  ASSERT_TRUE(d.load("object-group service A\n group-object B\n"
                     "object-group service B\n group-object A\n"
                     "access-list VPN extended permit object-group A any any\n")
                  .errors.empty());
  EXPECT_TRUE(expanded(d).empty());
  const auto& root = d.store.running().root();
  EXPECT_TRUE(cmd::service_group(root, "NOPE").empty());
}

TEST(ServiceGroups, PortOperatorsBesideAServiceGroupAreRefused) {
  Device d(grammar::Dialect::Ios);
  d.type("ip access-list extended VPN");
  const std::string out = d.type("permit object-group APP any eq 80 any");
  EXPECT_NE(out.find("% Port operators apply to tcp and udp only"), std::string::npos) << out;
}

TEST(ServiceGroups, MalformedIosLinesGiveNoServiceRatherThanAllPorts) {
  auto words = [](std::initializer_list<std::string_view> w) { return std::vector<std::string_view>(w); };
  EXPECT_TRUE(cmd::parse_ios_service_line(words({"tcp", "eq"})).services.empty());
  EXPECT_TRUE(cmd::parse_ios_service_line(words({"tcp", "range", "90", "80"})).services.empty());
  EXPECT_TRUE(cmd::parse_ios_service_line(words({"tcp", "source", "lt", "0"})).services.empty());
  EXPECT_TRUE(cmd::parse_ios_service_line(words({"frob"})).services.empty());
  EXPECT_EQ(cmd::parse_ios_service_line(words({"group-object", "G"})).group, "G");
  EXPECT_EQ(cmd::parse_ios_service_line(words({"udp", "destination", "gt", "1023"})).services.size(), 1u);
}

}  // namespace
}  // namespace ravelin::testing
