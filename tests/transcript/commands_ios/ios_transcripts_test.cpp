// Every IOS command family against its golden transcript (create, change, `no`, render, errors).
#include "tests/transcript/commands_ios/transcript_runner.hpp"

namespace ravelin::testing {
namespace {

class IosTranscript : public ::testing::TestWithParam<std::string> {};

TEST_P(IosTranscript, SessionMatchesGoldenTranscript) {
  auto r = run_transcript(grammar::Dialect::Ios, GetParam());
  EXPECT_EQ(r.actual, r.expected) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    Families, IosTranscript,
    ::testing::ValuesIn(transcript_files(source_path("tests/transcript/commands_ios"))),
    [](const ::testing::TestParamInfo<std::string>& i) {
      auto name = std::filesystem::path(i.param).stem().string();
      for (auto& c : name) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

}  // namespace
}  // namespace ravelin::testing
