#pragma once
// Typed values bound by a command pattern (`WORD$name`, `<120-86400>$seconds`, `A.B.C.D$peer`) and the
// Args bag a matched line produces. Values keep their canonical text, which is what the running-config
// prints, so render -> parse -> render is the identity.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/net/ip_address.hpp"

namespace ravelin::grammar {

class Value {
 public:
  enum class Kind : uint8_t { Text, Number, Address, Prefix, List };

  Value() = default;                                    // empty text
  Value(int v) : Value(static_cast<int64_t>(v)) {}      // NOLINT: `{.dflt = 86400}`
  Value(int64_t v);                                     // NOLINT
  Value(const char* v) : Value(std::string(v)) {}       // NOLINT: `{.dflt = "tunnel"}`
  Value(std::string v);                                 // NOLINT
  Value(platform::IpAddress v);                         // NOLINT
  Value(platform::Prefix v);                            // NOLINT
  static Value list(std::vector<Value> items);
  // A number with its own spelling (e.g. HEX "0x1F" keeps "0x1F" as text, 31 as number).
  static Value number_with_text(int64_t v, std::string text);
  // A prefix typed with host bits (`ipv6 address 2001:db8::1/64`): address() keeps them, text too.
  static Value interface_prefix(platform::IpAddress address, uint8_t length);

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool is_number() const { return kind_ == Kind::Number; }
  [[nodiscard]] bool is_list() const { return kind_ == Kind::List; }
  // Canonical text: keyword, name, decimal number, address; a list joins its items with one space.
  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] int64_t number() const { return number_; }  // 0 unless a number
  [[nodiscard]] std::optional<platform::IpAddress> address() const;  // Address, or Prefix's address as typed
  [[nodiscard]] std::optional<platform::Prefix> prefix() const;      // Prefix, or Address as host
  [[nodiscard]] const std::vector<Value>& items() const { return items_; }  // List only

  friend bool operator==(const Value& a, const Value& b) { return a.kind_ == b.kind_ && a.text_ == b.text_; }

 private:
  Kind kind_ = Kind::Text;
  std::string text_;
  int64_t number_ = 0;
  platform::IpAddress address_;  // Address; Prefix: the address as typed (host bits kept)
  platform::Prefix prefix_;      // Prefix (host bits cleared); Address: its host prefix
  std::vector<Value> items_;
};

// Natural order used for sorted lists: numbers numerically, addresses by value, text by string with
// embedded numbers compared numerically ("Tunnel2" < "Tunnel10").
[[nodiscard]] int compare_values(const Value& a, const Value& b);

// The bindings of one matched line (or of one tree node), in pattern order. Small: linear search.
class Args {
 public:
  void set(std::string name, Value v);
  void append(std::string name, Value v);  // repeated token `...$name`: builds a List
  void erase(std::string_view name);

  [[nodiscard]] bool has(std::string_view name) const { return find(name) != nullptr; }
  [[nodiscard]] const Value* find(std::string_view name) const;
  // `[detailed]$detail` binds the keyword when present: flag() is has().
  [[nodiscard]] bool flag(std::string_view name) const { return has(name); }
  [[nodiscard]] std::string text(std::string_view name, std::string_view dflt = {}) const;
  [[nodiscard]] int64_t number(std::string_view name, int64_t dflt = 0) const;
  [[nodiscard]] std::optional<platform::IpAddress> address(std::string_view name) const;
  [[nodiscard]] std::optional<platform::Prefix> prefix(std::string_view name) const;
  // Items of a repeated binding in typed order (a single value gives one item; absent gives none).
  [[nodiscard]] std::vector<Value> list(std::string_view name) const;
  // `A.B.C.D$net M.M.M.M$mask` as one prefix (mask absent: host; not contiguous: nullopt).
  [[nodiscard]] std::optional<platform::Prefix> prefix_with_mask(std::string_view addr,
                                                                 std::string_view mask) const;
  // `A.B.C.D$net W.W.W.W$wild` (IOS ACL wildcard) as one prefix (wildcard absent: host).
  [[nodiscard]] std::optional<platform::Prefix> prefix_with_wildcard(std::string_view addr,
                                                                     std::string_view wildcard) const;

  [[nodiscard]] const std::vector<std::pair<std::string, Value>>& entries() const { return v_; }
  [[nodiscard]] bool empty() const { return v_.empty(); }
  [[nodiscard]] size_t size() const { return v_.size(); }
  friend bool operator==(const Args&, const Args&) = default;

 private:
  std::vector<std::pair<std::string, Value>> v_;
};

}  // namespace ravelin::grammar
