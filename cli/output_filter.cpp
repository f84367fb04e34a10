#include "cli/output_filter.hpp"

#include <algorithm>
#include <cctype>

namespace ravelin::cli {
namespace {

struct Keyword {
  std::string_view word;
  FilterKind kind;
};
constexpr Keyword kKeywords[] = {
    {"begin", FilterKind::Begin},     {"count", FilterKind::Count},     {"exclude", FilterKind::Exclude},
    {"include", FilterKind::Include}, {"section", FilterKind::Section},
};

bool iequal_prefix(std::string_view typed, std::string_view word) {
  if (typed.empty() || typed.size() > word.size()) return false;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(typed[i])) != word[i]) return false;
  }
  return true;
}

std::size_t skip_blanks(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::size_t indent_of(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

// `| section RE`: every matching line with the lines indented under it (IOS config blocks).
std::vector<std::string_view> section(const std::vector<std::string_view>& in, const std::regex& re) {
  std::vector<std::string_view> out;
  std::optional<std::size_t> parent_indent;
  for (auto line : in) {
    if (parent_indent && indent_of(line) > *parent_indent && !line.empty()) {
      out.push_back(line);
      continue;
    }
    parent_indent.reset();
    if (std::regex_search(line.begin(), line.end(), re)) {
      out.push_back(line);
      parent_indent = indent_of(line);
    }
  }
  return out;
}

std::vector<std::string_view> apply_one(const OutputFilter& f, const std::vector<std::string_view>& in) {
  std::vector<std::string_view> out;
  auto matches = [&](std::string_view l) { return std::regex_search(l.begin(), l.end(), f.re); };
  switch (f.kind) {
    case FilterKind::Include:
    case FilterKind::Count:
      std::copy_if(in.begin(), in.end(), std::back_inserter(out), matches);
      break;
    case FilterKind::Exclude:
      std::copy_if(in.begin(), in.end(), std::back_inserter(out), [&](auto l) { return !matches(l); });
      break;
    case FilterKind::Begin: {
      auto first = std::find_if(in.begin(), in.end(), matches);
      out.assign(first, in.end());
      break;
    }
    case FilterKind::Section:
      out = section(in, f.re);
      break;
  }
  return out;
}

}  // namespace

const std::vector<FilterHelp>& output_filter_help() {
  static const std::vector<FilterHelp> kHelp = {
      {"begin", "Begin with the line that matches"},
      {"count", "Count number of lines which match regexp"},
      {"exclude", "Exclude lines that match"},
      {"include", "Include lines that match"},
      {"section", "Filter a section of output"},
  };
  return kHelp;
}

PipeParse split_output_filters(std::string_view line) {
  PipeParse r;
  auto bar = line.find('|');
  std::string_view head = line.substr(0, bar);
  while (!head.empty() && (head.back() == ' ' || head.back() == '\t')) head.remove_suffix(1);
  r.split.command = std::string(head);
  while (bar != std::string_view::npos) {
    std::size_t kw_at = skip_blanks(line, bar + 1);
    std::size_t kw_end = kw_at;
    while (kw_end < line.size() && line[kw_end] != ' ' && line[kw_end] != '\t') ++kw_end;
    std::string_view kw = line.substr(kw_at, kw_end - kw_at);
    if (kw.empty()) return r.error = PipeError{PipeError::Kind::Incomplete, kw_at}, r;
    auto it = std::find_if(std::begin(kKeywords), std::end(kKeywords),
                           [&](const Keyword& k) { return iequal_prefix(kw, k.word); });
    if (it == std::end(kKeywords)) return r.error = PipeError{PipeError::Kind::Invalid, kw_at}, r;
    std::size_t re_at = skip_blanks(line, kw_end);
    // The regex runs to the next pipe that is preceded by a blank, or to the end of the line.
    bar = line.find(" |", re_at);
    std::string_view pattern = line.substr(re_at, bar == std::string_view::npos ? line.npos : bar - re_at);
    while (!pattern.empty() && (pattern.back() == ' ' || pattern.back() == '\t')) pattern.remove_suffix(1);
    if (pattern.empty()) return r.error = PipeError{PipeError::Kind::Incomplete, re_at}, r;
    OutputFilter f;
    f.kind = it->kind;
    f.pattern = std::string(pattern);
    try {
      f.re = std::regex(f.pattern, std::regex::extended);
    } catch (const std::regex_error&) {
      return r.error = PipeError{PipeError::Kind::Invalid, re_at}, r;
    }
    r.split.filters.push_back(std::move(f));
    if (bar != std::string_view::npos) ++bar;  // point at the '|'
  }
  return r;
}

std::string apply_output_filters(const std::vector<OutputFilter>& filters, std::string_view text) {
  auto lines = split_lines(text);
  std::string out;
  for (const auto& f : filters) {
    lines = apply_one(f, lines);
    if (f.kind == FilterKind::Count) {
      // IOS prints only the count; later filters (if any) see that one line.
      out = "Number of lines which match regexp = " + std::to_string(lines.size()) + "\n";
      lines = split_lines(out);
    }
  }
  std::string result;
  for (auto l : lines) {
    result.append(l);
    result.push_back('\n');
  }
  return result;
}

}  // namespace ravelin::cli
