#pragma once
// A vty server on its own io_context thread, with FakeShell sessions sharing one FakeWorld, on a
// socket under a per-run directory (/tmp/rv<pid>-<n>/...) that the fixture removes.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <string>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "cli/vty/server.hpp"
#include "tests/unit/vty/fake_shell.hpp"

namespace ravelin::cli::testing {

inline std::filesystem::path unique_test_dir() {
  static std::atomic<int> n{0};
  return std::filesystem::path("/tmp") / ("rv" + std::to_string(::getpid()) + "-" + std::to_string(n++));
}

class VtyServerThread {
 public:
  explicit VtyServerThread(std::filesystem::path dir) : dir_(std::move(dir)) {}
  ~VtyServerThread() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Listens on `socket_path` and runs the loop in a thread; sessions are FakeShells of `world`
  // unless `factory` makes them.
  Status start(const std::string& socket_path, vty::ShellFactory factory = {}) {
    if (!factory) factory = [this] { return std::make_unique<FakeShell>(world); };
    auto s = vty::VtyServer::listen(io_, vty::VtyServerOptions{socket_path, 20}, std::move(factory));
    if (!s.ok()) return s.error();
    server_ = std::move(s.value());
    thread_ = std::thread([this] { io_.run(); });
    return {};
  }

  // Runs `fn` on the loop thread and returns its result.
  template <typename Fn>
  auto on_loop(Fn fn) -> decltype(fn()) {
    std::packaged_task<decltype(fn())()> task(std::move(fn));
    auto result = task.get_future();
    boost::asio::post(io_, [&task] { task(); });
    return result.get();
  }

  std::size_t sessions() {
    return on_loop([this] { return server_->session_count(); });
  }

  void stop() {
    if (thread_.joinable()) {
      on_loop([this] {
        server_.reset();
        return 0;
      });
      guard_.reset();
      io_.stop();
      thread_.join();
    }
    server_.reset();
  }

  FakeWorld world;  // touched by sessions on the loop thread only while it runs

 private:
  std::filesystem::path dir_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_{io_.get_executor()};
  std::unique_ptr<vty::VtyServer> server_;
  std::thread thread_;
};

}  // namespace ravelin::cli::testing
