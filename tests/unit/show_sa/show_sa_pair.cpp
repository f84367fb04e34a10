// The pair harness compiled into this executable, plus the helpers of established_pair.hpp.
#include "tests/pair/engine/pair_harness.cpp"  // NOLINT: one TU only; pair_harness.cpp is not in a library
#include "tests/unit/show_sa/established_pair.hpp"

namespace ravelin::test {

bool EstablishedPair::establish(const SiteOptions& o, std::chrono::seconds active, std::string* why) {
  options = o;
  pair.configure(o, o);
  pair.initiate_from_a();
  bool ok = pair.run_until([&] { return pair.both_ready() && pair.a.kernel.sas.size() == 1; },
                           std::chrono::seconds(10));
  if (!ok) {
    *why = pair.a.events_text() + pair.b.events_text();
    return false;
  }
  const auto snaps = pair.a.engine->snapshot();
  if (snaps.empty()) return false;
  pair.clock.advance_to(snaps.front().established + active);
  return true;
}

ike::config::IkeConfigPtr EstablishedPair::config_a() const {
  return std::make_shared<const ike::config::IkeConfig>(site_config(pair.a.address, pair.b.address, 1, 2, options));
}

ike::config::IkeConfigPtr EstablishedPair::config_b() const {
  return std::make_shared<const ike::config::IkeConfig>(site_config(pair.b.address, pair.a.address, 2, 1, options));
}

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [key, value] : values) {
    const std::string token = "{" + key + "}";
    for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
      text.replace(at, token.size(), value);
  }
  return text;
}

}  // namespace ravelin::test
