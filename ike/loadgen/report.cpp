#include "ike/loadgen/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ravelin::ike::loadgen {

namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

double LoadReport::handshakes_per_second() const { return seconds > 0 ? established / seconds : 0.0; }

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  q = std::clamp(q, 0.0, 1.0);
  // Nearest rank: the smallest value with at least q of the set at or below it.
  auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(values.size())));
  return values[rank == 0 ? 0 : rank - 1];
}

std::string format_report(const LoadReport& r) {
  std::string s;
  auto line = [&s](const std::string& k, const std::string& v) { s += k + ": " + v + "\n"; };
  line("requested", std::to_string(r.requested));
  line("established", std::to_string(r.established));
  line("child refused", std::to_string(r.child_refused));
  line("failed", std::to_string(r.failed));
  line("unfinished", std::to_string(r.unfinished));
  line("seconds", fixed(r.seconds, 3));
  line("handshakes/s", fixed(r.handshakes_per_second(), 1));
  line("latency p50 ms", fixed(quantile(r.latencies_ms, 0.50), 2));
  line("latency p99 ms", fixed(quantile(r.latencies_ms, 0.99), 2));
  line("latency max ms", fixed(r.latencies_ms.empty() ? 0.0 : *std::max_element(r.latencies_ms.begin(), r.latencies_ms.end()), 2));
  line("initiator cpu ms/handshake",
       fixed(r.established ? r.cpu_seconds * 1000.0 / r.established : 0.0, 3));
  line("datagrams sent", std::to_string(r.datagrams_sent));
  line("datagrams received", std::to_string(r.datagrams_received));
  line("retransmits", std::to_string(r.retransmits));
  if (r.deleted_phase) {
    line("deleted", std::to_string(r.deleted));
    line("delete unfinished", std::to_string(r.delete_unfinished));
    line("deletes/s", fixed(r.delete_seconds > 0 ? r.deleted / r.delete_seconds : 0.0, 1));
  }
  for (const auto& f : r.failure_samples) line("failure", f);
  return s;
}

}  // namespace ravelin::ike::loadgen
