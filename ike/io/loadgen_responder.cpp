#include "ike/io/loadgen_responder.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "ike/crypto/random.hpp"
#include "ike/engine/engine.hpp"
#include "ike/io/runtime.hpp"

namespace ravelin::ike::io {

namespace {

class SequentialSpis final : public engine::SpiAllocator {
 public:
  Result<uint32_t> allocate(const platform::IpAddress&, const platform::IpAddress&) override { return next_++; }

 private:
  uint32_t next_ = 0xd0000001u;
};

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto tv = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return tv(ru.ru_utime) + tv(ru.ru_stime);
}

platform::TimePoint steady_now() {
  return std::chrono::time_point_cast<platform::Duration>(std::chrono::steady_clock::now());
}

}  // namespace

Result<RespondSummary> run_responder(const loadgen::RespondOptions& o) {
  boost::asio::io_context io;
  crypto::OpenSslRandom random;
  SequentialSpis spis;
  engine::EngineSettings settings;
  settings.ike_port = o.port;
  settings.natt_port = o.natt_port;
  engine::Engine eng({&random, &spis, nullptr}, settings);
  RespondSummary sum;
  Runtime rt(io, eng, {o.listen, o.port, o.natt_port}, [&sum](const engine::Effects& fx) {
    for (const auto& e : fx.events) sum.failures += e.kind == engine::EventKind::Failure;
  });
  if (auto st = rt.open(); !st) return st.error();
  rt.apply(eng.on_config(steady_now(), std::make_shared<const config::IkeConfig>(loadgen::responder_config(o))));
  if (!o.ready_file.empty()) {
    std::ofstream(o.ready_file) << "ready\n";
  }
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io](boost::system::error_code, int) { io.stop(); });
  boost::asio::steady_timer limit(io);
  if (o.seconds) {
    limit.expires_after(std::chrono::seconds(o.seconds));
    limit.async_wait([&io](boost::system::error_code ec) {
      if (!ec) io.stop();
    });
  }
  io.run();
  rt.close();
  sum.ike_sa_established = eng.counters().ike_sa_established;
  sum.child_sa_established = eng.counters().child_sa_established;
  sum.datagrams_in = eng.counters().datagrams_in;
  sum.datagrams_out = eng.counters().datagrams_out;
  sum.ike_sas_held = eng.ike_sa_count();
  sum.cpu_seconds = cpu_seconds();
  return sum;
}

std::string format_summary(const RespondSummary& s) {
  char cpu[64];
  std::snprintf(cpu, sizeof cpu, "%.3f", s.cpu_seconds);
  return "responder ike sa established: " + std::to_string(s.ike_sa_established) + "\n" +
         "responder child sa established: " + std::to_string(s.child_sa_established) + "\n" +
         "responder failures: " + std::to_string(s.failures) + "\n" +
         "responder datagrams in/out: " + std::to_string(s.datagrams_in) + "/" + std::to_string(s.datagrams_out) + "\n" +
         "responder ike sas held: " + std::to_string(s.ike_sas_held) + "\n" + "responder cpu seconds: " + cpu + "\n";
}

}  // namespace ravelin::ike::io
