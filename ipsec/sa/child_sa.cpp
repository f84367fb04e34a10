#include "ipsec/sa/child_sa.hpp"

#include <cstring>

namespace ravelin::ipsec::sa {

KeyBytes& KeyBytes::operator=(const KeyBytes& other) {
  if (this != &other) {
    wipe();
    bytes_ = other.bytes_;
  }
  return *this;
}

KeyBytes::KeyBytes(KeyBytes&& other) noexcept : bytes_(std::move(other.bytes_)) { other.bytes_.clear(); }

KeyBytes& KeyBytes::operator=(KeyBytes&& other) noexcept {
  if (this != &other) {
    wipe();
    bytes_ = std::move(other.bytes_);
    other.bytes_.clear();
  }
  return *this;
}

KeyBytes::~KeyBytes() { wipe(); }

void KeyBytes::wipe() {
  // explicit_bzero is not optimised away (glibc >= 2.25).
  if (!bytes_.empty()) explicit_bzero(bytes_.data(), bytes_.size());
  bytes_.clear();
}

}  // namespace ravelin::ipsec::sa
