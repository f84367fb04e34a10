// Grammar speed goals (issue 3): match one interactive line <= 20 us median; load a generated
// 100,000-line config <= 0.5 s; render it <= 0.2 s. Results and the command: docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <string>

#include "grammar/config/load.hpp"
#include "grammar/config/render.hpp"
#include "tests/unit/grammar/test_commands.hpp"

namespace {

using namespace ravelin::grammar;

// A config with thousands of keyring peers, crypto map entries and ACL entries; `lines` at least.
std::string generate_config(size_t lines) {
  std::string s;
  size_t n = 0;
  auto add = [&](const std::string& l) {
    s += l;
    s += '\n';
    ++n;
  };
  add("hostname BIG");
  add("crypto ikev2 proposal PROP");
  add(" encryption aes-cbc-256 aes-cbc-128");
  add(" integrity sha256 sha1");
  add(" group 14 19");
  add("crypto ikev2 keyring KR");
  for (int i = 0; n < lines / 6; ++i) {
    const std::string ip = "10." + std::to_string(i / 250 % 250) + "." + std::to_string(i % 250) + ".1";
    add(" peer P" + std::to_string(i));
    add("  address " + ip);
    add("  pre-shared-key key-" + std::to_string(i));
  }
  add("crypto ipsec transform-set TS esp-aes esp-sha-hmac");
  add(" mode tunnel");
  for (int i = 0; n < lines / 2; ++i) {
    add("crypto map CMAP " + std::to_string(i % 65000 + 1) + " ipsec-isakmp");
    add(" set peer 198.51." + std::to_string(i / 250 % 250) + "." + std::to_string(i % 250));
    add(" set transform-set TS");
    add(" match address ACL" + std::to_string(i));
  }
  for (int i = 0; n < lines; ++i) {
    add("ip access-list extended ACL" + std::to_string(i));
    for (int j = 0; j < 9 && n < lines; ++j) {
      add(" permit ip 10." + std::to_string(j) + "." + std::to_string(i % 250) + ".0 0.0.0.255 172.16." +
          std::to_string(j) + ".0 0.0.0.255");
    }
  }
  return s;
}

void BM_MatchInteractiveLine(benchmark::State& state) {
  CommandSet set(Dialect::Ios);
  testing::declare_ios(set);
  const MatchEnv env;
  const Mode& cfg = set.config_mode();
  for (auto _ : state) {
    Match m = match_line(set, cfg, "cry ikev2 prof MY-PROFILE", env);
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_MatchInteractiveLine);

void BM_MatchLongSubModeLine(benchmark::State& state) {
  CommandSet set(Dialect::Ios);
  testing::declare_ios(set);
  const MatchEnv env;
  const Mode& prop = *set.find_mode("config-ikev2-proposal");
  for (auto _ : state) {
    Match m = match_line(set, prop, "encr aes-cbc-256 aes-cbc-192 aes-cbc-128 aes-gcm-256", env);
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_MatchLongSubModeLine);

void BM_LoadConfig100k(benchmark::State& state) {
  CommandSet set(Dialect::Ios);
  testing::declare_ios(set);
  const std::string text = generate_config(100000);
  for (auto _ : state) {
    config::ConfigStore store(set);
    config::LoadReport rep = config::load(store, text);
    if (!rep.errors.empty()) state.SkipWithError(rep.errors.front().message.c_str());
    benchmark::DoNotOptimize(rep);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * 100000);
}
BENCHMARK(BM_LoadConfig100k)->Unit(benchmark::kMillisecond);

void BM_RenderConfig100k(benchmark::State& state) {
  CommandSet set(Dialect::Ios);
  testing::declare_ios(set);
  config::ConfigStore store(set);
  (void)config::load(store, generate_config(100000));
  for (auto _ : state) {
    std::string out = config::render(store.running());
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_RenderConfig100k)->Unit(benchmark::kMillisecond);

// One interactive commit on top of the 100k-line running-config (copy-on-write path).
void BM_InteractiveCommitOnBigConfig(benchmark::State& state) {
  testing::Rig rig;
  (void)config::load(rig.store, generate_config(100000));
  int i = 0;
  for (auto _ : state) {
    rig.run("crypto ikev2 proposal PROP");
    LineResult r = rig.run(i++ % 2 ? "integrity sha256" : "integrity sha1");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_InteractiveCommitOnBigConfig)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
