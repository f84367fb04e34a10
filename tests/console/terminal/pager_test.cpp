#include "cli/terminal/pager.hpp"

#include <gtest/gtest.h>

namespace ravelin::cli::terminal {
namespace {

std::string lines(int from, int to) {
  std::string s;
  for (int i = from; i <= to; ++i) s += "l" + std::to_string(i) + "\n";
  return s;
}

TEST(Pager, LengthZeroPrintsEverythingAtOnce) {
  Pager p(lines(1, 100), 0);
  EXPECT_EQ(p.first_page(), lines(1, 100));
  EXPECT_FALSE(p.waiting());
}

TEST(Pager, OutputThatFitsNeverWaits) {
  Pager p(lines(1, 23), 24);  // 23 lines + the prompt row fill a 24-line screen exactly
  EXPECT_EQ(p.first_page(), lines(1, 23));
  EXPECT_FALSE(p.waiting());
}

TEST(Pager, SpaceShowsThePageAndReturnOneLine) {
  Pager p(lines(1, 10), 4);
  EXPECT_EQ(p.first_page(), lines(1, 3));
  EXPECT_TRUE(p.waiting());
  EXPECT_EQ(p.on_key(' '), lines(4, 6));
  EXPECT_EQ(p.on_key('\r'), lines(7, 7));
  EXPECT_EQ(p.on_key('\n'), lines(8, 8));
  EXPECT_TRUE(p.waiting());
  EXPECT_EQ(p.on_key(' '), lines(9, 10));
  EXPECT_FALSE(p.waiting());
}

TEST(Pager, AnyOtherKeyDiscardsTheRest) {
  for (char key : {'q', 'x', '\x03'}) {
    Pager p(lines(1, 10), 4);
    (void)p.first_page();
    EXPECT_EQ(p.on_key(key), "");
    EXPECT_FALSE(p.waiting()) << int(key);
    EXPECT_EQ(p.on_key(' '), "");
  }
}

TEST(Pager, LastLineWithoutNewlineIsKept) {
  Pager p("a\nb\nc", 2);
  EXPECT_EQ(p.first_page(), "a\n");
  EXPECT_EQ(p.on_key(' '), "b\n");
  EXPECT_EQ(p.on_key(' '), "c");
  EXPECT_FALSE(p.waiting());
}

TEST(Pager, LengthOneStillAdvances) {
  Pager p("a\nb\n", 1);
  EXPECT_EQ(p.first_page(), "a\n");
  EXPECT_EQ(p.on_key(' '), "b\n");
  EXPECT_FALSE(p.waiting());
}

TEST(Pager, EraserBacksOverTheMorePrompt) {
  std::string e = more_prompt_eraser();
  ASSERT_EQ(kMorePrompt, " --More-- ");
  EXPECT_EQ(e, std::string(10, '\b') + std::string(10, ' ') + std::string(10, '\b'));
}

}  // namespace
}  // namespace ravelin::cli::terminal
