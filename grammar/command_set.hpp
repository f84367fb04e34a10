#pragma once
// One declaration per command (DESIGN.md). A CommandSet is one dialect (IOS or ASA): its modes and,
// per mode, the config commands (lists, containers, leaves, leaf-lists, presence leaves, verbatim
// blocks) and action commands (exec `show …`, mode actions like `exit`). The `no`/`default` forms,
// `?` help, TAB completion and the running-config line are all derived from these declarations.
//
//   grammar::CommandSet s(grammar::Dialect::Ios);
//   auto prof = s.list("crypto ikev2 profile WORD$name", grammar::enters("config-ikev2-profile"));
//   prof.leaf("lifetime <120-86400>$seconds", {.dflt = 86400});
//   prof.leaf("keyring local WORD$keyring", {.ref = "crypto ikev2 keyring"});
//   s.exec().add("show crypto ikev2 sa [detailed]$detail", show_ikev2_sa, {.privilege = 1});
//
// See docs/GRAMMAR.md for every kind of declaration with examples.
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "grammar/exec_context.hpp"
#include "grammar/pattern.hpp"
#include "grammar/value.hpp"
#include "platform/result.hpp"

namespace ravelin::grammar {

namespace config { class Node; struct RenderOptions; }

enum class Dialect : uint8_t { Ios, Asa };

// How the entries of one list (or the items of one leaf-list) are ordered in the running-config.
enum class Order : uint8_t {
  Insertion,  // in the order they were first created (IOS default for named objects)
  Key,        // by key values, naturally (numbers numerically: ACL sequence numbers, crypto map seq)
};

// Help per token: {"keyword", "help"} or {"$binding", "help"}. Keywords not listed fall back to the
// CommandSet's keyword help (`CommandSet::help`).
using Help = std::vector<std::pair<std::string, std::string>>;

// Context of a validate hook: the candidate tree just before this line's edit.
struct ValidateContext {
  const config::Node& root;      // candidate root
  const config::Node& parent;    // the entry this line writes into (root for global lines)
  const config::Node* existing;  // the node the line replaces or updates, nullptr when new
  const Args& args;              // the line's bindings (this declaration's level only)
  bool negate = false;           // `no` / `default` form
};
// Refuses with an IOS-style message (printed verbatim, e.g. `ERROR: transform set with tag "X" does
// not exist.`), or accepts. Runs before the edit, so a refusal leaves the tree untouched.
using ValidateHook = std::function<Status(const ValidateContext&)>;
// Custom running-config text for one node (without indentation), e.g. canonical algorithm order.
using RenderHook = std::function<std::string(const config::Node&, const config::RenderOptions&)>;
// An informational line printed after the line is accepted (IOS "% NOTE: ...", "MUST have atleast").
using NoteHook = std::function<std::string(const ValidateContext&)>;

struct LeafOptions {
  std::optional<Value> dflt;       // value when unset; typing it (or `default X`) removes the line
  bool show_default = false;       // render "<leaf> <dflt>" when unset (ASA policy lines, `mode tunnel`)
  bool present_by_default = false; // presence(): `no X` is stored and shown (`no shutdown`), `X` removes
  std::string ref;                 // id of a top-level list that `ref_arg` must name (reference check)
  std::string ref_arg;             // default: the first binding
  std::string ref_error;           // "%s" -> the name; default `% <ref> <name> does not exist`
  std::vector<std::string> keys;   // leaf_list(): bindings that identify an item (default: all)
  std::vector<std::string> mask;   // bindings shown as ***** when RenderOptions::mask_secrets
  Order order = Order::Insertion;  // leaf_list() item order
  // Insertion-ordered leaf_list(): a new item whose `position_arg` binding is N goes in at position N
  // (1-based) among the items with the same `position_group` binding (ASA `access-list A line N`).
  std::string position_arg;
  std::string position_group;
  std::string id;                  // schema id (default: leading keywords, e.g. "set peer")
  int rank = 0;                    // render order among siblings: (rank, declaration order)
  Help help;
  ValidateHook validate;
  RenderHook render;
  NoteHook note;
};

struct ListOptions {
  std::string enters;              // sub-mode entered by the line ("" = none)
  bool header = true;              // false: ASA style, no line of its own; children are typed and
                                   // rendered prefixed by this pattern (`crypto map M 10 set peer …`)
  std::vector<std::string> keys;   // default: the leading bindings after the leading keywords
  std::string auto_seq;            // ordered entries: binding given last+seq_step when omitted
  int seq_step = 10;
  bool render_seq = true;          // false: the sequence is not printed (IOS named ACL entries)
  Order order = Order::Insertion;
  std::string id;                  // schema id (default: leading keywords, "crypto ikev2 profile")
  int rank = 0;
  bool separator = true;           // a "!" line after the entry's block (IOS top-level blocks)
  Help help;
  ValidateHook validate;
  RenderHook render;               // header line only
  NoteHook note;                   // e.g. `.note = created_note("IKEv2 policy MUST have ...")`
};

inline ListOptions enters(std::string mode) { ListOptions o; o.enters = std::move(mode); return o; }
// A note printed only when the line creates a new entry (IOS "MUST have" / crypto map "% NOTE").
NoteHook created_note(std::string text);

struct VerbatimOptions {
  std::string enters;        // interactive sub-mode whose lines join the block ("config-router"), "" = none
  int rank = 0;
  std::string help;          // for `?`
  bool delimited = false;    // `banner motd ^C … ^C`: the text up to the repeated delimiter belongs to it
  bool needs_rest = false;   // the keywords alone are `% Incomplete command.` (global `ip nat outside`)
};

struct ActionOptions {
  int privilege = 15;        // lowest privilege that sees the command (1 = user EXEC)
  Help help;
};

enum class DeclKind : uint8_t { Root, List, Container, Leaf, LeafList, Presence, Verbatim, Action };

struct Mode;
struct ModeTable;  // the matcher's compiled commands of one mode (grammar/matcher.cpp)

// One declaration. Built by Scope; read by the matcher, the tree and the renderer.
struct Decl {
  DeclKind kind = DeclKind::Root;
  std::string id;               // schema id, unique among siblings
  CompiledPattern pattern;
  const Decl* parent = nullptr;
  const Mode* mode = nullptr;   // mode in which its line is typed (for header-less lists: parent's)
  const Mode* enters = nullptr; // List/Container: the sub-mode its children are typed in
  std::vector<const Decl*> children;
  std::vector<int> key_bindings;  // binding indices forming the key (List, LeafList)
  int auto_seq = -1;              // binding index of the sequence number, or -1
  int index = 0;                  // declaration order among siblings
  LeafOptions leaf;               // Leaf / LeafList / Presence options
  ListOptions list;               // List / Container options
  VerbatimOptions verbatim;
  ExecHandler handler;            // Action
  int privilege = 15;             // Action
  [[nodiscard]] int rank() const { return kind == DeclKind::List || kind == DeclKind::Container ? list.rank : kind == DeclKind::Verbatim ? verbatim.rank : leaf.rank; }
  [[nodiscard]] bool is_config() const { return kind != DeclKind::Action && kind != DeclKind::Root; }
};

struct Mode {
  std::string name;      // "exec", "config", "config-ikev2-profile", ...
  std::string prompt;    // suffix shown in parentheses, "" for exec: R(config-ikev2-profile)#
  const Mode* parent = nullptr;   // fall-through target (config's parent is nullptr: exec is separate)
  bool config = true;             // false only for "exec"
  const Decl* scope = nullptr;    // the declaration whose children are this mode's config commands
  std::vector<const Decl*> actions;  // action commands typed in this mode
  bool verbatim = false;          // mode of a verbatim block: every line is kept as typed
  bool raw = false;               // text of a delimited block (banner): no command is tried at all
};

class CommandSet;

// Where config commands are declared: the global config root, or the inside of a list entry.
class Scope {
 public:
  Scope(CommandSet& set, Decl& decl) : set_(&set), decl_(&decl) {}
  // A keyed entry (`crypto ikev2 profile WORD$name`); the returned Scope declares its children.
  Scope list(std::string_view pattern, ListOptions opts = {});
  // A singleton sub-block (`ipsec-attributes` under an ASA tunnel-group).
  Scope container(std::string_view pattern, ListOptions opts = {});
  // One line per entry; re-typing replaces it (`lifetime <120-86400>$seconds`, multi-value
  // `encryption {aes-cbc-128|aes-cbc-256}...$algs`).
  void leaf(std::string_view pattern, LeafOptions opts = {});
  // Several lines, one per item (`set peer A.B.C.D$peer`); `no set peer X` removes one.
  void leaf_list(std::string_view pattern, LeafOptions opts = {});
  // A keyword-only line that is on or off (`shutdown`).
  void presence(std::string_view pattern, LeafOptions opts = {});
  // Lines starting with `keywords` (`router`, `ip route`) are kept verbatim with their indented lines.
  void verbatim(std::string_view keywords, VerbatimOptions opts = {});
  // A non-config command typed in this scope's sub-mode (or global config for the root scope).
  void action(std::string_view pattern, ExecHandler handler, ActionOptions opts = {});

