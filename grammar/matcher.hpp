#pragma once
// Matching one line against one mode's commands: case-insensitive unique-prefix keywords, exact beats
// prefix, keywords beat typed tokens beat WORD; `no`/`default` forms of config commands; `?` help and
// TAB completion. Pure functions over a CommandSet: no tree, no session.
#include <string>
#include <string_view>
#include <vector>

#include "grammar/command_set.hpp"
#include "grammar/interface_name.hpp"

namespace ravelin::grammar {

struct MatchEnv {
  int privilege = 15;                            // actions above it are invisible
  const InterfaceInventory* inventory = nullptr; // nullptr: any well-formed interface name
};

struct Match {
  enum class Status : uint8_t { Ok, Empty, Invalid, Incomplete, Ambiguous };
  Status status = Status::Empty;
  size_t error_offset = 0;  // Invalid: byte offset in the line of the word the caret points at
  enum class Form : uint8_t { Plain, No, Default };
  Form form = Form::Plain;
  // Ok: the declarations matched, outermost first: header-less list levels, then the command itself
  // (e.g. {crypto map WORD <1-65535>, set peer A.B.C.D}); one Args and canonical words per level.
  std::vector<const Decl*> chain;
  std::vector<Args> args;
  std::vector<std::string> words;
  [[nodiscard]] const Decl* decl() const { return chain.empty() ? nullptr : chain.back(); }
};

[[nodiscard]] Match match_line(const CommandSet& set, const Mode& mode, std::string_view line,
                               const MatchEnv& env);

// `?` at the end of `line` in `mode`. `complete == false` means the line does not end with a space
// (`pre?`): the keywords starting with the last word. Returns IOS's text, lines '\n'-terminated
// (the two-column list and the trailing empty line; errors as match_line would print them).
struct HelpItem {
  std::string token;  // keyword, placeholder ("WORD", "<1-65535>", "A.B.C.D") or "<cr>"
  std::string help;
};
struct HelpResult {
  Match::Status status = Match::Status::Ok;  // Invalid/Ambiguous: nothing listed
  size_t error_offset = 0;
  bool partial = false;         // `pre?` form
  std::vector<HelpItem> items;  // sorted as strings, <cr> last
};
[[nodiscard]] HelpResult help_items(const CommandSet& set, const Mode& mode, std::string_view line,
                                    const MatchEnv& env);

// Keywords (and interface type names) that complete the last word of `line`; empty when the line ends
// with a space or the last word is not a keyword position.
[[nodiscard]] std::vector<std::string> completions(const CommandSet& set, const Mode& mode,
                                                   std::string_view line, const MatchEnv& env);

}  // namespace ravelin::grammar
