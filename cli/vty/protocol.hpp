#pragma once
// The vty wire protocol between `ravelin connect` and the vty server (docs/VTY.md).
// Every frame: 1 byte type, 4 bytes big-endian payload length, payload. Payload fields are
// u8, u32 (big-endian) and str (u32 length + bytes). The client sends one request at a time and
// gets exactly one response; kAsyncOutput frames may arrive at any time, before the response.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/shell.hpp"
#include "platform/result.hpp"

namespace ravelin::cli::vty {

enum class FrameType : std::uint8_t {
  // client -> server
  kExecute = 1,   // str line
  kHelp = 2,      // str line
  kComplete = 3,  // str line
  kCtrlZ = 4,     // (empty)
  kPrompt = 5,    // (empty): asks for kState
  kClose = 6,     // (empty): the client is leaving; the server closes the session
  // server -> client
  kResult = 64,      // u8 flags, str prompt, u32 terminal_length, str output  (execute, ctrl-z)
  kHelpText = 65,    // str text
  kCompletion = 66,  // str line, u32 n, n x str choice
  kState = 67,       // str prompt, u32 terminal_length
  kAsyncOutput = 68, // str line (unsolicited: `terminal monitor` output)
};

inline constexpr std::size_t kFrameHeaderSize = 5;
inline constexpr std::uint32_t kMaxPayload = 64u * 1024u * 1024u;

struct Frame {
  FrameType type{};
  std::string payload;
};

// Flags in kResult.
inline constexpr std::uint8_t kFlagRejected = 1;
inline constexpr std::uint8_t kFlagCloseSession = 2;
inline constexpr std::uint8_t kFlagWantsPassword = 4;

struct SessionState {
  std::string prompt;
  int terminal_length = 0;
};

struct ResultMessage {
  ExecResult result;
  SessionState state;
};

[[nodiscard]] bool is_known_frame_type(std::uint8_t type);
[[nodiscard]] std::string encode_frame(FrameType type, std::string_view payload);

// Incremental decoder for a byte stream: feed() what arrived, then next() until it is empty.
class FrameDecoder {
 public:
  void feed(std::string_view bytes);
  // A complete frame, nothing (need more bytes), or an error (unknown type, payload too large);
  // after an error the stream is unusable.
  [[nodiscard]] Result<std::optional<Frame>> next();
  [[nodiscard]] std::size_t buffered() const { return buffer_.size() - pos_; }

 private:
  std::string buffer_;
  std::size_t pos_ = 0;
};

// Payload encoders / decoders. Decoders refuse truncated or trailing bytes.
[[nodiscard]] std::string encode_string_payload(std::string_view s);
[[nodiscard]] Result<std::string> decode_string_payload(std::string_view payload);
[[nodiscard]] std::string encode_result(const ExecResult& result, const SessionState& state);
[[nodiscard]] Result<ResultMessage> decode_result(std::string_view payload);
[[nodiscard]] std::string encode_completion(const Completion& completion);
[[nodiscard]] Result<Completion> decode_completion(std::string_view payload);
[[nodiscard]] std::string encode_state(const SessionState& state);
[[nodiscard]] Result<SessionState> decode_state(std::string_view payload);

}  // namespace ravelin::cli::vty
