#include "cli/terminal/pager.hpp"

namespace ravelin::cli::terminal {

std::string more_prompt_eraser() {
  std::string back(kMorePrompt.size(), '\b');
  return back + std::string(kMorePrompt.size(), ' ') + back;
}

Pager::Pager(std::string text, int terminal_length) : text_(std::move(text)) {
  if (terminal_length > 0) page_lines_ = terminal_length > 1 ? static_cast<std::size_t>(terminal_length - 1) : 1;
}

std::string Pager::take_lines(std::size_t n) {
  std::size_t end = pos_;
  for (std::size_t i = 0; i < n && end < text_.size(); ++i) {
    std::size_t nl = text_.find('\n', end);
    end = nl == std::string::npos ? text_.size() : nl + 1;
  }
  std::string chunk = text_.substr(pos_, end - pos_);
  pos_ = end;
  return chunk;
}

std::string Pager::first_page() {
  if (page_lines_ == 0) return take_lines(std::string::npos);
  return take_lines(page_lines_);
}

std::string Pager::on_key(char key) {
  if (!waiting()) return {};
  if (key == ' ') return take_lines(page_lines_);
  if (key == '\r' || key == '\n') return take_lines(1);
  pos_ = text_.size();  // IOS: any other key ends the output
  return {};
}

}  // namespace ravelin::cli::terminal
