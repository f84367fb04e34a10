#pragma once
// Replays a golden console transcript against a fresh device of one dialect and compares every
// prompt and every output line. Format: a line starting with the device's prompt
// ("Router(config)#", "ciscoasa(config)# ") is typed at that prompt (the prompt must be what the
// session shows at that point); the lines up to the next prompt line are the expected output. A typed
// line ending in `?` shows the help IOS prints there instead of running the line.
// RAVELIN_UPDATE_GOLDEN=1 rewrites the file from the actual session (review the diff!).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/unit/commands/harness.hpp"

namespace ravelin::testing {

struct TranscriptResult {
  std::string expected;
  std::string actual;
};

inline bool is_prompt_line(const std::string& line, const std::string& host) {
  if (line.rfind(host, 0) != 0) return false;
  auto hash = line.find('#');
  if (hash == std::string::npos) return false;
  auto mid = line.substr(host.size(), hash - host.size());
  return mid.empty() || (mid.front() == '(' && mid.back() == ')');
}

inline TranscriptResult run_transcript(grammar::Dialect d, const std::string& path) {
  Device dev(d);
  bool asa = d == grammar::Dialect::Asa;
  std::string host = asa ? "ciscoasa" : "Router";
  std::string text = read_file(path);
  TranscriptResult r;
  r.expected = text;
  size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    if (!is_prompt_line(line, host)) continue;  // expected output: compared through r.actual
    std::string prompt = dev.prompt_text();
    std::string typed = line.substr(std::min(line.size(), line.find('#') + (asa ? 2 : 1)));
    r.actual += prompt + typed + "\n";
    if (!typed.empty() && typed.back() == '?') {
      // `?` lists what may follow and never runs the line (cisco-cli.md §5).
      r.actual += dev.interp.help(dev.st, std::string_view(typed).substr(0, typed.size() - 1), prompt.size());
      continue;
    }
    r.actual += dev.interp.execute(dev.st, typed, prompt).output;
  }
  if (const char* u = std::getenv("RAVELIN_UPDATE_GOLDEN"); u != nullptr && std::string(u) == "1") {
    std::ofstream(path) << r.actual;
  }
  return r;
}

inline std::vector<std::string> transcript_files(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".txt") out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ravelin::testing
