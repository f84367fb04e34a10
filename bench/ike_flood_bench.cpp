// Floods against one responder engine (issue 11, DoS): spoofed IKE_SA_INIT requests from 65,000
// addresses with no defence, with `cookie-challenge`, with `limit max-in-negotiation-sa`, and with
// both; random and IKE-looking garbage; valid INFORMATIONAL requests on an established SA. While the
// init and garbage floods run, 100 legitimate initiators (one engine, its own address) handshake
// through them, one datagram of theirs delivered after each flood packet. All in one thread on an
// in-memory wire (no sockets): the counters are the responder's CPU per flood packet (thread CPU
// time around on_datagram only), the flood rate one core absorbs, what the flood left in the
// responder (half-open SAs, heap), and how many legitimate handshakes completed and at what cost.
// Results and the exact command: docs/BENCHMARKS.md ("Floods").
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <time.h>

#include <deque>
#include <functional>
#include <random>

#include "ike/crypto/random.hpp"
#include "ike/engine/engine.hpp"
#include "ike/loadgen/options.hpp"
#include "tests/fuzz/responder_driver.cpp"  // NOLINT(bugprone-suspicious-include): the scripted initiator, compiled once here

namespace {

using namespace ravelin;
using ike::engine::Datagram;
using ike::engine::Effects;
using ike::engine::Engine;

constexpr uint32_t kFloodPackets = 20'000;
constexpr uint32_t kLegitimate = 100;

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

size_t heap_in_use() { return mallinfo2().uordblks + mallinfo2().hblkhd; }

struct Defence {
  std::optional<uint32_t> cookie_challenge;
  std::optional<uint32_t> max_in_negotiation;
};

Defence defence_of(int64_t mode) {
  switch (mode) {
    case 1: return {10, std::nullopt};
    case 2: return {std::nullopt, 1000};
    case 3: return {10, 1000};
    default: return {};
  }
}

// The responder (loadgen's responder config, X25519) and one legitimate initiator engine of
// kLegitimate crypto-map entries, both on an in-memory wire; `now` advances 10 µs per flood packet
// (an offered flood of 100,000 packets/s), so nothing times out during a run.
struct Arena {
  platform::IpAddress responder_ip = *platform::IpAddress::parse("10.255.255.254");
  platform::IpAddress legit_ip = *platform::IpAddress::parse("10.1.0.1");
  ike::crypto::OpenSslRandom random;
  fuzz::DriverSpis spis;  // one allocator for both engines: inbound SPIs never collide
  Engine responder{{&random, &spis, nullptr}};
  Engine initiator{{&random, &spis, nullptr}};
  std::deque<Datagram> legit_wire;  // datagrams between the legitimate initiator and the responder
  platform::TimePoint now{};
  double flood_cpu = 0, legit_cpu = 0;
  uint64_t answered = 0;  // responses the flood drew (to spoofed addresses)

