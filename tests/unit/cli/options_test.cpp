#include "cli/options.hpp"

#include <gtest/gtest.h>

namespace ravelin::cli {
namespace {

Options ok(std::vector<std::string> args) {
  auto r = parse_options(args);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? *r : Options{};
}

std::string err(std::vector<std::string> args) {
  auto r = parse_options(args);
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.error().message;
}

TEST(Options, NoArgumentsRunsTheConsoleWithIosDefaults) {
  Options o = ok({});
  EXPECT_EQ(o.command, Command::Run);
  EXPECT_FALSE(o.platform);
  EXPECT_FALSE(o.daemon);
  EXPECT_EQ(o.vty_socket, "/run/ravelin/ravelin.sock");
}

TEST(Options, EveryRunOptionIsParsedInBothSpellings) {
  Options o = ok({"--platform", "asa", "--hostname=fw1", "--startup-config", "/etc/r.cfg", "--vty-socket=/tmp/s",
                  "--interface", "GigabitEthernet0/0=eth0", "--interface=outside=veth1", "--daemon"});
  EXPECT_EQ(o.platform, Dialect::Asa);
  EXPECT_EQ(o.hostname, "fw1");
  EXPECT_EQ(o.startup_config, "/etc/r.cfg");
  EXPECT_EQ(o.vty_socket, "/tmp/s");
  ASSERT_EQ(o.interfaces.size(), 2u);
  EXPECT_EQ(o.interfaces[0].name, "GigabitEthernet0/0");
  EXPECT_EQ(o.interfaces[0].linux_dev, "eth0");
  EXPECT_EQ(o.interfaces[1].name, "outside");
  EXPECT_EQ(o.interfaces[1].linux_dev, "veth1");
  EXPECT_TRUE(o.daemon);
}

TEST(Options, CheckTakesOneFileAndAPlatform) {
  Options o = ok({"check", "--platform", "ios", "r.cfg"});
  EXPECT_EQ(o.command, Command::Check);
  EXPECT_EQ(o.startup_config, "r.cfg");
  EXPECT_EQ(o.platform, Dialect::Ios);
  EXPECT_NE(err({"check"}).find("exactly one FILE"), std::string::npos);
  EXPECT_NE(err({"check", "a", "b"}).find("exactly one FILE"), std::string::npos);
}

TEST(Options, ConnectPassesTheRestThroughUntouched) {
  Options o = ok({"connect", "--vty-socket", "/tmp/s", "-c", "show version"});
  EXPECT_EQ(o.command, Command::Connect);
  EXPECT_EQ(o.connect_args, (std::vector<std::string>{"--vty-socket", "/tmp/s", "-c", "show version"}));
}

TEST(Options, BenchPassesTheRestThroughUntouched) {
  Options o = ok({"bench", "ike", "--peer", "192.0.2.1", "--count", "10"});
  EXPECT_EQ(o.command, Command::Bench);
  EXPECT_EQ(o.bench_args, (std::vector<std::string>{"ike", "--peer", "192.0.2.1", "--count", "10"}));
}

TEST(Options, DataplaneOptionsDefaultToTheStandardPortsAndXfrm) {
  Options d = ok({});
  EXPECT_EQ(d.ike_port, 500);
  EXPECT_EQ(d.natt_port, 4500);
  EXPECT_EQ(d.dataplane, DataplaneKind::Xfrm);
  EXPECT_TRUE(d.local_addresses.empty());
  Options o = ok({"--ike-port", "20500", "--natt-port=24500", "--local-address", "10.1.1.1",
                  "--local-address", "2001:db8::1", "--dataplane", "none"});
  EXPECT_EQ(o.ike_port, 20500);
  EXPECT_EQ(o.natt_port, 24500);
  EXPECT_EQ(o.local_addresses, (std::vector<std::string>{"10.1.1.1", "2001:db8::1"}));
  EXPECT_EQ(o.dataplane, DataplaneKind::None);
}

TEST(Options, PortsAndDataplaneAreChecked) {
  EXPECT_NE(err({"--ike-port", "0"}).find("port 1-65535"), std::string::npos);
  EXPECT_NE(err({"--natt-port", "65536"}).find("port 1-65535"), std::string::npos);
  EXPECT_NE(err({"--ike-port", "50x"}).find("port 1-65535"), std::string::npos);
  EXPECT_NE(err({"--dataplane", "dpdk"}).find("xfrm or none"), std::string::npos);
}

TEST(Options, VersionWins) { EXPECT_EQ(ok({"--daemon", "--version"}).command, Command::Version); }

TEST(Options, BadInputIsAnErrorNamingTheProblem) {
  EXPECT_NE(err({"--platform", "junos"}).find("ios or asa"), std::string::npos);
  EXPECT_NE(err({"--platform"}).find("needs a value"), std::string::npos);
  EXPECT_NE(err({"--interface", "eth0"}).find("NAME=LINUXDEV"), std::string::npos);
  EXPECT_NE(err({"--interface", "=eth0"}).find("NAME=LINUXDEV"), std::string::npos);
  EXPECT_NE(err({"--bogus"}).find("unknown option"), std::string::npos);
  EXPECT_NE(err({"--daemon=yes"}).find("takes no value"), std::string::npos);
  EXPECT_NE(err({"extra"}).find("unexpected argument"), std::string::npos);
}

}  // namespace
}  // namespace ravelin::cli
