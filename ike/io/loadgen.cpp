#include "ike/io/loadgen.hpp"

#include <sys/resource.h>

#include <array>
#include <chrono>
#include <set>
#include <unordered_map>

#include <boost/asio/ip/udp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "ike/crypto/random.hpp"
#include "ike/engine/engine.hpp"
#include "ike/io/loadgen_net.hpp"

namespace ravelin::ike::io {

namespace asio = boost::asio;
using asio::ip::udp;
using engine::EventKind;
using platform::TimePoint;

namespace {

constexpr size_t kMaxFailureSamples = 5;

TimePoint steady_now() {
  return std::chrono::time_point_cast<platform::Duration>(std::chrono::steady_clock::now());
}

double process_cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto tv = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return tv(ru.ru_utime) + tv(ru.ru_stime);
}

// Inbound child SPIs for every engine of the generator: unique across all of them.
class SequentialSpis final : public engine::SpiAllocator {
 public:
  Result<uint32_t> allocate(const platform::IpAddress&, const platform::IpAddress&) override { return next_++; }

 private:
  uint32_t next_ = 0xc0000001u;
};

enum class SlotState : uint8_t { Idle, Negotiating, IkeUp, Done, Refused, Failed, Deleting, Deleted };

struct Slot {
  uint32_t shard = 0;
  uint32_t tunnel = 0;
  SlotState state = SlotState::Idle;
  TimePoint start{};
};

struct Shard {
  std::unique_ptr<engine::Engine> engine;
  std::unordered_map<uint32_t, uint32_t> slot_by_tunnel;
  uint32_t last_id = 0;  // the engine numbers its SAs 1, 2, ... in creation order
  std::optional<TimePoint> deadline;
};

}  // namespace

struct LoadGenerator::Impl {
  Impl(asio::io_context& io_, loadgen::LoadOptions o) : io(io_), opt(std::move(o)), timer(io_), guard(io_) {}

  asio::io_context& io;
  loadgen::LoadOptions opt;
  crypto::OpenSslRandom random;
  SequentialSpis spis;
  std::unique_ptr<DatagramFabric> net;
  std::vector<Shard> shards;
  std::vector<Slot> slots;
  std::unordered_map<uint64_t, uint32_t> shard_by_spi;  // our IKE SPI -> shard
  std::set<std::pair<TimePoint, uint32_t>> deadlines;
  asio::steady_timer timer;
  asio::steady_timer guard;
  loadgen::LoadReport report;
  bool deleting = false;
  bool stopped = false;      // no handler may act once the run is over (they are drained, not run)
  uint32_t next_slot = 0;   // setup: next slot to start; delete: next slot to tear down
  uint32_t in_flight = 0;
  TimePoint phase_start{}, last_done{};
  double cpu_start = 0;

  Status open();
  void start_more();
  void start_slot(uint32_t index);
  void delete_more();
  Shard& shard_for(uint32_t index);
  void absorb(uint32_t shard, engine::Effects fx);
  void on_event(uint32_t shard, const engine::Event& e);
  void finish_slot(Slot& s, SlotState state);
  void note_failure(const std::string& why);
  void on_datagram(const platform::Endpoint& local, const platform::Endpoint& remote, std::span<const uint8_t> bytes);
  void update_deadline(uint32_t shard);
  void arm_timer();
  void on_timer();
  void phase_complete();
  void stop_all();
};

Status LoadGenerator::Impl::open() {
  if (opt.sources.empty()) {
    auto src = DatagramFabric::route_source(opt.peer, opt.port);
    if (!src) return src.error();
    opt.sources.push_back(*src);
  }
  net = std::make_unique<DatagramFabric>(io, opt.sources, opt.port, opt.natt_port,
                                         [this](const platform::Endpoint& l, const platform::Endpoint& r,
                                                std::span<const uint8_t> b) { on_datagram(l, r, b); });
  return net->open();
}

// SA number i runs on the engine of source i % n as its entry i / n, so that the handshakes in flight
// spread over every source. Engines are created on first use, each with room for its share.
Shard& LoadGenerator::Impl::shard_for(uint32_t index) {
  const auto n = static_cast<uint32_t>(opt.sources.size());
  const uint32_t si = index % n;
  if (shards.empty()) shards.resize(n);
  Shard& sh = shards[si];
  if (!sh.engine) {
    const uint32_t per = (opt.count + n - 1) / n;
    engine::EngineSettings settings;
    settings.ike_port = opt.port;
    settings.natt_port = opt.natt_port;
    sh.engine = std::make_unique<engine::Engine>(engine::EngineDeps{&random, &spis, nullptr}, settings);
    auto cfg = std::make_shared<const config::IkeConfig>(loadgen::initiator_config(opt, {opt.sources[si]}, per, si * per));
    absorb(si, sh.engine->on_config(steady_now(), cfg));
  }
  return sh;
}

