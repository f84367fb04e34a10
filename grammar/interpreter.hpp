#pragma once
// How a session feeds a line: resolve() matches it in the current mode (IOS fall-through to parent
// modes included) and gives either the IOS error text with its caret or what to do; run() does it
// (commit the config edit and enter its sub-mode, or call the action's handler). execute() = both.
#include <string>
#include <string_view>
#include <vector>

#include "grammar/command_set.hpp"
#include "grammar/config/edit.hpp"
#include "grammar/config/store.hpp"
#include "grammar/exec_context.hpp"
#include "grammar/interface_name.hpp"
#include "grammar/matcher.hpp"

namespace ravelin::grammar {

struct SessionFacts {
  int privilege = 1;           // 1 = user EXEC (R>), 15 = privileged (R#)
  int terminal_length = 24;    // 0 = no paging
  int terminal_width = 80;
  bool domain_lookup = false;  // IOS prints `Translating "foo"...` for unknown EXEC words when on
};

// One mode level: the mode and, for sub-modes, the path to the entry it edits.
struct Frame {
  const Mode* mode = nullptr;
  std::vector<config::PathStep> path;
  char delimiter = 0;  // raw text mode (banner): the character that ends the text
};

struct SessionState {
  SessionFacts facts;
  std::vector<Frame> frames;  // frames[0] is EXEC; empty means EXEC too

  [[nodiscard]] const Mode& mode(const CommandSet& set) const {
    return frames.empty() ? set.exec_mode() : *frames.back().mode;
  }
  [[nodiscard]] bool in_config() const { return frames.size() > 1; }
  // The prompt's "(…)" part: "" in EXEC, "config", "config-ikev2-profile".
  [[nodiscard]] std::string prompt_mode() const;
  void enter_config(const CommandSet& set);  // `configure terminal`
  void to_exec();                             // `end`, Ctrl-Z
  void exit_one();                            // `exit` from a config mode
};

struct Resolution {
  enum class Kind : uint8_t { Empty, Error, Config, Action, Verbatim };
  Kind kind = Kind::Empty;
  std::string error;        // Error: the full text (caret line, message, blank line), '\n'-terminated
  std::string message;      // Error: the message line alone ("% Incomplete command.")
  size_t error_offset = std::string::npos;  // Error: caret position within the line (npos: no caret)
  size_t pop_frames = 0;    // fall-through: sub-mode frames left before running
  config::Edit edit;        // Config and Verbatim
  const Decl* decl = nullptr;  // Config / Action: the declaration matched
  Args args;                // Action: the bindings
};

struct LineResult {
  std::string output;
  bool rejected = false;
};

class Interpreter {
 public:
  // `store` may be nullptr (help/completion only); `inventory` nullptr accepts any interface name.
  Interpreter(const CommandSet& set, config::ConfigStore* store, const Services& services,
              const InterfaceInventory* inventory = nullptr);

  // `prompt_len` is the displayed prompt's length: the caret column counts it (cisco-cli.md §2.12).
  [[nodiscard]] Resolution resolve(const SessionState& st, std::string_view line, size_t prompt_len) const;
  LineResult run(SessionState& st, const Resolution& r);
  LineResult execute(SessionState& st, std::string_view line, std::string_view prompt) {
    return run(st, resolve(st, line, prompt.size()));
  }
  // The text IOS prints for `?` typed after `line` (the line is not executed).
  [[nodiscard]] std::string help(const SessionState& st, std::string_view line, size_t prompt_len) const;
  // TAB after `line`: the completed line (unchanged unless unique) and the choices when ambiguous.
  struct Completed {
    std::string line;
    std::vector<std::string> choices;
  };
  [[nodiscard]] Completed complete(const SessionState& st, std::string_view line) const;

  [[nodiscard]] const CommandSet& commands() const { return *set_; }
  void set_inventory(const InterfaceInventory* inv) { inventory_ = inv; }

 private:
  [[nodiscard]] Resolution error_resolution(const SessionState& st, const Match& err, std::string_view line,
                                            size_t prompt_len, bool config_mode) const;
  const CommandSet* set_;
  config::ConfigStore* store_;
  const Services* services_;
  const InterfaceInventory* inventory_;
};

// `banner motd ^C…`: the delimiter is the first character after the banner type; 0 when the line
// already holds both delimiters (or has none), else the character that will end the text.
[[nodiscard]] char open_delimiter(std::string_view banner_words);

// IOS / ASA error texts (cisco-cli.md §2.12, §3.8), '\n'-terminated.
[[nodiscard]] std::string invalid_input_text(Dialect d, size_t caret_column);
[[nodiscard]] std::string incomplete_text(Dialect d);
[[nodiscard]] std::string ambiguous_text(Dialect d, std::string_view line);
[[nodiscard]] std::string unknown_exec_text(Dialect d, std::string_view word, bool domain_lookup);

}  // namespace ravelin::grammar
