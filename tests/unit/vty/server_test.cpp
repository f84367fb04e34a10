#include "cli/vty/server.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "cli/vty/client.hpp"
#include "tests/unit/vty/vty_fixture.hpp"

namespace ravelin::cli::vty {
namespace {

using testing::unique_test_dir;
using testing::VtyServerThread;

ResultMessage exec(VtyClient& c, const std::string& line) {
  auto f = c.request(FrameType::kExecute, encode_string_payload(line), 5000);
  EXPECT_TRUE(f.ok()) << (f.ok() ? "" : f.error().message);
  if (!f.ok()) return {};
  EXPECT_EQ(f->type, FrameType::kResult);
  auto m = decode_result(f->payload);
  EXPECT_TRUE(m.ok());
  return m.ok() ? m.value() : ResultMessage{};
}

SessionState state_of(VtyClient& c) {
  auto f = c.request(FrameType::kPrompt, {}, 5000);
  EXPECT_TRUE(f.ok());
  if (!f.ok() || f->type != FrameType::kState) return {};
  auto s = decode_state(f->payload);
  return s.ok() ? s.value() : SessionState{};
}

class VtyServerTest : public ::testing::Test {
 protected:
  std::filesystem::path dir_ = unique_test_dir();
  std::string path_ = (dir_ / "run" / "ravelin.sock").string();
  VtyServerThread server_{dir_};
};

TEST_F(VtyServerTest, TwoConcurrentSessionsSeeEachOthersChanges) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto a = VtyClient::connect(path_);
  auto b = VtyClient::connect(path_);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(state_of(*a).prompt, "R>");  // a vty line starts in user EXEC
  EXPECT_EQ(state_of(*b).prompt, "R>");
  EXPECT_EQ(server_.sessions(), 2u);

  exec(*a, "enable");
  auto conf = exec(*a, "configure terminal");
  EXPECT_EQ(conf.state.prompt, "R(config)#");
  EXPECT_FALSE(conf.result.rejected);
  exec(*a, "hostname Edge");

  EXPECT_EQ(state_of(*b).prompt, "Edge>");  // b is still in user EXEC, under the new name
  EXPECT_EQ(exec(*b, "show hostname").result.output, "Edge\n");
}

TEST_F(VtyServerTest, HelpCompletionAndCtrlZAreForwarded) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto c = VtyClient::connect(path_);
  ASSERT_TRUE(c.ok());
  auto help = c->request(FrameType::kHelp, encode_string_payload("show "), 5000);
  ASSERT_TRUE(help.ok());
  EXPECT_EQ(help->type, FrameType::kHelpText);
  EXPECT_NE(decode_string_payload(help->payload)->find("hostname  The system name"), std::string::npos);

  auto comp = c->request(FrameType::kComplete, encode_string_payload("e"), 5000);
  ASSERT_TRUE(comp.ok());
  auto choices = decode_completion(comp->payload);
  ASSERT_TRUE(choices.ok());
  EXPECT_EQ(choices->choices, (std::vector<std::string>{"echo", "enable", "end", "exit"}));

  exec(*c, "enable");
  exec(*c, "configure terminal");
  auto z = c->request(FrameType::kCtrlZ, {}, 5000);
  ASSERT_TRUE(z.ok());
  auto zr = decode_result(z->payload);
  ASSERT_TRUE(zr.ok());
  EXPECT_EQ(zr->state.prompt, "R#");
}

TEST_F(VtyServerTest, SocketIsMode0660InACreatedDirectory) {
  ASSERT_TRUE(server_.start(path_).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path_.c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 07777, 0660u);
}

TEST_F(VtyServerTest, StaleSocketFileIsReplaced) {
  std::filesystem::create_directories(dir_ / "run");
  {  // a socket file nobody listens on: what a crashed ravelin leaves behind
    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM, 0));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof(addr.sun_path) - 1);
    ASSERT_EQ(::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  }
  ASSERT_TRUE(std::filesystem::is_socket(path_));
  ASSERT_FALSE(VtyClient::connect(path_).ok());
  auto st = server_.start(path_);
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_TRUE(VtyClient::connect(path_).ok());
}

TEST_F(VtyServerTest, LiveSocketOfAnotherServerIsNotTaken) {
  ASSERT_TRUE(server_.start(path_).ok());
  boost::asio::io_context io;
  auto second = VtyServer::listen(io, VtyServerOptions{path_, 20}, [] { return nullptr; });
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find("already listening"), std::string::npos);
  EXPECT_TRUE(VtyClient::connect(path_).ok());  // the first server still owns it
}

TEST_F(VtyServerTest, NonSocketFileIsLeftAlone) {
  std::filesystem::create_directories(dir_ / "run");
  std::ofstream(path_) << "precious\n";
  boost::asio::io_context io;
  auto s = VtyServer::listen(io, VtyServerOptions{path_, 20}, [] { return nullptr; });
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("not a socket"), std::string::npos);
  std::ifstream in(path_);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "precious");
}

TEST_F(VtyServerTest, SocketFileIsRemovedWhenTheServerStops) {
  ASSERT_TRUE(server_.start(path_).ok());
  server_.stop();
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(VtyServerTest, AsyncOutputIsPushedWithoutARequest) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto c = VtyClient::connect(path_);
  ASSERT_TRUE(c.ok());
  exec(*c, "say %IKEV2-5-SA_UP: tunnel up");
  std::vector<std::string> got;
  for (int i = 0; i < 200 && got.empty(); ++i) {  // bounded: 200 x 10 ms
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(c->poll());
    got = c->take_async_output();
  }
  EXPECT_EQ(got, std::vector<std::string>{"%IKEV2-5-SA_UP: tunnel up"});
}

TEST_F(VtyServerTest, AsyncLineBufferedBehindAResponseIsNotLost) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto c = VtyClient::connect(path_);
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c->send(FrameType::kExecute, encode_string_payload("say behind")).ok());
  // The server answers, then its timer pushes the line: both wait in the socket, one read gets both.
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  auto response = c->receive(5000);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->type, FrameType::kResult);
  ASSERT_TRUE(c->poll());
  EXPECT_EQ(c->take_async_output(), std::vector<std::string>{"behind"});
}

TEST_F(VtyServerTest, ExitFromExecClosesOnlyThatSession) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto a = VtyClient::connect(path_);
  auto b = VtyClient::connect(path_);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(exec(*a, "exit").result.close_session);
  EXPECT_FALSE(a->request(FrameType::kPrompt, {}, 5000).ok());  // the server hung up
  EXPECT_EQ(exec(*b, "echo still here").result.output, "still here\n");
  EXPECT_EQ(server_.sessions(), 1u);
}

TEST_F(VtyServerTest, GarbledStreamDropsThatConnectionOnly) {
  ASSERT_TRUE(server_.start(path_).ok());
  auto good = VtyClient::connect(path_);
  auto bad = connect_unix(path_);
  ASSERT_TRUE(good.ok() && bad.ok());
  std::string junk("\xc8\0\0\0\0", 5);
  ASSERT_EQ(::send(bad->get(), junk.data(), junk.size(), MSG_NOSIGNAL), 5);
  char byte = 0;
  EXPECT_EQ(::recv(bad->get(), &byte, 1, 0), 0);  // orderly close by the server
  EXPECT_EQ(exec(*good, "echo ok").result.output, "ok\n");
}

}  // namespace
}  // namespace ravelin::cli::vty
