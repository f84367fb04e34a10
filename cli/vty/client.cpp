#include "cli/vty/client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace ravelin::cli::vty {

Result<VtyClient> VtyClient::connect(const std::string& socket_path) {
  auto fd = connect_unix(socket_path);
  if (!fd.ok()) return fd.error();
  return VtyClient(std::move(fd.value()));
}

Status VtyClient::send(FrameType type, const std::string& payload) {
  if (!connected()) return make_error("not connected");
  std::string bytes = encode_frame(type, payload);
  std::size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::send(fd_.get(), bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      lost_ = true;
      return make_error(std::string("vty send: ") + std::strerror(errno));
    }
    off += static_cast<std::size_t>(n);
  }
  return {};
}

// Waits up to timeout_ms (< 0: forever; 0: not at all) for bytes and feeds them to the decoder.
Status VtyClient::read_some(int timeout_ms) {
  pollfd p{fd_.get(), POLLIN, 0};
  int rc;
  do {
    rc = ::poll(&p, 1, timeout_ms);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) return make_error(std::string("vty poll: ") + std::strerror(errno));
  if (rc == 0) return make_error("timeout");
  std::array<char, 8192> buf{};
  ssize_t n;
  do {
    n = ::recv(fd_.get(), buf.data(), buf.size(), 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) {
    lost_ = true;
    return make_error("the vty server closed the connection");
  }
  decoder_.feed(std::string_view(buf.data(), static_cast<std::size_t>(n)));
  return {};
}

// Moves decoded async frames to async_; stops at the first other frame (stored in *response).
Result<bool> VtyClient::collect_async_frames(Frame* response) {
  for (;;) {
    auto next = decoder_.next();
    if (!next.ok()) {
      lost_ = true;
      return next.error();
    }
    if (!next.value()) return false;
    Frame& f = *next.value();
    if (f.type == FrameType::kAsyncOutput) {
      auto line = decode_string_payload(f.payload);
      if (line.ok()) async_.push_back(std::move(line.value()));
      continue;
    }
    if (response == nullptr) {
      lost_ = true;
      return make_error("vty: unexpected frame from the server");
    }
    *response = std::move(f);
    return true;
  }
}

Result<Frame> VtyClient::request(FrameType type, const std::string& payload, int timeout_ms) {
  if (auto st = send(type, payload); !st) return st.error();
  return receive(timeout_ms);
}

Result<Frame> VtyClient::receive(int timeout_ms) {
  Frame response;
  for (;;) {
    auto got = collect_async_frames(&response);
    if (!got.ok()) return got.error();
    if (got.value()) return response;
    if (auto st = read_some(timeout_ms > 0 ? timeout_ms : -1); !st) return st.error();
  }
}

bool VtyClient::poll() {
  // Frames may already be buffered: they arrived behind the last response.
  while (connected() && collect_async_frames(nullptr).ok()) {
    if (!read_some(0)) break;
  }
  return connected();
}

std::vector<std::string> VtyClient::take_async_output() {
  std::vector<std::string> out;
  out.swap(async_);
  return out;
}

RemoteShell::RemoteShell(VtyClient& client, SessionState initial, std::function<void()> on_lost)
    : client_(client), state_(std::move(initial)), on_lost_(std::move(on_lost)) {}

void RemoteShell::lost() const {
  if (lost_reported_) return;
  lost_reported_ = true;
  if (on_lost_) on_lost_();
}

ExecResult RemoteShell::round_trip(FrameType type, const std::string& payload) {
  auto frame = client_.request(type, payload);
  Result<ResultMessage> msg = frame.ok() && frame->type == FrameType::kResult
                                  ? decode_result(frame->payload)
                                  : Result<ResultMessage>(make_error(frame.ok() ? "vty: unexpected response"
                                                                                : frame.error().message));
  if (!msg.ok()) {
    lost();
    ExecResult r;
    r.output = "% Connection to ravelin lost: " + msg.error().message + "\n";
    r.rejected = true;
    r.close_session = true;
    return r;
  }
  state_ = msg->state;
  return msg->result;
}

ExecResult RemoteShell::execute(std::string_view line) {
  return round_trip(FrameType::kExecute, encode_string_payload(line));
}

ExecResult RemoteShell::ctrl_z() { return round_trip(FrameType::kCtrlZ, {}); }

std::string RemoteShell::help(std::string_view line) const {
  auto frame = client_.request(FrameType::kHelp, encode_string_payload(line));
  if (frame.ok() && frame->type == FrameType::kHelpText) {
    if (auto text = decode_string_payload(frame->payload); text.ok()) return text.value();
  }
  lost();
  return {};
}

Completion RemoteShell::complete(std::string_view line) const {
  auto frame = client_.request(FrameType::kComplete, encode_string_payload(line));
  if (frame.ok() && frame->type == FrameType::kCompletion) {
    if (auto c = decode_completion(frame->payload); c.ok()) return c.value();
  }
  lost();
  return Completion{std::string(line), {}};
}

std::vector<std::string> RemoteShell::take_async_output() {
  if (!client_.poll()) lost();
  return client_.take_async_output();
}

}  // namespace ravelin::cli::vty
