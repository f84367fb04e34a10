#pragma once
// A command pattern compiled into a small token graph.
//
// Pattern syntax (one declaration per command, see docs/GRAMMAR.md):
//   keyword            literal, matched case-insensitively by unique prefix (`lifetime`, `ipsec-isakmp`)
//   WORD               any word (names are case-sensitive)          LINE   rest of the line, verbatim
//   <lo-hi>            decimal range (`<120-86400>`)                 HEX    hexadecimal number (`0x1f`, `1F`)
//   A.B.C.D            IPv4 address     M.M.M.M dotted mask          W.W.W.W wildcard (both contiguous)
//   A.B.C.D/M          IPv4 prefix      X:X::X:X IPv6 address        X:X::X:X/M  IPv6 prefix
//   INTERFACE          IOS/ASA interface name, type abbreviations expanded (`gi0/1`, `int tunnel 1`)
//   {a|b c|WORD}       one alternative          [x y]   optional part
//   item...            one or more of item (`{aes-cbc-128|aes-cbc-256}...$algs`)
//   item$name          binds the matched value(s) of item to `name` in Args
// A binding on a group applies to every token inside that has none of its own; a bound keyword binds
// its own full spelling (so `[detailed]$detail` gives args.flag("detail")).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace ravelin::grammar {

enum class TokenKind : uint8_t {
  Keyword, Word, Line, Range, Hex, Ipv4, Mask, Wildcard, Ipv4Prefix, Ipv6, Ipv6Prefix, Interface,
};

struct Token {
  TokenKind kind = TokenKind::Keyword;
  std::string text;         // keyword spelling, or the placeholder as written ("<1-65535>", "WORD")
  int64_t lo = 0, hi = 0;   // Range bounds
  int binding = -1;         // index into CompiledPattern::bindings, -1 = not bound
  bool repeated = false;    // inside a `...` repeat: the binding collects a list
  std::vector<uint16_t> next;  // tokens that may follow
  bool can_end = false;        // the line may end after this token
  bool identity = false;       // part of the line's identity: a `no` form may end after it
  std::string help;            // filled from the declaration's help table
};

struct CompiledPattern {
  std::string source;
  std::vector<Token> tokens;
  std::vector<uint16_t> start;        // first tokens
  std::vector<std::string> bindings;  // binding names in order of first appearance
  bool empty_ok = false;              // the pattern matches an empty line (all optional)
  // Leading keywords before the first non-keyword token, joined with one space: the schema id.
  std::string leading_keywords;
};

// Compiles `source`; an error names the offending position (declarations are code: tests check them).
[[nodiscard]] Result<CompiledPattern> compile_pattern(std::string_view source);

// Appends `tail` after every accepting end of `head` (for inline children: `crypto map WORD <1-65535>` +
// `set peer A.B.C.D`). Binding indices of `tail` are shifted; returns the offset of tail's first token.
size_t append_pattern(CompiledPattern& head, const CompiledPattern& tail);

}  // namespace ravelin::grammar
