// libFuzzer target: the plain IKEv2 decoder (ike/wire/codec). Besides "never crash, never read out of
// bounds" (ASan/UBSan), it checks that whatever decode accepts re-encodes to bytes that decode again
// and re-encode identically (the codec is a fixed point after one round), and that the presence
// check runs on anything decode accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "ike/wire/codec.hpp"
#include "ike/wire/presence.hpp"

using namespace ravelin::ike::wire;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> in(data, size);
  Counters counters;
  auto decoded = decode(in, counters);
  if (!decoded.ok()) {
    if (counters.total_rejected() != 1 || decoded.rejection().reason.empty()) std::abort();
    return 0;
  }
  (void)check_presence(decoded.value(), counters);
  const Bytes once = encode(decoded.value());
  auto again = decode(once, counters);
  if (!again.ok()) std::abort();
  if (encode(again.value()) != once) std::abort();
  // The same bytes as an SK plaintext chain (what unprotect() hands to the decoder).
  if (size > 1) (void)decode_payload_chain(Header{}, static_cast<PayloadType>(data[0]), in.subspan(1), true, counters);
  return 0;
}
