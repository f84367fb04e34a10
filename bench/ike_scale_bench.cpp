// Scale (issue 10): one responder engine holding N IKE SAs with one child SA each, established over an
// in-memory network (no sockets, dataplane off) by initiator engines of 1,000 SAs each, every batch
// from its own address. After each batch the initiator engine is destroyed, so what stays allocated
// is the responder's. Reports heap bytes per IKE SA (mallinfo2 delta), RSS bytes per IKE SA (after
// malloc_trim), the setup rate with both sides in this one thread (wall, and CPU per handshake), the
// responder's share of that CPU, and the CPU to snapshot + render `show crypto ikev2 sa` over all of them.
// Results and the exact command: docs/BENCHMARKS.md ("Scale").
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <time.h>

#include <chrono>
#include <deque>
#include <fstream>

#include "ike/commands/show_sa.hpp"
#include "ike/crypto/random.hpp"
#include "ike/engine/engine.hpp"
#include "ike/loadgen/options.hpp"

namespace {

using namespace ravelin;
using ike::engine::Effects;
using ike::engine::Engine;

constexpr uint32_t kBatch = 1000;

class Spis final : public ike::engine::SpiAllocator {
 public:
  explicit Spis(uint32_t first) : next_(first) {}
  Result<uint32_t> allocate(const platform::IpAddress&, const platform::IpAddress&) override { return next_++; }

 private:
  uint32_t next_;
};

// CPU time of this thread: the machine is shared, so wall time inside a call is not its cost.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

size_t heap_in_use() { return mallinfo2().uordblks + mallinfo2().hblkhd; }

size_t rss_bytes() {
  malloc_trim(0);
  std::ifstream f("/proc/self/statm");
  size_t pages = 0, resident = 0;
  f >> pages >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

struct World {
  platform::IpAddress responder_ip = *platform::IpAddress::parse("10.255.255.254");
  ike::crypto::OpenSslRandom random;
  Spis responder_spis{0x10000000u};
  Spis initiator_spis{0x90000000u};
  Engine responder{{&random, &responder_spis, nullptr}};
  std::deque<ike::engine::Datagram> wire;
  platform::TimePoint now{};
  double responder_seconds = 0;

  void send(Effects fx) {
    for (auto& d : fx.datagrams) wire.push_back(std::move(d));
  }
  // Delivers until the wire is empty; every datagram goes to the responder or to `initiator`.
  void settle(Engine& initiator) {
    for (size_t i = 0; i < 100'000'000 && !wire.empty(); ++i) {
      auto d = std::move(wire.front());
      wire.pop_front();
      now += std::chrono::microseconds(10);
      if (d.remote.address == responder_ip) {
        const double t0 = thread_cpu_seconds();
        auto fx = responder.on_datagram(now, d.remote, d.local, d.bytes);
        responder_seconds += thread_cpu_seconds() - t0;
        send(std::move(fx));
      } else {
        send(initiator.on_datagram(now, d.remote, d.local, d.bytes));
      }
    }
  }
};

platform::IpAddress batch_address(uint32_t b) {
  return platform::IpAddress::v4((10u << 24) | ((b / 250) << 16) | ((b % 250 + 1) << 8) | 1u);
}

// Establishes `n` SAs (rounded up to whole batches); returns how many the responder holds.
size_t establish(World& w, uint32_t n, const ike::loadgen::LoadOptions& lo) {
  for (uint32_t b = 0; b * kBatch < n; ++b) {
    Engine initiator({&w.random, &w.initiator_spis, nullptr});
    auto cfg = ike::loadgen::initiator_config(lo, {batch_address(b)}, kBatch, b * kBatch);
    w.send(initiator.on_config(w.now, std::make_shared<const ike::config::IkeConfig>(std::move(cfg))));
    for (uint32_t j = 0; j < kBatch; ++j) {
      w.send(initiator.initiate(w.now, ike::loadgen::bench_entry_id(1 + j), w.responder_ip));
      if (w.wire.size() > 256) w.settle(initiator);
    }
    w.settle(initiator);
  }
  return w.responder.ike_sa_count();
}

void BM_HoldIkeSas(benchmark::State& state) {
  const auto n = static_cast<uint32_t>(state.range(0));
  auto ro = ike::loadgen::parse_respond_args({"--listen", "10.255.255.254", "--psk", "scale-psk"});
  auto lo = ike::loadgen::parse_load_args({"--peer", "10.255.255.254", "--psk", "scale-psk"});
  if (!ro || !lo) {
    state.SkipWithError("options");
    return;
  }
  for (auto _ : state) {
    auto w = std::make_unique<World>();
    w->send(w->responder.on_config(w->now, std::make_shared<const ike::config::IkeConfig>(ike::loadgen::responder_config(*ro))));
    const size_t heap0 = heap_in_use();
    const size_t rss0 = rss_bytes();
    auto t0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_seconds();
    const size_t held = establish(*w, n, *lo);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = thread_cpu_seconds() - c0;
    const size_t heap1 = heap_in_use();
    const size_t rss1 = rss_bytes();
    const double s0 = thread_cpu_seconds();
    auto snaps = w->responder.snapshot();
    auto text = ike::commands::format_ios_ikev2_sa(snaps, false, w->now);
    const double show = thread_cpu_seconds() - s0;
    benchmark::DoNotOptimize(text);
    const auto children = w->responder.counters().child_sa_established;
    state.counters["ike_sas"] = static_cast<double>(held);
    state.counters["child_sas"] = static_cast<double>(children);
    state.counters["heap_B_per_sa"] = held ? static_cast<double>(heap1 - heap0) / static_cast<double>(held) : 0;
    state.counters["rss_B_per_sa"] = held ? (static_cast<double>(rss1) - static_cast<double>(rss0)) / static_cast<double>(held) : 0;
    state.counters["setups_per_s_wall"] = static_cast<double>(held) / secs;
    state.counters["both_sides_cpu_us_per_hs"] = held ? cpu * 1e6 / static_cast<double>(held) : 0;
    state.counters["responder_us_per_hs"] = held ? w->responder_seconds * 1e6 / static_cast<double>(held) : 0;
    state.counters["show_sa_cpu_s"] = show;
    if (held != n || children != n) state.SkipWithError("not every SA (with its child) was established");
  }
}
BENCHMARK(BM_HoldIkeSas)->Arg(10'000)->Arg(100'000)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
