#pragma once
// IOS output modifiers on EXEC `show` lines: `| include|exclude|begin|section|count REGEX`.
// Several may be chained (`| section crypto | include peer`), as on IOS-XE.
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace ravelin::cli {

enum class FilterKind { Include, Exclude, Begin, Section, Count };

struct OutputFilter {
  FilterKind kind = FilterKind::Include;
  std::string pattern;  // as typed, may contain spaces
  std::regex re;
};

// A line split at its first pipe: the command before it and the filters after it.
struct PipeSplit {
  std::string command;               // the text before the first '|' (trailing blanks removed)
  std::vector<OutputFilter> filters; // empty when the line has no pipe
};

// Why a pipe part was refused: IOS's parser message and, for the caret, the column in `line`.
struct PipeError {
  enum class Kind { Invalid, Incomplete } kind = Kind::Invalid;
  std::size_t column = 0;  // offset in the line of the token that failed (for Invalid)
};

struct PipeParse {
  PipeSplit split;
  std::optional<PipeError> error;
};

// A '|' starts a pipe when it is a token of its own or starts one (IOS needs no space after it).
[[nodiscard]] PipeParse split_output_filters(std::string_view line);

// The filter keywords with their IOS help texts, in `| ?` order.
struct FilterHelp {
  std::string_view keyword;
  std::string_view help;
};
[[nodiscard]] const std::vector<FilterHelp>& output_filter_help();

// Applies the filters in order; text is '\n'-terminated lines and so is the result.
[[nodiscard]] std::string apply_output_filters(const std::vector<OutputFilter>& filters, std::string_view text);

}  // namespace ravelin::cli
