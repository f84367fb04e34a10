#include "cli/atomic_file.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace ravelin::cli {
namespace {

namespace fs = std::filesystem;

class AtomicFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("rv-atomic-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

std::string config_of(char fill, std::size_t lines) {
  std::string s;
  for (std::size_t i = 0; i < lines; ++i) {
    s += "crypto ikev2 keyring K" + std::to_string(i) + "\n peer P\n  address 192.0.2.1 ";
    s += std::string(40, fill);
    s += "\n";
  }
  return s + "end\n";
}

// True when a temporary file of at least `min_size` bytes sits in `dir` (a save is under way).
bool temp_file_exists(const fs::path& dir, std::uintmax_t min_size = 0) {
  for (const auto& e : fs::directory_iterator(dir)) {
    std::error_code ec;
    if (e.path().filename().string().find(".tmp.") != std::string::npos && fs::file_size(e.path(), ec) >= min_size &&
        !ec) {
      return true;
    }
  }
  return false;
}

TEST_F(AtomicFile, WritesNewFileWithPrivateModeAndReadsItBack) {
  std::string path = (dir_ / "startup-config").string();
  ASSERT_TRUE(write_file_atomic(path, "hostname R1\nend\n").ok());
  auto back = read_whole_file(path);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "hostname R1\nend\n");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(temp_file_exists(dir_));
}

TEST_F(AtomicFile, ReplacingKeepsTheExistingFileMode) {
  std::string path = (dir_ / "cfg").string();
  ASSERT_TRUE(write_file_atomic(path, "a\n").ok());
  ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
  ASSERT_TRUE(write_file_atomic(path, "b\n").ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ(*read_whole_file(path), "b\n");
}

TEST_F(AtomicFile, MissingDirectoryIsAnErrorNamingThePath) {
  std::string path = (dir_ / "no" / "such" / "cfg").string();
  auto s = write_file_atomic(path, "x\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find(path), std::string::npos);
  EXPECT_FALSE(read_whole_file(path).ok());
}

// kill -9 while a large config is being written: the previous file must still be there, whole.
TEST_F(AtomicFile, KillDuringWriteNeverLosesThePreviousFile) {
  std::string path = (dir_ / "startup-config").string();
  const std::string old_text = config_of('o', 2000);
  const std::string new_text = config_of('n', 400000);  // ~30 MB: the write takes a while
  ASSERT_TRUE(write_file_atomic(path, old_text).ok());
  int killed_mid_write = 0;
  for (int round = 0; round < 3; ++round) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      for (int i = 0; i < 1000; ++i) (void)write_file_atomic(path, new_text);
      ::_exit(0);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!temp_file_exists(dir_, 1 << 20) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    bool mid = temp_file_exists(dir_, 1 << 20);
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    killed_mid_write += mid ? 1 : 0;
    auto now = read_whole_file(path);
    ASSERT_TRUE(now.ok());
    // Either the old file or a complete new one; never a prefix, never empty.
    EXPECT_TRUE(*now == old_text || *now == new_text) << "size " << now->size();
    for (const auto& e : fs::directory_iterator(dir_)) {
      if (e.path() != fs::path(path)) fs::remove(e.path());
    }
    ASSERT_TRUE(write_file_atomic(path, old_text).ok());
  }
  EXPECT_GT(killed_mid_write, 0) << "the child was never caught in the middle of a write";
}

}  // namespace
}  // namespace ravelin::cli