  explicit Arena(const Defence& d) {
    auto ro = ike::loadgen::parse_respond_args({"--listen", "10.255.255.254", "--psk", "flood-psk"});
    auto lo = ike::loadgen::parse_load_args({"--peer", "10.255.255.254", "--psk", "flood-psk"});
    auto rc = ike::loadgen::responder_config(*ro);
    rc.cookie_challenge = d.cookie_challenge;
    rc.max_in_negotiation_sa = d.max_in_negotiation;
    (void)responder.on_config(now, std::make_shared<const ike::config::IkeConfig>(std::move(rc)));
    auto ic = ike::loadgen::initiator_config(*lo, {legit_ip}, kLegitimate, 0);
    (void)initiator.on_config(now, std::make_shared<const ike::config::IkeConfig>(std::move(ic)));
  }
  void start_legitimate(uint32_t j) {
    for (auto& d : initiator.initiate(now, ike::loadgen::bench_entry_id(1 + j), responder_ip).datagrams)
      legit_wire.push_back(std::move(d));
  }
  // One flood datagram into the responder; its answers (to a spoofed source) are only counted.
  void flood(const Datagram& d) {
    const double t0 = thread_cpu_seconds();
    auto fx = responder.on_datagram(now, d.remote, d.local, d.bytes);
    flood_cpu += thread_cpu_seconds() - t0;
    answered += fx.datagrams.size();
  }
  // One legitimate datagram delivered, whichever way it goes.
  void step_legitimate() {
    if (legit_wire.empty()) return;
    Datagram d = std::move(legit_wire.front());
    legit_wire.pop_front();
    Effects fx;
    if (d.remote.address == responder_ip) {
      const double t0 = thread_cpu_seconds();
      fx = responder.on_datagram(now, d.remote, d.local, d.bytes);
      legit_cpu += thread_cpu_seconds() - t0;
    } else {
      fx = initiator.on_datagram(now, d.remote, d.local, d.bytes);
    }
    for (auto& out : fx.datagrams) legit_wire.push_back(std::move(out));
  }
};

// The first IKE_SA_INIT request of a loadgen initiator: the flood's template.
std::vector<uint8_t> init_template() {
  Arena probe(Defence{});
  probe.start_legitimate(0);
  return probe.legit_wire.empty() ? std::vector<uint8_t>{} : probe.legit_wire.front().bytes;
}

// Runs kFloodPackets from `next` with the legitimate handshakes interleaved, then reports. With a
// half-open limit and no cookies the flood fills the limit and legitimate initiators are refused
// with it until the half-open SAs expire: that is the figure, not an error (`legit_must_complete`).
void run_flood(benchmark::State& state, Arena& a, const std::function<Datagram(uint32_t)>& next,
               bool legit_must_complete = true) {
  const size_t heap0 = heap_in_use();
  for (uint32_t i = 0; i < kFloodPackets; ++i) {
    if (i % (kFloodPackets / kLegitimate) == 0) a.start_legitimate(i / (kFloodPackets / kLegitimate));
    a.now += std::chrono::microseconds(10);
    a.flood(next(i));
    a.step_legitimate();
  }
  for (int i = 0; i < 100'000 && !a.legit_wire.empty(); ++i) a.step_legitimate();
  const auto& c = a.responder.counters();
  const double legit_done = static_cast<double>(c.child_sa_established);
  state.counters["flood_us_per_pkt"] = a.flood_cpu * 1e6 / kFloodPackets;
  state.counters["flood_pkts_per_core_s"] = a.flood_cpu > 0 ? kFloodPackets / a.flood_cpu : 0;
  state.counters["answered"] = static_cast<double>(a.answered);
  state.counters["cookies_sent"] = static_cast<double>(c.cookies_sent);
  state.counters["refused"] = static_cast<double>(c.half_open_refused);
  state.counters["half_open_held"] = static_cast<double>(a.responder.ike_sa_count()) - legit_done;
  state.counters["heap_kB_held"] = (static_cast<double>(heap_in_use()) - static_cast<double>(heap0)) / 1024;
  state.counters["legit_done"] = legit_done;
  state.counters["legit_resp_us_per_hs"] = legit_done > 0 ? a.legit_cpu * 1e6 / legit_done : 0;
  if (legit_must_complete && legit_done < kLegitimate) state.SkipWithError("a legitimate handshake did not complete during the flood");
}

// Arg: 0 no defence, 1 cookie-challenge 10, 2 max-in-negotiation-sa 1000, 3 both.
void BM_InitFlood(benchmark::State& state) {
  const auto templ = init_template();
  if (templ.size() < 28) return state.SkipWithError("no IKE_SA_INIT template");
  for (auto _ : state) {
    const Defence defence = defence_of(state.range(0));
    Arena a(defence);
    run_flood(state, a, [&](uint32_t n) {
      // A new SPIi per request, from 10.9.x.y (65,000 sources) with a varying port.
      Datagram d{{platform::IpAddress::v4((10u << 24) | (9u << 16) | (n % 65000 + 1)), static_cast<uint16_t>(1024 + n % 60000)},
                 {a.responder_ip, 500},
                 templ};
      for (int i = 0; i < 4; ++i) d.bytes[i] = static_cast<uint8_t>(n >> (8 * i));
      d.bytes[7] = 0x5f;
      return d;
    }, defence.cookie_challenge || !defence.max_in_negotiation);
  }
}
BENCHMARK(BM_InitFlood)->DenseRange(0, 3)->Iterations(1)->Unit(benchmark::kMillisecond);

// Random datagrams of 0..1500 bytes; every second one has an IKEv2 header (version 2.0, a valid
// exchange type, the right length) with random SPIs, so it passes the first checks.
void BM_GarbageFlood(benchmark::State& state) {
  for (auto _ : state) {
    Arena a(Defence{});
    std::mt19937 rng(11);
    run_flood(state, a, [&](uint32_t n) {
      std::vector<uint8_t> b(rng() % 1500);
      for (auto& x : b) x = static_cast<uint8_t>(rng());
      if (b.size() >= 28 && n % 2 == 0) {
        b[17] = 0x20;
        b[18] = static_cast<uint8_t>(34 + rng() % 4);
        const auto l = static_cast<uint32_t>(b.size());
        b[24] = uint8_t(l >> 24), b[25] = uint8_t(l >> 16), b[26] = uint8_t(l >> 8), b[27] = uint8_t(l);
      }
      return Datagram{{platform::IpAddress::v4((10u << 24) | (9u << 16) | (n % 65000 + 1)), 500},
                      {a.responder_ip, 500}, std::move(b)};
    });
  }
}
BENCHMARK(BM_GarbageFlood)->Iterations(1)->Unit(benchmark::kMillisecond);

// Valid INFORMATIONAL requests (empty, the liveness check) on one established SA, Message IDs in
// order. The requests are sealed by one scripted initiator; a second one with the same seed builds
// the identical SA, and only its responder's on_datagram is timed.
void BM_InformationalFlood(benchmark::State& state) {
  constexpr uint32_t kRequests = 5000;
  for (auto _ : state) {
    fuzz::ResponderDriver sealer, target;
    if (!sealer.init() || sealer.auth().install.empty() || !target.init() || target.auth().install.empty())
      return state.SkipWithError("no established SA");
    std::vector<Datagram> requests;  // the driver keeps only its last 4096
    for (uint32_t id = 2; id < 2 + kRequests; ++id) {
      ike::wire::Message m;
      m.header.exchange = ike::wire::ExchangeType::Informational;
      m.header.message_id = id;
      (void)sealer.message(m);
      requests.push_back(sealer.sent().back());
    }
    double cpu = 0;
    uint64_t answered = 0;
    for (const auto& d : requests) {
      const double t0 = thread_cpu_seconds();
      auto fx = target.engine().on_datagram(target.clock().now(), d.remote, d.local, d.bytes);
      cpu += thread_cpu_seconds() - t0;
      answered += fx.datagrams.size();
    }
    state.counters["resp_us_per_req"] = cpu * 1e6 / kRequests;
    state.counters["reqs_per_core_s"] = cpu > 0 ? kRequests / cpu : 0;
    state.counters["answered"] = static_cast<double>(answered);
    state.counters["ike_sas"] = static_cast<double>(target.engine().ike_sa_count());
    if (answered != kRequests) state.SkipWithError("not every INFORMATIONAL request was answered");
  }
}
BENCHMARK(BM_InformationalFlood)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
