// libFuzzer target: a stateful IKEv2 responder. Each input is a script (tests/fuzz/responder_driver.hpp)
// played against a fresh responder Engine on a fake clock: raw and SPI-patched datagrams, bodies sealed
// with the IKE SA's real SK_ei/SK_ai (so the decrypted-body handlers run in every exchange and state),
// genuine IKE_AUTH, replays, spoofed peers and time passing. Besides ASan/UBSan it checks two invariants:
// every SK-protected message the responder sends us decrypts with SK_er/SK_ar, and after four simulated
// days of timers no IKE SA is left (nothing a peer sends keeps state alive).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "tests/fuzz/responder_driver.cpp"  // NOLINT(bugprone-suspicious-include): single-file fuzz target

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 65536) return 0;
  ravelin::fuzz::ResponderDriver driver;
  if (!driver.run_script(std::span(data, size))) {
    std::fprintf(stderr, "ike_responder_fuzz: invariant broken: %zu undecryptable, %zu IKE SAs left\n",
                 driver.undecryptable(), driver.engine().ike_sa_count());
    std::abort();
  }
  return 0;
}
