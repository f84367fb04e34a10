// Key files for `crypto key generate` (see pki_store.hpp).
#include "ike/crypto/pki_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace ravelin::ike::crypto {

namespace {

constexpr std::string_view kSuffix = ".key";

std::filesystem::path key_path(const std::filesystem::path& dir, std::string_view label) {
  return dir / (std::string(label) + std::string(kSuffix));
}

Status write_all(int fd, std::span<const uint8_t> data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return make_error(std::string("write failed: ") + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  return {};
}

}  // namespace

bool valid_key_label(std::string_view label) {
  if (label.empty() || label.size() > 64 || label.front() == '.') return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

Status save_key(const std::filesystem::path& dir, std::string_view label, const PrivateKey& key) {
  if (!valid_key_label(label)) return make_error("invalid key label");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return make_error("cannot create " + dir.string() + ": " + ec.message());
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  const SecretBytes pem = key.pem();
  if (pem.empty()) return make_error("cannot encode the key");
  const auto final_path = key_path(dir, label);
  const auto tmp = final_path.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return make_error("cannot write " + tmp + ": " + std::strerror(errno));
  ::fchmod(fd, 0600);  // whatever the umask or an older file said
  Status st = write_all(fd, pem.view());
  if (st && ::fsync(fd) != 0) st = make_error(std::string("fsync failed: ") + std::strerror(errno));
  ::close(fd);
  if (st && ::rename(tmp.c_str(), final_path.c_str()) != 0) st = make_error(std::string("rename failed: ") + std::strerror(errno));
  if (!st) ::unlink(tmp.c_str());
  return st;
}

Result<PrivateKey> load_key(const std::filesystem::path& dir, std::string_view label) {
  if (!valid_key_label(label)) return make_error("invalid key label");
  std::ifstream in(key_path(dir, label), std::ios::binary);
  if (!in) return make_error("no key pair named " + std::string(label));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto key = PrivateKey::from_pem(text);
  cleanse(std::span<uint8_t>(reinterpret_cast<uint8_t*>(text.data()), text.size()));
  return key;
}

std::vector<std::string> key_labels(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() <= kSuffix.size() || !name.ends_with(kSuffix)) continue;
    const std::string label = name.substr(0, name.size() - kSuffix.size());
    if (valid_key_label(label)) out.push_back(label);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace ravelin::ike::crypto