  [[nodiscard]] const Decl& decl() const { return *decl_; }

 private:
  Decl& add(DeclKind kind, std::string_view pattern, std::string id);
  CommandSet* set_;
  Decl* decl_;
};

// The commands of one mode that are not config (exec `show …`, `enable`, `exit`, `end`, `do LINE`).
class ModeRef {
 public:
  ModeRef(CommandSet& set, Mode& mode) : set_(&set), mode_(&mode) {}
  void add(std::string_view pattern, ExecHandler handler, ActionOptions opts = {});
  [[nodiscard]] const Mode& mode() const { return *mode_; }

 private:
  CommandSet* set_;
  Mode* mode_;
};

class CommandSet {
 public:
  explicit CommandSet(Dialect dialect);
  CommandSet(const CommandSet&) = delete;
  CommandSet& operator=(const CommandSet&) = delete;

  [[nodiscard]] Dialect dialect() const { return dialect_; }

  // Global configuration: shorthands for config().list(...) etc.
  Scope config() { return Scope(*this, root_); }
  Scope list(std::string_view p, ListOptions o = {}) { return config().list(p, std::move(o)); }
  void leaf(std::string_view p, LeafOptions o = {}) { config().leaf(p, std::move(o)); }
  void leaf_list(std::string_view p, LeafOptions o = {}) { config().leaf_list(p, std::move(o)); }
  void presence(std::string_view p, LeafOptions o = {}) { config().presence(p, std::move(o)); }
  void verbatim(std::string_view k, VerbatimOptions o = {}) { config().verbatim(k, std::move(o)); }

