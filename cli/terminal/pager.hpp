#pragma once
// The IOS `--More--` pager, as pure logic: which text to print before each ` --More-- ` prompt and
// what each key does. `terminal length N` shows N-1 lines per page (the prompt takes the last row);
// 0 disables paging. Space = next page, Return = one more line, any other key (q) = stop.
#include <cstddef>
#include <string>
#include <string_view>

namespace ravelin::cli::terminal {

inline constexpr std::string_view kMorePrompt = " --More-- ";
// After a key, IOS erases the prompt in place with backspaces, blanks and backspaces.
std::string more_prompt_eraser();

class Pager {
 public:
  Pager(std::string text, int terminal_length);
  // The text up to the first page break (all of it when no paging is needed).
  std::string first_page();
  // True while text remains: the terminal shows ` --More-- ` and waits for a key.
  [[nodiscard]] bool waiting() const { return pos_ < text_.size(); }
  // The text the key releases; after a stop key waiting() is false and the rest is discarded.
  std::string on_key(char key);

 private:
  std::string take_lines(std::size_t n);

  std::string text_;
  std::size_t pos_ = 0;
  std::size_t page_lines_ = 0;  // 0: no paging
};

}  // namespace ravelin::cli::terminal