void LoadGenerator::Impl::start_slot(uint32_t index) {
  Shard& sh = shard_for(index);
  const auto si = static_cast<uint32_t>(index % opt.sources.size());
  const auto entry = static_cast<uint32_t>(index / opt.sources.size());
  Slot& slot = slots[index];
  slot.shard = si;
  slot.state = SlotState::Negotiating;
  slot.start = steady_now();
  ++in_flight;
  const uint32_t expected = sh.last_id + 1;
  sh.slot_by_tunnel[expected] = index;  // before absorb: a synchronous failure event names it
  auto fx = sh.engine->initiate(slot.start, loadgen::bench_entry_id(1 + entry), opt.peer);
  bool created = !fx.datagrams.empty();
  for (const auto& e : fx.events) created |= e.tunnel_id == expected;
  if (created) {
    sh.last_id = expected;
    slot.tunnel = expected;
  } else {
    sh.slot_by_tunnel.erase(expected);
  }
  absorb(si, std::move(fx));
  if (!created && slot.state == SlotState::Negotiating) {
    note_failure("initiate created no IKE SA");
    finish_slot(slot, SlotState::Failed);
  }
}

void LoadGenerator::Impl::start_more() {
  while (!deleting && in_flight < opt.concurrency && next_slot < opt.count) start_slot(next_slot++);
  if (!deleting && in_flight == 0 && next_slot >= opt.count) phase_complete();
}

void LoadGenerator::Impl::delete_more() {
  while (deleting && in_flight < opt.concurrency && next_slot < slots.size()) {
    Slot& s = slots[next_slot++];
    if (s.state != SlotState::Done && s.state != SlotState::Refused) continue;
    s.state = SlotState::Deleting;
    ++in_flight;
    absorb(s.shard, shards[s.shard].engine->delete_ike_sa(steady_now(), s.tunnel));
  }
  if (deleting && in_flight == 0 && next_slot >= slots.size()) phase_complete();
}

void LoadGenerator::Impl::absorb(uint32_t shard, engine::Effects fx) {
  for (const auto& d : fx.datagrams) {
    // The IKE header starts with SPIi; we initiate every SA, so SPIi is ours (RFC 7296 §3.1).
    if (d.bytes.size() >= 8) {
      uint64_t spi = 0;
      for (size_t i = 0; i < 8; ++i) spi = (spi << 8) | d.bytes[i];
      shard_by_spi.emplace(spi, shard);
    }
    net->send(d.local, d.remote, d.bytes);
  }
  for (const auto& e : fx.events) on_event(shard, e);
  update_deadline(shard);
}

void LoadGenerator::Impl::note_failure(const std::string& why) {
  if (report.failure_samples.size() >= kMaxFailureSamples) return;
  for (const auto& f : report.failure_samples) {
    if (f == why) return;
  }
  report.failure_samples.push_back(why);
}

void LoadGenerator::Impl::on_event(uint32_t shard, const engine::Event& e) {
  auto it = shards[shard].slot_by_tunnel.find(e.tunnel_id);
  if (it == shards[shard].slot_by_tunnel.end()) return;
  Slot& s = slots[it->second];
  switch (e.kind) {
    case EventKind::IkeSaUp:
      if (s.state == SlotState::Negotiating) s.state = SlotState::IkeUp;
      if (s.state == SlotState::IkeUp && opt.ike_only) finish_slot(s, SlotState::Done);
      break;
    case EventKind::ChildSaUp:
      if (s.state == SlotState::IkeUp) finish_slot(s, SlotState::Done);
      break;
    case EventKind::Failure:
      if (s.state == SlotState::IkeUp) {
        note_failure(e.text);
        finish_slot(s, SlotState::Refused);
      } else if (s.state == SlotState::Negotiating) {
        note_failure(e.text);
        finish_slot(s, SlotState::Failed);
      }
      break;
    case EventKind::IkeSaDown:
      if (s.state == SlotState::Deleting) {
        finish_slot(s, SlotState::Deleted);
      } else if (s.state == SlotState::Negotiating || s.state == SlotState::IkeUp) {
        note_failure(e.text);
        finish_slot(s, SlotState::Failed);
      }
      break;
    case EventKind::ChildSaDown: break;
  }
}

void LoadGenerator::Impl::finish_slot(Slot& s, SlotState state) {
  const TimePoint now = steady_now();
  last_done = now;
  --in_flight;
  s.state = state;
  switch (state) {
    case SlotState::Done:
      ++report.established;
      report.latencies_ms.push_back(std::chrono::duration<double, std::milli>(now - s.start).count());
      break;
    case SlotState::Refused: ++report.child_refused; break;
    case SlotState::Failed: ++report.failed; break;
    case SlotState::Deleted: ++report.deleted; break;
    default: break;
  }
  // Starting the next one from inside an event is fine: the engine call that produced this event
  // has returned its Effects already (we are iterating a copy of them).
  asio::post(io, [this] {
    if (!stopped) deleting ? delete_more() : start_more();
  });
}

