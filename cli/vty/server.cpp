#include "cli/vty/server.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include "cli/vty/protocol.hpp"
#include "cli/vty/socket_path.hpp"

namespace ravelin::cli::vty {
namespace {

using Socket = boost::asio::local::stream_protocol::socket;

// Async lines waiting for a client that does not read are dropped beyond this many frames.
constexpr std::size_t kMaxQueuedFrames = 4096;

// One vty line: a socket and the Shell it drives.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(Socket socket, std::unique_ptr<Shell> shell, std::function<void(Connection*)> on_gone)
      : socket_(std::move(socket)), shell_(std::move(shell)), on_gone_(std::move(on_gone)) {}

  void start() { read_more(); }

  // Pushes pending `terminal monitor` lines to the client.
  void push_async_output() {
    if (!shell_ || closing_) return;
    for (auto& line : shell_->take_async_output()) {
      // A client that stops reading must not grow our memory without bound: like a full logging
      // buffer on a router, the oldest debug lines are lost rather than the box.
      if (queue_.size() >= kMaxQueuedFrames) continue;
      send(FrameType::kAsyncOutput, encode_string_payload(line));
    }
  }

  // Drops the session now (server shutting down): the Shell goes before the loop does.
  void abort() {
    closing_ = true;
    boost::system::error_code ignored;
    socket_.close(ignored);
    shell_.reset();
  }

 private:
  void read_more() {
    socket_.async_read_some(boost::asio::buffer(buf_),
                            [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
                              self->on_read(ec, n);
                            });
  }

  void on_read(boost::system::error_code ec, std::size_t n) {
    if (ec || !shell_) {
      finish();
      return;
    }
    decoder_.feed(std::string_view(buf_.data(), n));
    while (!closing_) {
      auto next = decoder_.next();
      if (!next.ok()) {  // a garbled stream cannot be resynchronised: drop the line
        finish();
        return;
      }
      if (!next.value()) break;
      handle(*next.value());
    }
    if (closing_) {
      close_when_flushed();
      return;
    }
    read_more();
  }

  SessionState state() const { return SessionState{shell_->prompt(), shell_->terminal_length()}; }

  void handle(const Frame& frame) {
    switch (frame.type) {
      case FrameType::kExecute: {
        auto line = decode_string_payload(frame.payload);
        if (!line.ok()) return protocol_error();
        ExecResult r = shell_->execute(*line);
        send(FrameType::kResult, encode_result(r, state()));
        if (r.close_session) closing_ = true;
        return;
      }
      case FrameType::kHelp: {
        auto line = decode_string_payload(frame.payload);
        if (!line.ok()) return protocol_error();
        return send(FrameType::kHelpText, encode_string_payload(shell_->help(*line)));
      }
      case FrameType::kComplete: {
        auto line = decode_string_payload(frame.payload);
        if (!line.ok()) return protocol_error();
        return send(FrameType::kCompletion, encode_completion(shell_->complete(*line)));
      }
      case FrameType::kCtrlZ: {
        ExecResult r = shell_->ctrl_z();  // before state(): the prompt it reports is the new one
        send(FrameType::kResult, encode_result(r, state()));
        if (r.close_session) closing_ = true;
        return;
      }
      case FrameType::kPrompt:
        return send(FrameType::kState, encode_state(state()));
      case FrameType::kClose:
        closing_ = true;
        return;
      default:  // a server-to-client frame sent by the client
        return protocol_error();
    }
  }

  void protocol_error() { closing_ = true; }

  void send(FrameType type, const std::string& payload) {
    queue_.push_back(encode_frame(type, payload));
    if (!writing_) write_next();
  }

  void write_next() {
    if (queue_.empty()) {
      writing_ = false;
      if (closing_) finish();
      return;
    }
    writing_ = true;
    boost::asio::async_write(socket_, boost::asio::buffer(queue_.front()),
                             [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                               self->queue_.pop_front();
                               if (ec) {
                                 self->queue_.clear();
                                 self->writing_ = false;
                                 self->finish();
                                 return;
                               }
                               self->write_next();
                             });
  }

  void close_when_flushed() {
    if (!writing_) finish();
  }

