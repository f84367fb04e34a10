#include "cli/output_filter.hpp"

#include <gtest/gtest.h>

namespace ravelin::cli {
namespace {

const char* kConfig =
    "hostname R1\n"
    "!\n"
    "crypto ikev2 keyring KR\n"
    " peer azvpn1\n"
    "  address 192.0.2.1\n"
    " !\n"
    "!\n"
    "crypto ikev2 profile P\n"
    " keyring local KR\n"
    "!\n"
    "end\n";

std::string run(std::string_view line, std::string_view text = kConfig) {
  auto p = split_output_filters(line);
  EXPECT_FALSE(p.error.has_value()) << line;
  return apply_output_filters(p.split.filters, text);
}

TEST(OutputFilter, IncludeKeepsOnlyMatchingLines) {
  EXPECT_EQ(run("show running-config | include crypto"), "crypto ikev2 keyring KR\ncrypto ikev2 profile P\n");
}

TEST(OutputFilter, ExcludeDropsMatchingLines) {
  EXPECT_EQ(run("show run | exclude ^[ !]|crypto"), "hostname R1\nend\n");
}

TEST(OutputFilter, BeginStartsAtTheFirstMatch) {
  EXPECT_EQ(run("sh run | begin profile"), "crypto ikev2 profile P\n keyring local KR\n!\nend\n");
}

TEST(OutputFilter, SectionKeepsTheHeaderAndEveryIndentedChild) {
  EXPECT_EQ(run("show run | section ikev2 keyring"),
            "crypto ikev2 keyring KR\n peer azvpn1\n  address 192.0.2.1\n !\n");
}

TEST(OutputFilter, SectionOfAChildLineKeepsItsOwnChildrenOnly) {
  EXPECT_EQ(run("show run | section peer"), " peer azvpn1\n  address 192.0.2.1\n");
}

TEST(OutputFilter, CountPrintsIosSentence) {
  EXPECT_EQ(run("show run | count crypto"), "Number of lines which match regexp = 2\n");
  EXPECT_EQ(run("show run | count nomatch"), "Number of lines which match regexp = 0\n");
}

TEST(OutputFilter, KeywordsAbbreviateAndRegexMayHoldSpacesAndBars) {
  EXPECT_EQ(run("show run | i ikev2 pro"), "crypto ikev2 profile P\n");
  EXPECT_EQ(run("show run | inc hostname|end"), "hostname R1\nend\n");
}

TEST(OutputFilter, FiltersChainLeftToRight) {
  EXPECT_EQ(run("show run | section keyring | include address"), "  address 192.0.2.1\n");
}

TEST(OutputFilter, LineWithoutPipeHasNoFiltersAndKeepsItsCommand) {
  auto p = split_output_filters("show running-config  ");
  EXPECT_FALSE(p.error);
  EXPECT_TRUE(p.split.filters.empty());
  EXPECT_EQ(p.split.command, "show running-config");
}

TEST(OutputFilter, UnknownKeywordIsInvalidWithCaretColumnOnIt) {
  auto p = split_output_filters("show run | frobnicate x");
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->kind, PipeError::Kind::Invalid);
  EXPECT_EQ(p.error->column, 11u);
  EXPECT_EQ(p.split.command, "show run");
}

TEST(OutputFilter, MissingKeywordOrRegexIsIncomplete) {
  auto a = split_output_filters("show run |");
  ASSERT_TRUE(a.error);
  EXPECT_EQ(a.error->kind, PipeError::Kind::Incomplete);
  auto b = split_output_filters("show run | include   ");
  ASSERT_TRUE(b.error);
  EXPECT_EQ(b.error->kind, PipeError::Kind::Incomplete);
}

TEST(OutputFilter, BrokenRegexIsInvalidNotACrash) {
  auto p = split_output_filters("show run | include ([");
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->kind, PipeError::Kind::Invalid);
  EXPECT_EQ(p.error->column, 19u);
}

}  // namespace
}  // namespace ravelin::cli
