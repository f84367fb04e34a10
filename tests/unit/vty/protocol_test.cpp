#include "cli/vty/protocol.hpp"

#include <gtest/gtest.h>

namespace ravelin::cli::vty {
namespace {

TEST(VtyProtocol, FrameSurvivesByteByByteDelivery) {
  std::string bytes = encode_frame(FrameType::kExecute, encode_string_payload("show version")) +
                      encode_frame(FrameType::kCtrlZ, "");
  FrameDecoder d;
  std::vector<Frame> frames;
  for (char c : bytes) {
    d.feed(std::string_view(&c, 1));
    for (;;) {
      auto f = d.next();
      ASSERT_TRUE(f.ok());
      if (!f.value()) break;
      frames.push_back(*f.value());
    }
  }
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].type, FrameType::kExecute);
  EXPECT_EQ(decode_string_payload(frames[0].payload).value(), "show version");
  EXPECT_EQ(frames[1].type, FrameType::kCtrlZ);
  EXPECT_TRUE(frames[1].payload.empty());
  EXPECT_EQ(d.buffered(), 0u);
}

TEST(VtyProtocol, UnknownFrameTypeIsAnError) {
  FrameDecoder d;
  d.feed(std::string("\xc8\0\0\0\0", 5));
  auto f = d.next();
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().message.find("unknown frame type 200"), std::string::npos);
}

TEST(VtyProtocol, OversizedFrameIsRefusedBeforeItArrives) {
  FrameDecoder d;
  d.feed(std::string("\x01\xff\xff\xff\xff", 5));
  EXPECT_FALSE(d.next().ok());
}

TEST(VtyProtocol, ResultRoundTripsFlagsPromptLengthAndOutput) {
  ExecResult r{"Password: ", true, false, true};
  auto m = decode_result(encode_result(r, SessionState{"R(config)#", 24}));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->result.output, "Password: ");
  EXPECT_TRUE(m->result.rejected);
  EXPECT_FALSE(m->result.close_session);
  EXPECT_TRUE(m->result.wants_password);
  EXPECT_EQ(m->state.prompt, "R(config)#");
  EXPECT_EQ(m->state.terminal_length, 24);
}

TEST(VtyProtocol, TruncatedOrPaddedPayloadsAreRefused) {
  std::string good = encode_result(ExecResult{"x\n", false, true, false}, SessionState{"R>", 0});
  EXPECT_TRUE(decode_result(good).ok());
  EXPECT_FALSE(decode_result(good.substr(0, good.size() - 1)).ok());
  EXPECT_FALSE(decode_result(good + "z").ok());
  EXPECT_FALSE(decode_string_payload("\0\0\0\x05" "abc").ok());
  EXPECT_FALSE(decode_state(std::string("\0\0\0\0", 4)).ok());
}

TEST(VtyProtocol, CompletionRoundTripsAndRefusesImpossibleCounts) {
  Completion c{"e", {"enable", "end", "exit"}};
  auto back = decode_completion(encode_completion(c));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->line, "e");
  EXPECT_EQ(back->choices, c.choices);
  std::string lie = encode_string_payload("e") + std::string("\x7f\xff\xff\xff", 4);
  EXPECT_FALSE(decode_completion(lie).ok());
}

}  // namespace
}  // namespace ravelin::cli::vty
