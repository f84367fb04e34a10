#pragma once
// Unix-socket plumbing shared by the vty server and `ravelin connect`.
#include <string>

#include "platform/result.hpp"

namespace ravelin::cli::vty {

// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = other.release();
    }
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  [[nodiscard]] bool valid() const { return fd_ >= 0; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset();

 private:
  int fd_ = -1;
};

// A blocking stream socket connected to `path`.
[[nodiscard]] Result<UniqueFd> connect_unix(const std::string& path);

// Before bind(): creates the parent directory (mode 0755) when missing; removes `path` when it is a
// stale socket (nobody accepts on it). A socket somebody listens on, or any other kind of file,
// is an error and is left alone.
[[nodiscard]] Status prepare_socket_path(const std::string& path);

}  // namespace ravelin::cli::vty
