// RFC 7383 fragmentation and reassembly.
#include "ike/wire/fragment.hpp"

#include <algorithm>
#include <string>

#include "ike/wire/byte_io.hpp"

namespace ravelin::ike::wire {
namespace {

constexpr size_t kSkfHeader = kGenericPayloadHeaderSize + 4;  // generic header + Fragment Number + Total

Rejection reject(Counters& c, Reject code, std::string reason) {
  c.count(code);
  return Rejection{code, std::move(reason), std::nullopt, {}};
}

}  // namespace

Result<std::vector<Bytes>> encode_fragments(const Message& message, const SkKeys& keys, crypto::Random& random,
                                            size_t max_datagram) {
  if (keys.cipher == nullptr || keys.encr == nullptr || keys.integ == nullptr) return make_error("SK keys not set");
  PayloadType first = PayloadType::None;
  const Bytes inner = encode_payloads(message.payloads, &first);
  const auto& c = *keys.cipher;
  const size_t overhead = kHeaderSize + kSkfHeader + c.iv_size() + c.icv_size() + c.block_size();
  if (max_datagram <= overhead) return make_error("no room for data in a " + std::to_string(max_datagram) + "-byte fragment");
  const size_t room = max_datagram - overhead;
  const size_t count = std::max<size_t>(1, (inner.size() + room - 1) / room);
  if (count > kMaxFragments) return make_error(std::to_string(count) + " fragments needed, at most 64");
  std::vector<Bytes> out;
  for (size_t i = 0; i < count; ++i) {
    const size_t at = i * room;
    const auto chunk = std::span(inner).subspan(std::min(at, inner.size()), std::min(room, inner.size() - std::min(at, inner.size())));
    const size_t sealed = c.sealed_size(chunk.size());
    Bytes d;
    encode_header(message.header, PayloadType::Skf, static_cast<uint32_t>(kHeaderSize + kSkfHeader + sealed), d);
    // §2.5: only fragment 1 names the first inner payload.
    detail::put8(d, static_cast<uint8_t>(i == 0 ? first : PayloadType::None));
    detail::put8(d, 0);
    detail::put16(d, static_cast<uint16_t>(kSkfHeader + sealed));
    detail::put16(d, static_cast<uint16_t>(i + 1));
    detail::put16(d, static_cast<uint16_t>(count));
    auto body = c.seal(d, chunk, random.bytes(c.iv_size()), *keys.encr, *keys.integ);
    if (!body) return body.error();
    detail::put(d, *body);
    out.push_back(std::move(d));
  }
  return out;
}

void FragmentReassembler::reset() {
  message_id_.reset();
  total_ = 0;
  parts_.clear();
  bytes_ = 0;
  first_ = Message{};
  first_inner_ = PayloadType::None;
}

size_t FragmentReassembler::fragments_held() const {
  return static_cast<size_t>(std::count_if(parts_.begin(), parts_.end(), [](const auto& p) { return p.has_value(); }));
}

std::optional<Decoded> FragmentReassembler::add(const Message& outer, std::span<const uint8_t> datagram,
                                                const SkKeys& keys, Counters& c) {
  const auto* f = outer.payloads.empty() ? nullptr : std::get_if<SkfPayload>(&outer.payloads.back().body);
  if (f == nullptr) return Decoded(reject(c, Reject::BadPayloadSyntax, "no SKF payload"));
  if (f->total_fragments > kMaxFragments) {
    return Decoded(reject(c, Reject::TooManyPayloads, std::to_string(f->total_fragments) + " fragments announced"));
  }
  // §2.6.2: unencrypted payloads may only ride in the first fragment.
  if (f->fragment_number != 1 && outer.payloads.size() != 1) {
    return Decoded(reject(c, Reject::BadPayloadSyntax, "outer payloads in a fragment other than the first"));
  }
  if (message_id_ && *message_id_ != outer.header.message_id) reset();  // a new message replaces the old one
  // §2.6.2: a larger Total Fragments means the sender re-fragmented; start again. A smaller one is stale.
  if (total_ != 0 && f->total_fragments < total_) {
    return Decoded(reject(c, Reject::BadPayloadSyntax, "stale fragment with fewer total fragments"));
  }
  if (keys.cipher == nullptr || keys.encr == nullptr || keys.integ == nullptr) {
    return Decoded(reject(c, Reject::DecryptFailed, "no keys for the SKF payload"));
  }
  // Authenticate this fragment before it changes any state (IKE header .. SKF header is the AAD).
  const auto aad = datagram.first(datagram.size() - std::min(datagram.size(), f->protected_body.size()));
  auto plain = keys.cipher->open(aad, f->protected_body, *keys.encr, *keys.integ);
  if (!plain) {
    const bool integrity = plain.error().message.rfind("integrity", 0) == 0;
    return Decoded(reject(c, integrity ? Reject::IntegrityFailed : Reject::DecryptFailed, plain.error().message));
  }
  if (total_ != f->total_fragments) {
    reset();
    total_ = f->total_fragments;
    parts_.resize(total_);
  }
  message_id_ = outer.header.message_id;
  auto& slot = parts_[f->fragment_number - 1];  // decode() guarantees 1 <= number <= total
  if (slot.has_value()) return std::nullopt;   // retransmitted duplicate
  if (bytes_ + plain->size() > limits_.max_message) {
    reset();
    return Decoded(reject(c, Reject::TooLarge, "reassembled message over " + std::to_string(limits_.max_message)));
  }
  bytes_ += plain->size();
  if (f->fragment_number == 1) {
    first_ = outer;
    first_.payloads.pop_back();
    first_inner_ = f->first_inner;
  }
  slot = std::move(*plain);
  if (fragments_held() < total_) return std::nullopt;
  return complete(c);
}

std::optional<Decoded> FragmentReassembler::complete(Counters& c) {
  crypto::SecretBytes all;
  for (const auto& p : parts_) all.append(p->view());
  const Message head = first_;
  const PayloadType first = first_inner_;
  reset();
  auto inner = decode_payload_chain(head.header, first, all.view(), true, c, limits_);
  if (!inner.ok()) return inner;
  Message m = head;
  for (auto& p : inner.value().payloads) m.payloads.push_back(std::move(p));
  if (m.payloads.size() > limits_.max_payloads) {
    return Decoded(reject(c, Reject::TooManyPayloads, "more than " + std::to_string(limits_.max_payloads) + " payloads"));
  }
  ++c.unprotected;
  return Decoded(std::move(m));
}

}  // namespace ravelin::ike::wire
