#include "grammar/pattern.hpp"

#include <algorithm>
#include <charconv>

namespace ravelin::grammar {
namespace {

struct Frag {
  std::vector<uint16_t> first, last;
  bool nullable = true;
};

void add_unique(std::vector<uint16_t>& v, uint16_t t) {
  if (std::find(v.begin(), v.end(), t) == v.end()) v.push_back(t);
}

// Recursive-descent compiler: seq := item*; item := atom ["..."] ["$" name];
// atom := word | "{" seq ("|" seq)* "}" | "[" seq ("|" seq)* "]".
class Compiler {
 public:
  explicit Compiler(std::string_view src) : s_(src) { out_.source = std::string(src); }

  Result<CompiledPattern> run() {
    Frag f = seq();
    if (!err_.empty()) return make_error(err_);
    skip_space();
    if (pos_ < s_.size()) return make_error(where("unexpected '" + std::string(1, s_[pos_]) + "'"));
    if (out_.tokens.empty()) return make_error("empty pattern");
    out_.start = f.first;
    for (auto t : f.last) out_.tokens[t].can_end = true;
    out_.empty_ok = f.nullable;
    leading_keywords();
    return std::move(out_);
  }

 private:
  std::string where(const std::string& what) const {
    return "pattern \"" + std::string(s_) + "\" at " + std::to_string(pos_) + ": " + what;
  }
  void skip_space() {
    while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
  }
  static bool special(char c) { return c == ' ' || c == '{' || c == '}' || c == '[' || c == ']' || c == '|' || c == '$'; }

  static void connect(CompiledPattern& p, Frag& a, const Frag& b) {
    for (auto t : a.last) {
      for (auto n : b.first) add_unique(p.tokens[t].next, n);
    }
    if (a.nullable) {
      for (auto n : b.first) add_unique(a.first, n);
    }
    if (b.nullable) {
      for (auto n : b.last) add_unique(a.last, n);
    } else {
      a.last = b.last;
    }
    a.nullable = a.nullable && b.nullable;
  }

  Frag seq() {
    Frag acc;
    while (err_.empty()) {
      skip_space();
      if (pos_ >= s_.size() || s_[pos_] == '|' || s_[pos_] == '}' || s_[pos_] == ']') break;
      Frag it = item();
      connect(out_, acc, it);
    }
    return acc;
  }

  Frag item() {
    const size_t first_token = out_.tokens.size();
    Frag f;
    bool repeat = false;
    if (s_[pos_] == '{' || s_[pos_] == '[') {
      f = group();
    } else {
      std::string word;
      while (pos_ < s_.size() && !special(s_[pos_])) word += s_[pos_++];
      if (word.size() > 3 && word.ends_with("...")) {
        word.resize(word.size() - 3);
        repeat = true;
      }
      f = token(word);
    }
    if (s_.substr(pos_).starts_with("...")) {
      pos_ += 3;
      repeat = true;
    }
    if (repeat) {
      for (auto t : f.last) {
        for (auto n : f.first) add_unique(out_.tokens[t].next, n);
      }
      for (size_t t = first_token; t < out_.tokens.size(); ++t) out_.tokens[t].repeated = true;
    }
    if (pos_ < s_.size() && s_[pos_] == '$') {
      ++pos_;
      std::string name;
      while (pos_ < s_.size() && !special(s_[pos_])) name += s_[pos_++];
      if (name.empty()) {
        err_ = where("empty binding name");
        return f;
      }
      int idx = binding_index(name);
      for (size_t t = first_token; t < out_.tokens.size(); ++t) {
        if (out_.tokens[t].binding < 0) out_.tokens[t].binding = idx;
      }
    }
    return f;
  }

  int binding_index(const std::string& name) {
    auto it = std::find(out_.bindings.begin(), out_.bindings.end(), name);
    if (it != out_.bindings.end()) return static_cast<int>(it - out_.bindings.begin());
    out_.bindings.push_back(name);
    return static_cast<int>(out_.bindings.size() - 1);
  }

