#include "cli/load_report.hpp"

#include <gtest/gtest.h>

namespace ravelin::cli {
namespace {

TEST(LoadReport, ProblemShowsFileLineMessageTheLineAndACaretUnderTheToken) {
  LoadProblem p{3, " lifetime 99999999", "% Invalid input detected at '^' marker.", 10};
  EXPECT_EQ(format_problem("r1.cfg", p),
            "r1.cfg:3: % Invalid input detected at '^' marker.\n"
            " lifetime 99999999\n"
            "          ^\n");
}

TEST(LoadReport, ProblemWithoutColumnHasNoCaretLine) {
  LoadProblem p{7, "crypto ikev2 profile", "% Incomplete command.", std::nullopt};
  EXPECT_EQ(format_problem("f", p), "f:7: % Incomplete command.\ncrypto ikev2 profile\n");
}

TEST(LoadReport, CaretCopiesTabsSoItLinesUpOnAnyTabWidth) {
  LoadProblem p{1, "\tfoo bar", "% Invalid input detected at '^' marker.", 5};
  EXPECT_EQ(format_problem("f", p), "f:1: % Invalid input detected at '^' marker.\n\tfoo bar\n\t    ^\n");
}

TEST(LoadReport, MessagesWithoutPercentGetOneAndAsaErrorsKeepTheirs) {
  EXPECT_EQ(as_ios_message("keyring K is not defined\n"), "% keyring K is not defined");
  EXPECT_EQ(as_ios_message("% Incomplete command."), "% Incomplete command.");
  EXPECT_EQ(as_ios_message("ERROR: % Incomplete command"), "ERROR: % Incomplete command");
}

TEST(LoadReport, SummaryCountsLinesAndRejections) {
  LoadSummary clean{12, {}};
  EXPECT_EQ(format_load_report("a.cfg", clean), "a.cfg: 12 lines, no problems\n");
  LoadSummary bad{2, {{1, "x", "% Invalid input detected at '^' marker.", 0}, {2, "y", "% Incomplete command.", {}}}};
  EXPECT_EQ(format_load_report("b.cfg", bad),
            "b.cfg:1: % Invalid input detected at '^' marker.\nx\n^\n"
            "b.cfg:2: % Incomplete command.\ny\n"
            "b.cfg: 2 lines, 2 rejected\n");
}

}  // namespace
}  // namespace ravelin::cli