void LoadGenerator::Impl::on_datagram(const platform::Endpoint& local, const platform::Endpoint& remote,
                                      std::span<const uint8_t> bytes) {
  if (bytes.size() < 8) return;
  uint64_t spi = 0;
  for (size_t i = 0; i < 8; ++i) spi = (spi << 8) | bytes[i];
  auto it = shard_by_spi.find(spi);
  if (it == shard_by_spi.end()) return;  // not one of our SAs (counted by the fabric as unrouted)
  absorb(it->second, shards[it->second].engine->on_datagram(steady_now(), local, remote, bytes));
}

void LoadGenerator::Impl::update_deadline(uint32_t shard) {
  Shard& s = shards[shard];
  auto d = s.engine->next_deadline();
  if (d == s.deadline) return;
  if (s.deadline) deadlines.erase({*s.deadline, shard});
  s.deadline = d;
  if (d) deadlines.insert({*d, shard});
  arm_timer();
}

void LoadGenerator::Impl::arm_timer() {
  if (stopped || deadlines.empty()) return;
  const TimePoint first = deadlines.begin()->first;
  timer.expires_at(std::chrono::steady_clock::time_point(
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(first.time_since_epoch())));
  timer.async_wait([this](boost::system::error_code ec) {
    if (!ec && !stopped) on_timer();
  });
}

void LoadGenerator::Impl::on_timer() {
  const TimePoint now = steady_now();
  std::vector<uint32_t> due;
  for (auto it = deadlines.begin(); it != deadlines.end() && it->first <= now; ++it) due.push_back(it->second);
  for (uint32_t si : due) absorb(si, shards[si].engine->on_timer(now));
  arm_timer();
}

void LoadGenerator::Impl::phase_complete() {
  const TimePoint now = steady_now();
  if (!deleting) {
    report.seconds = std::chrono::duration<double>((report.established ? last_done : now) - phase_start).count();
    report.cpu_seconds = process_cpu_seconds() - cpu_start;
    if (opt.del) {
      deleting = true;
      report.deleted_phase = true;
      next_slot = 0;
      phase_start = now;
      asio::post(io, [this] {
        if (!stopped) delete_more();
      });
      return;
    }
  } else {
    report.delete_seconds = std::chrono::duration<double>(now - phase_start).count();
  }
  stop_all();
}

void LoadGenerator::Impl::stop_all() {
  stopped = true;
  timer.cancel();
  guard.cancel();
  net->close();
  io.stop();
}

LoadGenerator::LoadGenerator(asio::io_context& io, loadgen::LoadOptions options)
    : impl_(std::make_unique<Impl>(io, std::move(options))) {}

LoadGenerator::~LoadGenerator() = default;

Result<loadgen::LoadReport> LoadGenerator::run() {
  Impl& m = *impl_;
  if (auto st = m.open(); !st) return st.error();
  m.report.requested = m.opt.count;
  m.slots.resize(m.opt.count);
  bool timed_out = false;
  m.guard.expires_after(std::chrono::seconds(m.opt.timeout_seconds));
  m.guard.async_wait([&](boost::system::error_code ec) {
    if (ec) return;
    timed_out = true;
    m.stop_all();
  });
  m.phase_start = steady_now();
  m.cpu_start = process_cpu_seconds();
  asio::post(m.io, [&m] {
    if (!m.stopped) m.start_more();
  });
  m.io.restart();
  m.io.run();
  // Completions already queued (cancelled waits, posted steps) must run while we are alive: they
  // see `stopped` or an aborted error and return, so the io_context can be reused after us.
  m.io.restart();
  m.io.poll();
  if (timed_out) {
    const TimePoint now = steady_now();
    for (const auto& s : m.slots) {
      if (s.state == SlotState::Idle || s.state == SlotState::Negotiating || s.state == SlotState::IkeUp) {
        ++m.report.unfinished;
      }
      if (s.state == SlotState::Deleting) ++m.report.delete_unfinished;
    }
    if (!m.deleting) {
      m.report.seconds = std::chrono::duration<double>(now - m.phase_start).count();
      m.report.cpu_seconds = process_cpu_seconds() - m.cpu_start;
    } else {
      m.report.delete_seconds = std::chrono::duration<double>(now - m.phase_start).count();
    }
  }
  for (const auto& s : m.shards) {
    if (s.engine) m.report.retransmits += s.engine->counters().retransmits;
  }
  m.report.datagrams_sent = m.net->sent();
  m.report.datagrams_received = m.net->received();
  return std::move(m.report);
}

}  // namespace ravelin::ike::io
