// Every shipped example loads as the devices would load it and round-trips render → parse → render.
#include <gtest/gtest.h>

#include "cli/running_config.hpp"
#include "ike/config_build/build.hpp"
#include "tests/unit/commands/harness.hpp"

namespace ravelin::testing {
namespace {

struct Example {
  const char* path;
  grammar::Dialect dialect;
  size_t expected_errors;
};

const Example kExamples[] = {
    {"examples/seed/ios-router.cfg", grammar::Dialect::Ios, 1},
    {"examples/seed/asa-firewall.cfg", grammar::Dialect::Asa, 2},
    {"examples/site-to-site/ios-router.cfg", grammar::Dialect::Ios, 0},
    {"examples/site-to-site/asa-firewall.cfg", grammar::Dialect::Asa, 0},
    {"examples/ios-hub.cfg", grammar::Dialect::Ios, 0},
    {"examples/asa-edge.cfg", grammar::Dialect::Asa, 0},
};

std::string body(const Device& d) { return d.render(false); }

class Examples : public ::testing::TestWithParam<Example> {};

TEST_P(Examples, LoadsWithTheExpectedProblemsAndRoundTripsIdentically) {
  const auto& ex = GetParam();
  std::string text = cli::strip_config_headers(read_file(source_path(ex.path)));
  Device first(ex.dialect);
  auto r = first.load(text);
  EXPECT_EQ(r.errors.size(), ex.expected_errors) << errors_text(r);
  std::string rendered = body(first);
  ASSERT_FALSE(rendered.empty());
  Device second(ex.dialect);
  auto r2 = second.load(rendered);
  EXPECT_TRUE(r2.errors.empty()) << errors_text(r2) << rendered;
  EXPECT_EQ(body(second), rendered);
}

INSTANTIATE_TEST_SUITE_P(Shipped, Examples, ::testing::ValuesIn(kExamples),
                         [](const ::testing::TestParamInfo<Example>& i) {
                           std::string n = i.param.path;
                           n = n.substr(n.find('/') + 1);
                           for (auto& c : n) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

size_t command_lines(const std::string& text) {
  size_t n = 0, pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    auto first = line.find_first_not_of(' ');
    if (first != std::string::npos && line[first] != '!' && line[first] != ':') ++n;
  }
  return n;
}

// The corrected peers are written exactly as the devices save them: the IOS body, and the ASA file
// with its `: Saved` / `ASA Version` header and `: end` trailer (what `write memory` writes).
TEST(ExampleConfigs, SiteToSiteFilesAreInRunningConfigForm) {
  std::string ios_text = read_file(source_path("examples/site-to-site/ios-router.cfg"));
  Device ios(grammar::Dialect::Ios);
  auto r = ios.load(ios_text);
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  EXPECT_EQ(body(ios), ios_text);

  std::string asa_text = read_file(source_path("examples/site-to-site/asa-firewall.cfg"));
  Device asa(grammar::Dialect::Asa);
  auto ra = asa.load(cli::strip_config_headers(asa_text));
  ASSERT_TRUE(ra.errors.empty()) << errors_text(ra);
  EXPECT_EQ(cli::startup_config_text(asa.store.running(), cli::Dialect::Asa), asa_text);
}

// `ravelin FILE` without --platform picks the dialect from the file: the `ASA Version` header, or
// for the seed's headerless paste, lines only an ASA has.
TEST(ExampleConfigs, EveryShippedExampleIsDetectedAsItsOwnDialect) {
  for (const auto& ex : kExamples) {
    auto want = ex.dialect == grammar::Dialect::Asa ? cli::Dialect::Asa : cli::Dialect::Ios;
    EXPECT_EQ(cli::detect_dialect(read_file(source_path(ex.path)), cli::Dialect::Ios), want) << ex.path;
  }
  EXPECT_EQ(cli::detect_dialect("hostname r1\ninterface Gi0/0\n ip address 10.0.0.1 255.0.0.0\n", cli::Dialect::Ios),
            cli::Dialect::Ios);
  // A version line after the first command is not the ASA header.
  EXPECT_EQ(cli::detect_dialect("hostname r1\nASA Version 9.8(4)\n", cli::Dialect::Ios), cli::Dialect::Ios);
}

TEST(ExampleConfigs, EachDialectShipsAtLeastOneHundredLinesOfRealisticConfig) {
  EXPECT_GE(command_lines(read_file(source_path("examples/ios-hub.cfg"))), 100u);
  EXPECT_GE(command_lines(read_file(source_path("examples/asa-edge.cfg"))), 100u);
}

TEST(ExampleConfigs, IosHubHasOneMapPeerAndTwoVtisAllUsable) {
  Device d(grammar::Dialect::Ios);
  auto r = d.load(cli::strip_config_headers(read_file(source_path("examples/ios-hub.cfg"))));
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  auto b = ike::config_build::build(d.store.running().root(), grammar::Dialect::Ios);
  ASSERT_EQ(b.config->crypto_map.size(), 3u);
  EXPECT_EQ(b.config->crypto_map[0].map_name, "WAN-MAP");
  EXPECT_EQ(b.config->crypto_map[1].map_name, "Tunnel11-head-0");
  EXPECT_EQ(b.config->crypto_map[2].transform_sets, (std::vector<std::string>{"TS-GCM", "TS-AES256"}));
  EXPECT_TRUE(b.warnings.empty()) << b.warnings.front();
  EXPECT_GE(r.notes.size(), 1u);  // the verbatim subsystems are mentioned
}

TEST(ExampleConfigs, AsaEdgeHasMapDynamicAndVtiEntries) {
  Device d(grammar::Dialect::Asa);
  auto r = d.load(cli::strip_config_headers(read_file(source_path("examples/asa-edge.cfg"))));
  ASSERT_TRUE(r.errors.empty()) << errors_text(r);
  auto b = ike::config_build::build(d.store.running().root(), grammar::Dialect::Asa);
  // The object-group ACE (EDGE-LAN + DMZ-WEB) is two proxy pairs: two entries, two child SAs.
  ASSERT_EQ(b.config->crypto_map.size(), 4u);
  EXPECT_EQ(b.config->crypto_map[0].profile, "tunnel-group 198.51.100.1");
  EXPECT_EQ(b.config->crypto_map[1].profile, "tunnel-group 198.51.100.1");
  EXPECT_EQ(b.config->crypto_map[0].local_ts.size(), 1u);
  EXPECT_NE(b.config->crypto_map[0].local_ts, b.config->crypto_map[1].local_ts);
  EXPECT_TRUE(b.config->crypto_map[2].peers.empty());  // the dynamic entry answers anyone
  EXPECT_TRUE(b.config->crypto_map[2].dynamic);
  EXPECT_EQ(b.config->crypto_map[3].map_name, "Tunnel1-head-0");
  EXPECT_TRUE(b.warnings.empty()) << b.warnings.front();
}

}  // namespace
}  // namespace ravelin::testing
