#pragma once
// Internals shared by matcher.cpp, matcher_core.cpp and help.cpp (not a public interface).
#include <string>
#include <string_view>
#include <vector>

#include "grammar/command_set.hpp"
#include "grammar/matcher.hpp"

namespace ravelin::grammar {

namespace detail {

// One command of a mode: a declaration (or a chain through header-less lists) and its full pattern.
struct Command {
  CompiledPattern pattern;
  std::vector<const Decl*> chain;
  std::vector<uint16_t> level_start;  // first token of each chain level
  bool config = false;
  bool no_only = false;  // a header-less list: only `no <it>` is a complete line
};

struct Word {
  std::string_view text;
  size_t offset;
};
using Words = std::vector<Word>;
Words split_words(std::string_view line);

struct Step {
  int parent;      // previous step, -1 at the start
  uint16_t tok;
  uint16_t word;
  bool second;     // second word of a two-word interface name
};

struct State {
  uint32_t cmd;
  int tok;       // -1: before the first token
  int step;      // last step, -1 none
  bool pending;  // interface type seen, number expected
};

struct Core {
  Match::Status status = Match::Status::Ok;
  size_t err_word = 0;
  Match::Form form = Match::Form::Plain;
  size_t first = 0;                 // first word matched against commands (after no/default)
  std::vector<State> states;        // alive after the consumed words
  std::vector<State> line_done;     // states whose LINE token took the rest of the line
  std::vector<Step> steps;
  std::string_view line;
};

// Matches words[0..consume) in `mode`.
Core run_core(const CommandSet& set, const Mode& mode, const Words& words, size_t consume, const MatchEnv& env);
bool can_end(const Command& c, int tok, Match::Form form);
bool visible(const Command& c, const MatchEnv& env, Match::Form form);
Match finish(const CommandSet& set, const Mode& mode, const Words& words, const Core& core, const MatchEnv& env);
// Score of `word` against `t`: 4 exact keyword, 3 keyword prefix, 2 typed, 1 WORD/LINE, 0 none;
// -1 for an interface type that needs its number in the next word.
int score(const Token& t, std::string_view word, const MatchEnv& env);
bool iprefix(std::string_view prefix, std::string_view full);

}  // namespace detail

struct ModeTable {
  std::vector<detail::Command> commands;
};

}  // namespace ravelin::grammar
