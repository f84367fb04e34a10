// IKEv2 crypto speed: key exchange per group (key pair + shared secret, one side), and the whole
// per-handshake crypto of a PSK + X25519 + AES-GCM-256 IKE_SA_INIT/IKE_AUTH exchange (issue 10's
// crypto bound). Results and the exact command: docs/BENCHMARKS.md ("IKE codec and crypto").
#include <benchmark/benchmark.h>

#include "ike/crypto/key_exchange.hpp"
#include "tests/unit/ike_tshark/handshake.hpp"

namespace {

using namespace ravelin::ike;

// One side's DH work per handshake: generate a key pair, compute g^ir from the peer's value.
void BM_KeyExchange(benchmark::State& state) {
  const auto group = static_cast<crypto::KeGroup>(state.range(0));
  crypto::OpenSslRandom rnd;
  auto peer = crypto::make_key_exchange(group, rnd);
  if (!peer) {
    state.SkipWithError("group unsupported");
    return;
  }
  for (auto _ : state) {
    auto mine = crypto::make_key_exchange(group, rnd);
    auto shared = (*mine)->compute_shared((*peer)->public_value());
    benchmark::DoNotOptimize(shared);
  }
  state.SetLabel(std::string(crypto::group_name(group)));
}
BENCHMARK(BM_KeyExchange)->Arg(2)->Arg(5)->Arg(14)->Arg(15)->Arg(16)->Arg(19)->Arg(20)->Arg(21)->Arg(31)->Arg(32)
    ->Unit(benchmark::kMicrosecond);

// Both roles of a complete PSK exchange: 2 key pairs + 2 shared secrets, 2x SKEYSEED + SK_* derivation,
// 4 AUTH computations/verifications, 2 SK seals + 2 SK opens, the four encodes/decodes and the child
// KEYMAT. Per side it is about half of this figure.
void BM_PskHandshakeBothSides(benchmark::State& state) {
  test::Suite s;
  s.encr = wire::EncrId::AesGcm16;
  s.integ = wire::IntegId::None;
  s.group = static_cast<wire::KeGroup>(state.range(0));
  uint64_t seed = 1;
  for (auto _ : state) {
    auto h = test::run_psk_handshake(s, seed++, "bench-psk");
    if (!h) state.SkipWithError("handshake failed");
    benchmark::DoNotOptimize(h);
  }
  state.SetLabel("PSK + " + std::string(crypto::group_name(s.group)) + " + AES-GCM-256");
}
BENCHMARK(BM_PskHandshakeBothSides)->Arg(31)->Arg(19)->Arg(14)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