  // User and privileged EXEC (one mode; each command has a privilege level).
  ModeRef exec() { return ModeRef(*this, *exec_); }
  // Any mode by name, created on first use (prompt = name, parent = config).
  ModeRef mode(std::string_view name);
  // An action available in every config mode, present and future (`exit`, `end`, `do LINE`).
  void add_to_config_modes(std::string_view pattern, ExecHandler handler, ActionOptions opts = {});
  // Overrides a mode's prompt suffix (e.g. ASA `config-tunnel-ipsec`) or its parent.
  void define_mode(std::string_view name, std::string_view prompt, std::string_view parent = "config");
  // Help text for a keyword wherever it appears (`crypto` -> "Encryption module").
  void help(std::string_view keyword, std::string_view text);
  // When an abbreviation fits several keywords and exactly one of them is preferred, that one wins
  // instead of `% Ambiguous command` (IOS: `sh` = show, `en` = enable, `int` = interface).
  void prefer(std::string_view keyword) { preferred_.emplace_back(keyword); }
  [[nodiscard]] bool preferred(std::string_view keyword) const {
    for (const auto& p : preferred_) {
      if (p == keyword) return true;
    }
    return false;
  }

  [[nodiscard]] const Mode* find_mode(std::string_view name) const;
  [[nodiscard]] const Mode& exec_mode() const { return *exec_; }
  [[nodiscard]] const Mode& config_mode() const { return *config_; }
  [[nodiscard]] const Decl& root() const { return root_; }
  // A top-level declaration by schema id ("crypto ikev2 keyring"), for references and lookups.
  [[nodiscard]] const Decl* top_level(std::string_view id) const;
  [[nodiscard]] std::string_view keyword_help(std::string_view keyword) const;
  // Declaration mistakes (bad pattern, duplicate id); empty when the set is sound. Tests assert on it.
  [[nodiscard]] const std::vector<std::string>& errors() const { return errors_; }

  // Internal to grammar (used by Scope, ModeRef and the matcher).
  Mode& mode_mut(std::string_view name, const Mode* parent);
  Decl& new_decl();
  // The compiled commands of a mode, built on first use and rebuilt after new declarations.
  [[nodiscard]] const ModeTable& table(const Mode& mode) const;
  void add_error(std::string e) { errors_.push_back(std::move(e)); }
  [[nodiscard]] const std::vector<std::unique_ptr<Mode>>& modes() const { return modes_; }
  [[nodiscard]] const std::vector<const Decl*>& everywhere() const { return everywhere_; }

 private:
  Dialect dialect_;
  Decl root_;
  std::deque<Decl> decls_;  // stable addresses
  std::vector<std::unique_ptr<Mode>> modes_;
  Mode* exec_ = nullptr;
  Mode* config_ = nullptr;
  std::vector<const Decl*> everywhere_;
  std::vector<std::pair<std::string, std::string>> keyword_help_;
  std::vector<std::string> errors_;
  std::vector<std::string> preferred_;
  size_t generation_ = 0;
  mutable std::vector<std::pair<const Mode*, std::shared_ptr<const ModeTable>>> tables_;
  mutable size_t tables_generation_ = 0;
};

}  // namespace ravelin::grammar
