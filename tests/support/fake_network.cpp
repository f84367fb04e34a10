#include "tests/support/fake_network.hpp"

namespace ravelin::test {

void FakeNetwork::set_random(double loss, double duplicate, double reorder, uint32_t seed,
                             platform::Duration max_extra) {
  random_ = true;
  loss_ = loss;
  duplicate_ = duplicate;
  reorder_ = reorder;
  max_extra_ = max_extra;
  rng_.seed(seed);
}

void FakeNetwork::enqueue(platform::TimePoint at, ike::engine::Datagram d) {
  queue_.emplace(std::make_pair(at, order_++), std::move(d));
}

void FakeNetwork::send(platform::TimePoint now, ike::engine::Datagram d) {
  const uint64_t n = ++sent_;
  if (tap_) tap_(n, d);
  if (blackhole_ && blackhole_(d)) {
    ++dropped_;
    return;
  }
  if (nat_) {
    if (d.local.address == nat_->first) d.local = {nat_->second, static_cast<uint16_t>(d.local.port + 10000)};
    if (d.remote.address == nat_->second) d.remote = {nat_->first, static_cast<uint16_t>(d.remote.port - 10000)};
  }
  platform::TimePoint at = now + latency_;
  if (auto it = rules_.find(n); it != rules_.end()) {
    switch (it->second.kind) {
      case Rule::Drop: ++dropped_; return;
      case Rule::Duplicate: enqueue(at, d); break;
      case Rule::Delay: at += it->second.extra; break;
    }
  }
  if (random_) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    if (u(rng_) < loss_) {
      ++dropped_;
      return;
    }
    if (u(rng_) < duplicate_) enqueue(at + latency_, d);
    if (u(rng_) < reorder_) {
      at += std::chrono::duration_cast<platform::Duration>(max_extra_ * u(rng_));
    }
  }
  enqueue(at, std::move(d));
}

std::optional<platform::TimePoint> FakeNetwork::next_delivery() const {
  if (queue_.empty()) return std::nullopt;
  return queue_.begin()->first.first;
}

std::vector<ike::engine::Datagram> FakeNetwork::take_due(platform::TimePoint now) {
  std::vector<ike::engine::Datagram> out;
  while (!queue_.empty() && queue_.begin()->first.first <= now) {
    out.push_back(std::move(queue_.begin()->second));
    queue_.erase(queue_.begin());
  }
  return out;
}

}  // namespace ravelin::test
