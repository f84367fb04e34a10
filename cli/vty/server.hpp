#pragma once
// The vty server: other consoles (`ravelin connect`) on the running process, over a Unix socket.
// Every accepted connection gets its own Shell from the factory (a fresh session, starting in user
// EXEC like an IOS vty line); all of them run on the process's single io_context, so a change made
// through one session is visible to the others at once. Protocol: cli/vty/protocol.hpp, docs/VTY.md.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "cli/shell.hpp"
#include "platform/result.hpp"

namespace ravelin::cli::vty {

inline constexpr const char* kDefaultSocketPath = "/run/ravelin/ravelin.sock";

using ShellFactory = std::function<std::unique_ptr<Shell>()>;

struct VtyServerOptions {
  std::string socket_path = kDefaultSocketPath;
  int async_poll_ms = 100;  // how often each session's take_async_output() is polled and pushed
};

class VtyServer {
 public:
  // Creates the socket's parent directory when missing, removes a stale socket file (one nobody
  // listens on; a live socket or a non-socket file is an error), binds, sets mode 0660, listens.
  [[nodiscard]] static Result<std::unique_ptr<VtyServer>> listen(boost::asio::io_context& io,
                                                                 VtyServerOptions options,
                                                                 ShellFactory factory);
  ~VtyServer();  // closes every session and the listener, removes the socket file
  VtyServer(const VtyServer&) = delete;
  VtyServer& operator=(const VtyServer&) = delete;

  [[nodiscard]] const std::string& socket_path() const;
  [[nodiscard]] std::size_t session_count() const;

  class Impl;

 private:
  explicit VtyServer(std::shared_ptr<Impl> impl);
  std::shared_ptr<Impl> impl_;  // shared so that pending handlers can hold weak references
};

}  // namespace ravelin::cli::vty
