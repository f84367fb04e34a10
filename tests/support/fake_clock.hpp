#pragma once
// A clock that only moves when a test moves it (DESIGN.md "Seams for tests").
#include <chrono>

#include "platform/clock.hpp"

namespace ravelin::test {

class FakeClock final : public platform::Clock {
 public:
  explicit FakeClock(platform::TimePoint start = platform::TimePoint(std::chrono::hours(1)))
      : now_(start) {}
  [[nodiscard]] platform::TimePoint now() const override { return now_; }
  void advance(platform::Duration d) { now_ += d; }
  // Never goes backwards.
  void advance_to(platform::TimePoint t) {
    if (t > now_) now_ = t;
  }

 private:
  platform::TimePoint now_;
};

}  // namespace ravelin::test
