// Config speed on the REAL IOS command set (builtins + every crypto family), not a test set:
//  - issue 3: load a generated 100,000-line config <= 0.5 s, render it <= 0.2 s;
//  - issue 10: 10,000 crypto-map entries and keyring peers load <= 0.5 s, and one `crypto map`
//    edit at that size is applied end to end (commit + typed IkeConfig rebuild + change set) <= 5 ms.
// Results and the exact command: docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <string>

#include "cli/builtins.hpp"
#include "grammar/config/load.hpp"
#include "grammar/config/render.hpp"
#include "grammar/config/store.hpp"
#include "grammar/interpreter.hpp"
#include "ike/commands/commands.hpp"
#include "ike/config_build/build.hpp"
#include "ike/config_build/incremental.hpp"

namespace {

using namespace ravelin;

std::unique_ptr<grammar::CommandSet> ios_set() {
  auto set = std::make_unique<grammar::CommandSet>(grammar::Dialect::Ios);
  cli::register_builtins(*set, cli::BuiltinOptions{"BIG"});
  ike::commands::declare_ios(*set);
  return set;
}

std::string octets(int i) { return std::to_string(i / 250 % 250) + "." + std::to_string(i % 250); }

// `peers` keyring peers and crypto-map entries, then ACLs until `lines` lines. `applied`: the map is
// bound to an interface and every entry has an ACL of its own, so every entry becomes a CryptoMapEntry
// (otherwise the entries are incomplete and the IkeConfig build only warns about them).
std::string generate_config(int peers, size_t lines, bool applied = false) {
  std::string s;
  size_t n = 0;
  auto add = [&](const std::string& l) { s += l; s += '\n'; ++n; };
  add("hostname BIG");
  add("crypto ikev2 proposal PROP");
  add(" encryption aes-cbc-256 aes-cbc-128");
  add(" integrity sha256 sha1");
  add(" group 14 19");
  add("crypto ikev2 policy POL");
  add(" proposal PROP");
  add("crypto ikev2 keyring KR");
  for (int i = 0; i < peers; ++i) {
    add(" peer P" + std::to_string(i));
    add("  address 10." + octets(i) + ".1");
    add("  pre-shared-key key-" + std::to_string(i));
  }
  add("crypto ikev2 profile PROF");
  add(" match identity remote address 0.0.0.0");
  add(" authentication local pre-share");
  add(" authentication remote pre-share");
  add(" keyring local KR");
  add("crypto ipsec transform-set TS esp-aes esp-sha-hmac");
  add(" mode tunnel");
  for (int i = 0; i < peers; ++i) {
    add("crypto map CMAP " + std::to_string(i + 1) + " ipsec-isakmp");
    add(" set peer 10." + octets(i) + ".1");
    add(" set transform-set TS");
    add(" set ikev2-profile PROF");
    add(" match address ACL" + std::to_string(i));
  }
  if (applied) {
    add("interface GigabitEthernet0/0");
    add(" ip address 198.51.100.1 255.255.255.0");
    add(" crypto map CMAP");
    for (int i = 0; i < peers; ++i) {
      add("ip access-list extended ACL" + std::to_string(i));
      add(" permit ip 192.168." + std::to_string(i % 250) + ".0 0.0.0.255 172." + std::to_string(16 + i / 250 % 16) +
          "." + std::to_string(i % 250) + ".0 0.0.0.255");
    }
  }
  for (int i = 0; n < lines; ++i) {
    add("ip access-list extended ACL" + std::to_string(i));
    for (int j = 0; j < 4 && n < lines; ++j) {
      add(" permit ip 192.168." + std::to_string(i % 250) + ".0 0.0.0.255 172." + std::to_string(16 + j) + "." +
          std::to_string(i % 250) + ".0 0.0.0.255");
    }
  }
  return s;
}

void load_or_fail(benchmark::State& state, grammar::config::ConfigStore& store, const std::string& text) {
  auto rep = grammar::config::load(store, text);
  if (!rep.errors.empty()) state.SkipWithError(rep.errors.front().message.c_str());
}

void BM_IosLoad100kLines(benchmark::State& state) {
  auto set = ios_set();
  const std::string text = generate_config(5000, 100000);
  for (auto _ : state) {
    grammar::config::ConfigStore store(*set);
    load_or_fail(state, store, text);
  }
}
BENCHMARK(BM_IosLoad100kLines)->Unit(benchmark::kMillisecond);

void BM_IosRender100kLines(benchmark::State& state) {
  auto set = ios_set();
  grammar::config::ConfigStore store(*set);
  load_or_fail(state, store, generate_config(5000, 100000));
  for (auto _ : state) benchmark::DoNotOptimize(grammar::config::render(store.running()));
}
BENCHMARK(BM_IosRender100kLines)->Unit(benchmark::kMillisecond);

// 10,000 peers and crypto-map entries: load, then build the typed IkeConfig. Arg 1: the map is
// applied and every entry has its ACL (10,000 CryptoMapEntry values).
void BM_Ios10kMapEntriesLoadAndBuild(benchmark::State& state) {
  auto set = ios_set();
  const std::string text = generate_config(10000, 0, state.range(0) != 0);
  for (auto _ : state) {
    grammar::config::ConfigStore store(*set);
    load_or_fail(state, store, text);
    auto built = ike::config_build::build(store.running().root(), grammar::Dialect::Ios);
    benchmark::DoNotOptimize(built);
  }
}
BENCHMARK(BM_Ios10kMapEntriesLoadAndBuild)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// One interactive `crypto map` edit at that size: the lines committed as typed, then the new
// IkeConfig and its change set against the previous one — `Update` does it with an IncrementalBuilder
// (what the process runs per commit), `Full` rebuilds from the whole tree and diffs (the old way).
template <bool Incremental>
void one_crypto_map_edit(benchmark::State& state) {
  auto set = ios_set();
  grammar::config::ConfigStore store(*set);
  load_or_fail(state, store, generate_config(10000, 0, state.range(0) != 0));
  grammar::Services services;
  grammar::Interpreter in(*set, &store, services, nullptr);
  grammar::SessionState st;
  st.facts.privilege = 15;
  st.enter_config(*set);
  ike::config_build::IncrementalBuilder builder(grammar::Dialect::Ios);
  auto previous = builder.update(store.running()).built.config;
  int i = 0;
  for (auto _ : state) {
    (void)in.execute(st, "crypto map CMAP 5000 ipsec-isakmp", "R(config)#");
    // Adds a second peer, then removes it: every iteration is one real change.
    auto r = in.execute(st, (i++ % 2 ? "no set peer 10.99.0.7" : "set peer 10.99.0.7"), "R(config-crypto-map)#");
    if (r.rejected) state.SkipWithError(r.output.c_str());
    (void)in.execute(st, "exit", "R(config-crypto-map)#");
    if constexpr (Incremental) {
      auto u = builder.update(store.running());
      if (u.changes.size() != (state.range(0) != 0 ? 1u : 0u)) state.SkipWithError("unexpected change set");
      benchmark::DoNotOptimize(u);
    } else {
      auto built = ike::config_build::build(store.running().root(), grammar::Dialect::Ios);
      auto changes = ike::config_build::diff(*previous, *built.config);
      benchmark::DoNotOptimize(changes);
      previous = built.config;
    }
  }
}

void BM_Ios10kOneCryptoMapEditUpdate(benchmark::State& state) { one_crypto_map_edit<true>(state); }
void BM_Ios10kOneCryptoMapEditFull(benchmark::State& state) { one_crypto_map_edit<false>(state); }
BENCHMARK(BM_Ios10kOneCryptoMapEditUpdate)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ios10kOneCryptoMapEditFull)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