  Frag group() {
    const char open = s_[pos_++];
    const char close = open == '{' ? '}' : ']';
    Frag all;
    all.nullable = open == '[';
    bool any_nullable = false;
    while (err_.empty()) {
      Frag alt = seq();
      for (auto t : alt.first) add_unique(all.first, t);
      for (auto t : alt.last) add_unique(all.last, t);
      any_nullable = any_nullable || alt.nullable;
      if (pos_ >= s_.size()) {
        err_ = where(std::string("missing '") + close + "'");
        break;
      }
      if (s_[pos_] == '|') {
        ++pos_;
        continue;
      }
      if (s_[pos_] != close) {
        err_ = where(std::string("expected '") + close + "'");
        break;
      }
      ++pos_;
      break;
    }
    all.nullable = all.nullable || any_nullable;
    return all;
  }

  Frag token(const std::string& w) {
    if (w.empty()) {
      err_ = where("empty token");
      return {};
    }
    Token t;
    t.text = w;
    if (w == "WORD") t.kind = TokenKind::Word;
    else if (w == "LINE") t.kind = TokenKind::Line;
    else if (w == "HEX") t.kind = TokenKind::Hex;
    else if (w == "A.B.C.D") t.kind = TokenKind::Ipv4;
    else if (w == "M.M.M.M") t.kind = TokenKind::Mask;
    else if (w == "W.W.W.W") t.kind = TokenKind::Wildcard;
    else if (w == "A.B.C.D/M") t.kind = TokenKind::Ipv4Prefix;
    else if (w == "X:X::X:X") t.kind = TokenKind::Ipv6;
    else if (w == "X:X::X:X/M") t.kind = TokenKind::Ipv6Prefix;
    else if (w == "INTERFACE") t.kind = TokenKind::Interface;
    else if (w.front() == '<' && w.back() == '>') {
      t.kind = TokenKind::Range;
      const auto dash = w.find('-', 2);
      if (dash == std::string::npos ||
          std::from_chars(w.data() + 1, w.data() + dash, t.lo).ec != std::errc() ||
          std::from_chars(w.data() + dash + 1, w.data() + w.size() - 1, t.hi).ec != std::errc() ||
          t.lo > t.hi) {
        err_ = where("bad range " + w);
        return {};
      }
    } else {
      for (char& c : t.text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (out_.tokens.size() >= 60000) {
      err_ = where("too many tokens");
      return {};
    }
    out_.tokens.push_back(std::move(t));
    const auto idx = static_cast<uint16_t>(out_.tokens.size() - 1);
    return Frag{{idx}, {idx}, false};
  }

  // The leading run of mandatory keywords: the schema id, and where a `no` form may stop.
  void leading_keywords() {
    std::vector<uint16_t> cur = out_.start;
    while (cur.size() == 1) {
      Token& t = out_.tokens[cur[0]];
      if (t.kind != TokenKind::Keyword || t.repeated) break;
      if (!out_.leading_keywords.empty()) out_.leading_keywords += ' ';
      out_.leading_keywords += t.text;
      cur = t.next;
      if (t.can_end) break;
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string err_;
  CompiledPattern out_;
};

}  // namespace

Result<CompiledPattern> compile_pattern(std::string_view source) { return Compiler(source).run(); }

size_t append_pattern(CompiledPattern& head, const CompiledPattern& tail) {
  const auto offset = static_cast<uint16_t>(head.tokens.size());
  const int bshift = static_cast<int>(head.bindings.size());
  for (Token t : tail.tokens) {
    for (auto& n : t.next) n = static_cast<uint16_t>(n + offset);
    if (t.binding >= 0) t.binding += bshift;
    head.tokens.push_back(std::move(t));
  }
  for (size_t i = 0; i < offset; ++i) {
    Token& t = head.tokens[i];
    if (!t.can_end) continue;
    for (auto n : tail.start) add_unique(t.next, static_cast<uint16_t>(n + offset));
    t.can_end = tail.empty_ok;
  }
  if (head.empty_ok) {
    for (auto n : tail.start) add_unique(head.start, static_cast<uint16_t>(n + offset));
    head.empty_ok = tail.empty_ok;
  }
  head.bindings.insert(head.bindings.end(), tail.bindings.begin(), tail.bindings.end());
  head.source += " " + tail.source;
  return offset;
}

}  // namespace ravelin::grammar
