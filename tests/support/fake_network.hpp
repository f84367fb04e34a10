#pragma once
// A simulated network between sans-IO engines: every datagram gets a delivery time and can be dropped,
// duplicated or delayed — the N-th one by rule, or any of them at random with a seeded generator.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <vector>

#include "ike/engine/effects.hpp"
#include "platform/clock.hpp"

namespace ravelin::test {

class FakeNetwork {
 public:
  explicit FakeNetwork(platform::Duration latency = std::chrono::milliseconds(10)) : latency_(latency) {}

  // Datagram numbers count from 1 in the order send() sees them (all directions together).
  void drop_nth(uint64_t n) { rules_[n] = Rule{Rule::Drop, {}}; }
  void duplicate_nth(uint64_t n) { rules_[n] = Rule{Rule::Duplicate, {}}; }
  void delay_nth(uint64_t n, platform::Duration extra) { rules_[n] = Rule{Rule::Delay, extra}; }
  // Drops every datagram while the predicate holds (e.g. "everything to 10.0.0.2": a dead peer).
  // Sees every datagram handed to send(), with its number, before any impairment.
  void set_tap(std::function<void(uint64_t, const ike::engine::Datagram&)> tap) { tap_ = std::move(tap); }
  // A NAT in front of `inside`: its datagrams leave from `outside` with port + 10000, and datagrams to
  // `outside` are translated back. (Port 500 -> 10500, 4500 -> 14500.)
  void set_nat(platform::IpAddress inside, platform::IpAddress outside) {
    nat_ = std::make_pair(inside, outside);
  }
  void set_blackhole(std::function<bool(const ike::engine::Datagram&)> pred) { blackhole_ = std::move(pred); }
  // Independent per-datagram probabilities; a reordered datagram is delayed by up to `max_extra`.
  void set_random(double loss, double duplicate, double reorder, uint32_t seed,
                  platform::Duration max_extra = std::chrono::milliseconds(500));

  void send(platform::TimePoint now, ike::engine::Datagram d);
  [[nodiscard]] std::optional<platform::TimePoint> next_delivery() const;
  // Everything due at or before `now`, in delivery order.
  std::vector<ike::engine::Datagram> take_due(platform::TimePoint now);

  [[nodiscard]] uint64_t sent() const { return sent_; }
  [[nodiscard]] uint64_t dropped() const { return dropped_; }
  [[nodiscard]] size_t in_flight() const { return queue_.size(); }

 private:
  struct Rule {
    enum Kind { Drop, Duplicate, Delay } kind;
    platform::Duration extra;
  };
  void enqueue(platform::TimePoint at, ike::engine::Datagram d);

  platform::Duration latency_;
  std::map<uint64_t, Rule> rules_;
  std::function<bool(const ike::engine::Datagram&)> blackhole_;
  std::optional<std::pair<platform::IpAddress, platform::IpAddress>> nat_;
  std::function<void(uint64_t, const ike::engine::Datagram&)> tap_;
  // (delivery time, order) -> datagram; order keeps FIFO among equal times.
  std::map<std::pair<platform::TimePoint, uint64_t>, ike::engine::Datagram> queue_;
  uint64_t sent_ = 0;
  uint64_t order_ = 0;
  uint64_t dropped_ = 0;
  bool random_ = false;
  double loss_ = 0, duplicate_ = 0, reorder_ = 0;
  platform::Duration max_extra_{};
  std::mt19937 rng_;
};

}  // namespace ravelin::test
