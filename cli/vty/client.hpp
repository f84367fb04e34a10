#pragma once
// The client side of the vty protocol: a blocking connection (VtyClient) and a cli::Shell that
// forwards every call over it (RemoteShell), so the same Console drives a local or a remote session.
#include <functional>
#include <string>
#include <vector>

#include "cli/shell.hpp"
#include "cli/vty/protocol.hpp"
#include "cli/vty/socket_path.hpp"
#include "platform/result.hpp"

namespace ravelin::cli::vty {

class VtyClient {
 public:
  [[nodiscard]] static Result<VtyClient> connect(const std::string& socket_path);

  // Sends one request and waits for its response; kAsyncOutput frames that arrive first are kept
  // for take_async_output(). `timeout_ms` bounds the wait (0 = wait as long as the server works).
  [[nodiscard]] Result<Frame> request(FrameType type, const std::string& payload, int timeout_ms = 0);
  // Sends a frame without waiting (kClose has no response; else follow with receive()).
  [[nodiscard]] Status send(FrameType type, const std::string& payload);
  // Waits for the next frame that is not kAsyncOutput (those are kept, as in request()).
  [[nodiscard]] Result<Frame> receive(int timeout_ms = 0);
  // Reads whatever the server pushed without blocking; false once the server has gone.
  bool poll();
  std::vector<std::string> take_async_output();
  [[nodiscard]] bool connected() const { return fd_.valid() && !lost_; }

 private:
  explicit VtyClient(UniqueFd fd) : fd_(std::move(fd)) {}
  Status read_some(int timeout_ms);
  Result<bool> collect_async_frames(Frame* response);

  UniqueFd fd_;
  FrameDecoder decoder_;
  std::vector<std::string> async_;
  bool lost_ = false;
};

// A Shell whose every call is a round trip to the vty server. prompt() and terminal_length() are
// cached from the last response. When the connection breaks, execute() reports it as a closed
// session and `on_lost` runs (once).
class RemoteShell final : public Shell {
 public:
  RemoteShell(VtyClient& client, SessionState initial, std::function<void()> on_lost = {});

  [[nodiscard]] std::string prompt() const override { return state_.prompt; }
  ExecResult execute(std::string_view line) override;
  [[nodiscard]] std::string help(std::string_view line) const override;
  [[nodiscard]] Completion complete(std::string_view line) const override;
  [[nodiscard]] int terminal_length() const override { return state_.terminal_length; }
  ExecResult ctrl_z() override;
  std::vector<std::string> take_async_output() override;

 private:
  ExecResult round_trip(FrameType type, const std::string& payload);
  void lost() const;

  VtyClient& client_;
  SessionState state_;
  std::function<void()> on_lost_;
  mutable bool lost_reported_ = false;
};

}  // namespace ravelin::cli::vty
