#include "cli/vty/protocol.hpp"

#include <algorithm>

namespace ravelin::cli::vty {
namespace {

void put_u8(std::string& out, std::uint8_t v) { out.push_back(static_cast<char>(v)); }

void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((v >> shift) & 0xffu));
  }
}

void put_str(std::string& out, std::string_view s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}

std::uint32_t read_u32_at(std::string_view bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    v = (v << 8) | static_cast<std::uint8_t>(bytes[at + i]);
  }
  return v;
}

// Reads fields front to back; any shortfall sets failed().
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  std::uint8_t u8() {
    if (!need(1)) return 0;
    return static_cast<std::uint8_t>(bytes_[pos_++]);
  }
  std::uint32_t u32() {
    if (!need(4)) return 0;
    std::uint32_t v = read_u32_at(bytes_, pos_);
    pos_ += 4;
    return v;
  }
  std::string str() {
    std::uint32_t n = u32();
    if (!need(n)) return {};
    std::string s(bytes_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  [[nodiscard]] Status finish(const char* what) const {
    if (failed_) return make_error(std::string("vty: truncated ") + what);
    if (pos_ != bytes_.size()) return make_error(std::string("vty: trailing bytes in ") + what);
    return {};
  }
  [[nodiscard]] bool failed() const { return failed_; }

 private:
  bool need(std::size_t n) {
    if (failed_ || bytes_.size() - pos_ < n) {
      failed_ = true;
      return false;
    }
    return true;
  }
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace

bool is_known_frame_type(std::uint8_t type) {
  return (type >= 1 && type <= 6) || (type >= 64 && type <= 68);
}

std::string encode_frame(FrameType type, std::string_view payload) {
  std::string out;
  out.reserve(kFrameHeaderSize + payload.size());
  put_u8(out, static_cast<std::uint8_t>(type));
  put_u32(out, static_cast<std::uint32_t>(payload.size()));
  out.append(payload);
  return out;
}

void FrameDecoder::feed(std::string_view bytes) {
  if (pos_ > 0 && pos_ == buffer_.size()) {
    buffer_.clear();
    pos_ = 0;
  }
  buffer_.append(bytes);
}

Result<std::optional<Frame>> FrameDecoder::next() {
  std::string_view rest = std::string_view(buffer_).substr(pos_);
  if (rest.size() < kFrameHeaderSize) return std::optional<Frame>{};
  auto type = static_cast<std::uint8_t>(rest[0]);
  if (!is_known_frame_type(type)) return make_error("vty: unknown frame type " + std::to_string(type));
  std::uint32_t length = read_u32_at(rest, 1);
  if (length > kMaxPayload) return make_error("vty: frame too large (" + std::to_string(length) + " bytes)");
  if (rest.size() < kFrameHeaderSize + length) return std::optional<Frame>{};
  Frame frame{static_cast<FrameType>(type), std::string(rest.substr(kFrameHeaderSize, length))};
  pos_ += kFrameHeaderSize + length;
  // Compact once the consumed prefix dominates, so a long-lived stream does not grow forever.
  if (pos_ > 65536 && pos_ * 2 > buffer_.size()) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  return std::optional<Frame>{std::move(frame)};
}

std::string encode_string_payload(std::string_view s) {
  std::string out;
  put_str(out, s);
  return out;
}

Result<std::string> decode_string_payload(std::string_view payload) {
  Reader r(payload);
  std::string s = r.str();
  if (auto st = r.finish("string"); !st) return st.error();
  return s;
}

std::string encode_result(const ExecResult& result, const SessionState& state) {
  std::uint8_t flags = 0;
  if (result.rejected) flags |= kFlagRejected;
  if (result.close_session) flags |= kFlagCloseSession;
  if (result.wants_password) flags |= kFlagWantsPassword;
  std::string out;
  put_u8(out, flags);
  put_str(out, state.prompt);
  put_u32(out, static_cast<std::uint32_t>(std::max(state.terminal_length, 0)));
  put_str(out, result.output);
  return out;
}

Result<ResultMessage> decode_result(std::string_view payload) {
  Reader r(payload);
  ResultMessage m;
  std::uint8_t flags = r.u8();
  m.state.prompt = r.str();
  m.state.terminal_length = static_cast<int>(std::min<std::uint32_t>(r.u32(), 1u << 20));
  m.result.output = r.str();
  if (auto st = r.finish("result"); !st) return st.error();
  m.result.rejected = (flags & kFlagRejected) != 0;
  m.result.close_session = (flags & kFlagCloseSession) != 0;
  m.result.wants_password = (flags & kFlagWantsPassword) != 0;
  return m;
}

std::string encode_completion(const Completion& completion) {
  std::string out;
  put_str(out, completion.line);
  put_u32(out, static_cast<std::uint32_t>(completion.choices.size()));
  for (const auto& c : completion.choices) put_str(out, c);
  return out;
}

Result<Completion> decode_completion(std::string_view payload) {
  Reader r(payload);
  Completion c;
  c.line = r.str();
  std::uint32_t n = r.u32();
  // Each choice needs at least its 4-byte length: refuse counts the payload cannot hold.
  if (n > payload.size() / 4) return make_error("vty: completion count too large");
  for (std::uint32_t i = 0; i < n && !r.failed(); ++i) c.choices.push_back(r.str());
  if (auto st = r.finish("completion"); !st) return st.error();
  return c;
}

std::string encode_state(const SessionState& state) {
  std::string out;
  put_str(out, state.prompt);
  put_u32(out, static_cast<std::uint32_t>(std::max(state.terminal_length, 0)));
  return out;
}

Result<SessionState> decode_state(std::string_view payload) {
  Reader r(payload);
  SessionState s;
  s.prompt = r.str();
  s.terminal_length = static_cast<int>(std::min<std::uint32_t>(r.u32(), 1u << 20));
  if (auto st = r.finish("state"); !st) return st.error();
  return s;
}

}  // namespace ravelin::cli::vty
