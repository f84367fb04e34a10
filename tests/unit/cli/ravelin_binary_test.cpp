// The real binary (RAVELIN_BINARY_DIR/ravelin): `check` exit codes and report, argv errors,
// --version, and a piped session that saves with write memory.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/atomic_file.hpp"

namespace ravelin::cli {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int status = -1;
  std::string out;
};

std::string binary() { return std::string(RAVELIN_BINARY_DIR) + "/ravelin"; }

// Runs a shell command line and captures its stdout (stderr too when the command says 2>&1).
Outcome run(const std::string& cmd) {
  Outcome r;
  std::unique_ptr<FILE, int (*)(FILE*)> p(::popen(cmd.c_str(), "r"), ::pclose);
  if (!p) return r;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p.get())) r.out.append(buf, n);
  int st = ::pclose(p.release());
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

class RavelinBinary : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(binary())) GTEST_SKIP() << "ravelin is not built at " << binary();
    dir_ = fs::temp_directory_path() / ("rv-bin-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  fs::path dir_;
};

TEST_F(RavelinBinary, CheckExitsZeroAndSaysSoForACleanFile) {
  std::string f = file("ok.cfg", "hostname R1\n!\nenable password x\nend\n");
  Outcome r = run(binary() + " check " + f);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out, f + ": 2 lines, no problems\n");
}

TEST_F(RavelinBinary, CheckExitsOneAndReportsEveryBadLineWithCaret) {
  std::string f = file("bad.cfg", "hostname R1\nhostname a b\nfrobnicate\nhostname R2\n");
  Outcome r = run(binary() + " check " + f);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_EQ(r.out, f + ":2: % Invalid input detected at '^' marker.\nhostname a b\n           ^\n" + f +
                       ":3: % Invalid input detected at '^' marker.\nfrobnicate\n^\n" + f + ": 4 lines, 2 rejected\n");
}

TEST_F(RavelinBinary, CheckDetectsAsaFromTheVersionLine) {
  std::string f = file("asa.cfg", ": Saved\n:\nASA Version 9.8(4)\nhostname fw1\nbogus\n");
  Outcome r = run(binary() + " check " + f);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find(":5: ERROR: % Invalid input detected at '^' marker."), std::string::npos) << r.out;
}

// Without --platform, the shipped ASA files check clean (ASA Version header), and the seed's
// headerless ASA paste is still read as ASA: its two problems are the ASA's, not IOS's dozens.
TEST_F(RavelinBinary, CheckReadsEveryShippedAsaFileAsAsaWithoutPlatform) {
  const std::string src = RAVELIN_SOURCE_DIR;
  for (const char* f : {"/examples/site-to-site/asa-firewall.cfg", "/examples/asa-edge.cfg"}) {
    Outcome r = run(binary() + " check " + src + f);
    EXPECT_EQ(r.status, 0) << f << "\n" << r.out;
  }
  Outcome seed = run(binary() + " check " + src + "/examples/seed/asa-firewall.cfg");
  EXPECT_EQ(seed.status, 1);
  EXPECT_NE(seed.out.find("ERROR: % Invalid input detected at '^' marker."), std::string::npos) << seed.out;
  EXPECT_NE(seed.out.find("2 rejected"), std::string::npos) << seed.out;
}

TEST_F(RavelinBinary, CheckOfAMissingFileExitsOne) {
  Outcome r = run(binary() + " check " + (dir_ / "nope.cfg").string() + " 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("cannot open"), std::string::npos) << r.out;
}

TEST_F(RavelinBinary, BadArgumentsExitTwoWithUsage) {
  Outcome r = run(binary() + " --platform junos 2>&1");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("usage: ravelin"), std::string::npos);
}

TEST_F(RavelinBinary, VersionPrintsOneLine) {
  Outcome r = run(binary() + " --version");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("ravelin ", 0), 0u);
}

TEST_F(RavelinBinary, PipedSessionReportsStartupProblemsAndWriteMemorySavesBackToTheFile) {
  std::string cfg = file("startup-config", "hostname BOOT\nnot a command\n");
  std::string sock = (dir_ / "vty.sock").string();
  std::string script = file("script", "enable\nconfigure terminal\nhostname SAVED\nend\nwrite memory\nexit\n");
  Outcome r = run(binary() + " --startup-config " + cfg + " --vty-socket " + sock + " < " + script + " 2>&1");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find(cfg + ":2: % Invalid input detected at '^' marker.\nnot a command\n^\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(cfg + ": 2 lines, 1 rejected\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("BOOT>enable\nBOOT#configure terminal\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SAVED#write memory\nBuilding configuration...\n[OK]\n"), std::string::npos) << r.out;
  auto saved = read_whole_file(cfg);
  ASSERT_TRUE(saved.ok());
  EXPECT_NE(saved->find("hostname SAVED\n"), std::string::npos) << *saved;
  EXPECT_EQ(saved->find("not a command"), std::string::npos);
  EXPECT_FALSE(fs::exists(sock)) << "the vty socket outlived the process";
}

}  // namespace
}  // namespace ravelin::cli
