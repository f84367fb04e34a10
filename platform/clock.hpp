#pragma once
// Time as a value. Core code never reads a clock: callers pass `now` in (DESIGN.md "sans-IO").
#include <chrono>

namespace ravelin::platform {

// Monotonic time since an arbitrary epoch.
using Duration = std::chrono::nanoseconds;
using TimePoint = std::chrono::time_point<std::chrono::steady_clock, Duration>;

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual TimePoint now() const = 0;
};

class SteadyClock final : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override {
    return std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now());
  }
};

// Wall-clock seconds since the Unix epoch, for "uptime"/"Active Time" style displays only.
class WallClock {
 public:
  virtual ~WallClock() = default;
  [[nodiscard]] virtual std::chrono::system_clock::time_point now() const = 0;
};

}  // namespace ravelin::platform
