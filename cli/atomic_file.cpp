#include "cli/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <utility>
#include <vector>

namespace ravelin::cli {
namespace {

struct FdCloser {
  void operator()(const int* fd) const {
    if (*fd >= 0) ::close(*fd);
    delete fd;
  }
};
using UniqueFd = std::unique_ptr<int, FdCloser>;

Error errno_error(const std::string& what, const std::string& path) {
  return make_error(what + " " + path + ": " + std::strerror(errno));
}

std::string dir_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

Status write_all(int fd, std::string_view content, const std::string& path) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno_error("cannot write", path);
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

Status fsync_dir(const std::string& dir) {
  UniqueFd fd(new int(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)));
  if (*fd < 0) return errno_error("cannot open directory", dir);
  if (::fsync(*fd) != 0) return errno_error("cannot sync directory", dir);
  return {};
}

}  // namespace

Status write_file_atomic(const std::string& path, std::string_view content) {
  std::string tmpl = path + ".tmp.XXXXXX";
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  UniqueFd fd(new int(::mkostemp(name.data(), O_CLOEXEC)));
  if (*fd < 0) return errno_error("cannot create a temporary file next to", path);
  std::string tmp(name.data());
  struct stat st {};
  mode_t mode = (::stat(path.c_str(), &st) == 0) ? (st.st_mode & 07777) : 0600;
  Status s = write_all(*fd, content, tmp);
  if (s.ok() && ::fchmod(*fd, mode) != 0) s = errno_error("cannot set the mode of", tmp);
  if (s.ok() && ::fsync(*fd) != 0) s = errno_error("cannot sync", tmp);
  if (s.ok()) {
    int raw = std::exchange(*fd, -1);
    if (::close(raw) != 0) s = errno_error("cannot close", tmp);
  }
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) s = errno_error("cannot rename over", path);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  return fsync_dir(dir_of(path));
}

Result<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return errno_error("cannot open", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return errno_error("cannot read", path);
  return ss.str();
}

}  // namespace ravelin::cli
