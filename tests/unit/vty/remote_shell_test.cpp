#include "cli/vty/client.hpp"

#include <gtest/gtest.h>

#include "tests/unit/vty/vty_fixture.hpp"

namespace ravelin::cli::vty {
namespace {

using testing::unique_test_dir;
using testing::VtyServerThread;

class RemoteShellTest : public ::testing::Test {
 protected:
  std::filesystem::path dir_ = unique_test_dir();
  std::string path_ = (dir_ / "vty.sock").string();
  VtyServerThread server_{dir_};
};

TEST_F(RemoteShellTest, BehavesLikeTheSessionBehindIt) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto client = VtyClient::connect(path_);
  ASSERT_TRUE(client.ok());
  RemoteShell shell(*client, SessionState{"R>", 0});
  EXPECT_EQ(shell.execute("enable").rejected, false);
  EXPECT_EQ(shell.prompt(), "R#");  // the prompt travels with each result
  shell.execute("terminal length 12");
  EXPECT_EQ(shell.terminal_length(), 12);
  shell.execute("configure terminal");
  EXPECT_EQ(shell.prompt(), "R(config)#");
  EXPECT_EQ(shell.complete("sh").line, "show ");
  EXPECT_NE(shell.help("show ").find("lines     Numbered lines"), std::string::npos);
  shell.ctrl_z();
  EXPECT_EQ(shell.prompt(), "R#");
  EXPECT_TRUE(shell.execute("bogus").rejected);
}

TEST_F(RemoteShellTest, LosingTheServerClosesTheSessionAndReportsOnce) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto client = VtyClient::connect(path_);
  ASSERT_TRUE(client.ok());
  int lost = 0;
  RemoteShell shell(*client, SessionState{"R>", 0}, [&] { ++lost; });
  ASSERT_EQ(shell.execute("echo up").output, "up\n");
  server_.stop();

  ExecResult r = shell.execute("echo anyone");
  EXPECT_TRUE(r.close_session);
  EXPECT_TRUE(r.rejected);
  EXPECT_NE(r.output.find("% Connection to ravelin lost"), std::string::npos);
  EXPECT_EQ(shell.complete("sh").line, "sh");  // unchanged, no crash
  EXPECT_EQ(shell.help("show "), "");
  EXPECT_TRUE(shell.take_async_output().empty());
  EXPECT_EQ(lost, 1);
}

TEST_F(RemoteShellTest, ManyConcurrentSessionsEachKeepTheirOwnMode) {
  ASSERT_TRUE(server_.start(path_).ok());
  std::vector<VtyClient> clients;
  for (int i = 0; i < 16; ++i) {
    auto c = VtyClient::connect(path_);
    ASSERT_TRUE(c.ok());
    clients.push_back(std::move(c.value()));
  }
  std::vector<std::unique_ptr<RemoteShell>> shells;
  for (auto& c : clients) shells.push_back(std::make_unique<RemoteShell>(c, SessionState{"R>", 0}));
  for (std::size_t i = 0; i < shells.size(); i += 2) shells[i]->execute("enable");
  for (std::size_t i = 0; i < shells.size(); ++i) {
    shells[i]->execute("echo sync");
    EXPECT_EQ(shells[i]->prompt(), i % 2 == 0 ? "R#" : "R>") << i;
  }
  EXPECT_EQ(server_.sessions(), 16u);
}

TEST(VtySocketPath, OverlongPathIsAnErrorValue) {
  std::string path = "/tmp/" + std::string(200, 'x') + "/vty.sock";
  boost::asio::io_context io;
  auto s = VtyServer::listen(io, VtyServerOptions{path, 20}, [] { return nullptr; });
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("too long"), std::string::npos);
  EXPECT_FALSE(VtyClient::connect(path).ok());
}

}  // namespace
}  // namespace ravelin::cli::vty