  void finish() {
    if (finished_) return;
    finished_ = true;
    closing_ = true;
    boost::system::error_code ignored;
    socket_.shutdown(Socket::shutdown_both, ignored);
    socket_.close(ignored);
    shell_.reset();
    if (on_gone_) on_gone_(this);
  }

  Socket socket_;
  std::unique_ptr<Shell> shell_;
  std::function<void(Connection*)> on_gone_;
  std::array<char, 4096> buf_{};
  FrameDecoder decoder_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool closing_ = false;
  bool finished_ = false;
};

}  // namespace

class VtyServer::Impl : public std::enable_shared_from_this<VtyServer::Impl> {
 public:
  Impl(boost::asio::io_context& io, VtyServerOptions options, ShellFactory factory)
      : options_(std::move(options)), factory_(std::move(factory)), acceptor_(io), timer_(io) {}

  Status open() {
    if (auto st = prepare_socket_path(options_.socket_path); !st) return st;
    boost::system::error_code ec;
    boost::asio::local::stream_protocol::endpoint endpoint(options_.socket_path);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (ec) return make_error("vty: cannot bind " + options_.socket_path + ": " + ec.message());
    bound_ = true;
    // Operators in the socket's group may connect; nobody else (mode 0660).
    if (::chmod(options_.socket_path.c_str(), 0660) != 0) {
      return make_error("vty: cannot chmod " + options_.socket_path + ": " + std::strerror(errno));
    }
    acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
    if (ec) return make_error("vty: cannot listen on " + options_.socket_path + ": " + ec.message());
    return {};
  }

  void start() {
    accept_next();
    arm_timer();
  }

  void shutdown() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    timer_.cancel();
    auto sessions = std::move(sessions_);
    sessions_.clear();
    for (auto& [ptr, conn] : sessions) conn->abort();
    if (bound_) ::unlink(options_.socket_path.c_str());
  }

  const std::string& path() const { return options_.socket_path; }
  std::size_t count() const { return sessions_.size(); }

 private:
  void accept_next() {
    acceptor_.async_accept([weak = weak_from_this()](boost::system::error_code ec, Socket socket) {
      auto self = weak.lock();
      if (!self || ec == boost::asio::error::operation_aborted) return;
      if (!ec) self->adopt(std::move(socket));
      self->accept_next();
    });
  }

  void adopt(Socket socket) {
    auto shell = factory_ ? factory_() : nullptr;
    if (!shell) return;  // the socket closes as it goes out of scope
    auto conn = std::make_shared<Connection>(std::move(socket), std::move(shell),
                                             [weak = weak_from_this()](Connection* gone) {
                                               if (auto self = weak.lock()) self->sessions_.erase(gone);
                                             });
    sessions_.emplace(conn.get(), conn);
    conn->start();
  }

  void arm_timer() {
    timer_.expires_after(std::chrono::milliseconds(std::max(options_.async_poll_ms, 1)));
    timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
      auto self = weak.lock();
      if (!self || ec) return;
      // Copy: pushing may finish a connection, which erases it from the map.
      std::vector<std::shared_ptr<Connection>> live;
      for (auto& [ptr, conn] : self->sessions_) live.push_back(conn);
      for (auto& conn : live) conn->push_async_output();
      self->arm_timer();
    });
  }

  VtyServerOptions options_;
  ShellFactory factory_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  boost::asio::steady_timer timer_;
  std::map<Connection*, std::shared_ptr<Connection>> sessions_;
  bool bound_ = false;
};

Result<std::unique_ptr<VtyServer>> VtyServer::listen(boost::asio::io_context& io, VtyServerOptions options,
                                                     ShellFactory factory) {
  auto impl = std::make_shared<Impl>(io, std::move(options), std::move(factory));
  if (auto st = impl->open(); !st) {
    impl->shutdown();
    return st.error();
  }
  impl->start();
  return std::unique_ptr<VtyServer>(new VtyServer(std::move(impl)));
}

VtyServer::VtyServer(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

VtyServer::~VtyServer() {
  if (impl_) impl_->shutdown();
}

const std::string& VtyServer::socket_path() const { return impl_->path(); }
std::size_t VtyServer::session_count() const { return impl_->count(); }

}  // namespace ravelin::cli::vty
