#include "grammar/value.hpp"

#include <cctype>

namespace ravelin::grammar {

Value::Value(int64_t v) : kind_(Kind::Number), text_(std::to_string(v)), number_(v) {}
Value::Value(std::string v) : kind_(Kind::Text), text_(std::move(v)) {}
Value::Value(platform::IpAddress v)
    : kind_(Kind::Address), text_(v.to_string()), address_(v), prefix_(platform::Prefix::host(v)) {}
Value::Value(platform::Prefix v) : kind_(Kind::Prefix), text_(v.to_string()), address_(v.address()), prefix_(v) {}

Value Value::interface_prefix(platform::IpAddress address, uint8_t length) {
  Value v(platform::Prefix(address, length));
  v.address_ = address;
  v.text_ = address.to_string() + "/" + std::to_string(length);
  return v;
}

Value Value::list(std::vector<Value> items) {
  Value v;
  v.kind_ = Kind::List;
  for (const auto& i : items) {
    if (!v.text_.empty()) v.text_ += ' ';
    v.text_ += i.text();
  }
  v.items_ = std::move(items);
  return v;
}

Value Value::number_with_text(int64_t n, std::string text) {
  Value v(n);
  v.text_ = std::move(text);
  return v;
}

std::optional<platform::IpAddress> Value::address() const {
  if (kind_ == Kind::Address || kind_ == Kind::Prefix) return address_;
  return std::nullopt;
}

std::optional<platform::Prefix> Value::prefix() const {
  if (kind_ == Kind::Address || kind_ == Kind::Prefix) return prefix_;
  return std::nullopt;
}

namespace {

// Text order with digit runs compared as numbers.
int natural_compare(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      const std::string na = a.substr(i, ie - i), nb = b.substr(j, je - j);
      const size_t za = na.find_first_not_of('0'), zb = nb.find_first_not_of('0');
      const std::string ta = za == std::string::npos ? "" : na.substr(za);
      const std::string tb = zb == std::string::npos ? "" : nb.substr(zb);
      if (ta.size() != tb.size()) return ta.size() < tb.size() ? -1 : 1;
      if (ta != tb) return ta < tb ? -1 : 1;
      i = ie;
      j = je;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
    ++i;
    ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

}  // namespace

int compare_values(const Value& a, const Value& b) {
  if (a.kind() == Value::Kind::Number && b.kind() == Value::Kind::Number) {
    return a.number() < b.number() ? -1 : a.number() > b.number() ? 1 : 0;
  }
  if (a.prefix() && b.prefix()) {
    auto c = *a.prefix() <=> *b.prefix();
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return natural_compare(a.text(), b.text());
}

void Args::set(std::string name, Value v) {
  for (auto& [n, val] : v_) {
    if (n == name) {
      val = std::move(v);
      return;
    }
  }
  v_.emplace_back(std::move(name), std::move(v));
}

void Args::append(std::string name, Value v) {
  for (auto& [n, val] : v_) {
    if (n == name) {
      std::vector<Value> items = val.is_list() ? val.items() : std::vector<Value>{val};
      items.push_back(std::move(v));
      val = Value::list(std::move(items));
      return;
    }
  }
  v_.emplace_back(std::move(name), Value::list({std::move(v)}));
}

void Args::erase(std::string_view name) {
  for (auto it = v_.begin(); it != v_.end(); ++it) {
    if (it->first == name) {
      v_.erase(it);
      return;
    }
  }
}

const Value* Args::find(std::string_view name) const {
  for (const auto& [n, v] : v_) {
    if (n == name) return &v;
  }
  return nullptr;
}

std::string Args::text(std::string_view name, std::string_view dflt) const {
  const Value* v = find(name);
  return v ? v->text() : std::string(dflt);
}

int64_t Args::number(std::string_view name, int64_t dflt) const {
  const Value* v = find(name);
  return v && v->is_number() ? v->number() : dflt;
}

std::optional<platform::IpAddress> Args::address(std::string_view name) const {
  const Value* v = find(name);
  return v ? v->address() : std::nullopt;
}

std::optional<platform::Prefix> Args::prefix(std::string_view name) const {
  const Value* v = find(name);
  return v ? v->prefix() : std::nullopt;
}

std::vector<Value> Args::list(std::string_view name) const {
  const Value* v = find(name);
  if (!v) return {};
  if (v->is_list()) return v->items();
  return {*v};
}

std::optional<platform::Prefix> Args::prefix_with_mask(std::string_view addr, std::string_view mask) const {
  auto a = address(addr);
  if (!a) return std::nullopt;
  const Value* m = find(mask);
  if (!m) return platform::Prefix::host(*a);
  auto mv = m->address();
  if (!mv) return std::nullopt;
  return platform::Prefix::from_mask(*a, *mv);
}

std::optional<platform::Prefix> Args::prefix_with_wildcard(std::string_view addr,
                                                           std::string_view wildcard) const {
  auto a = address(addr);
  if (!a) return std::nullopt;
  const Value* m = find(wildcard);
  if (!m) return platform::Prefix::host(*a);
  auto mv = m->address();
  if (!mv) return std::nullopt;
  return platform::Prefix::from_wildcard(*a, *mv);
}

}  // namespace ravelin::grammar
