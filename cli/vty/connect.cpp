#include "cli/vty/connect.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "cli/terminal/console.hpp"
#include "cli/vty/client.hpp"
#include "cli/vty/server.hpp"

namespace ravelin::cli::vty {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRejected = 1;
constexpr int kExitCannotConnect = 2;

struct ConnectArgs {
  std::string socket_path = kDefaultSocketPath;
  std::vector<std::string> commands;
  bool help = false;
};

Result<ConnectArgs> parse_args(int argc, char** argv) {
  ConnectArgs args;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if ((a == "--vty-socket" || a == "-c") && i + 1 >= argc) {
      return make_error(std::string(a) + " needs an argument");
    }
    if (a == "--vty-socket") {
      args.socket_path = argv[++i];
    } else if (a.rfind("--vty-socket=", 0) == 0) {
      args.socket_path = std::string(a.substr(13));
    } else if (a == "-c") {
      args.commands.emplace_back(argv[++i]);
    } else if (a == "-h" || a == "--help") {
      args.help = true;
    } else {
      return make_error("unknown argument: " + std::string(a));
    }
  }
  return args;
}

void write_all(int fd, std::string_view s) {
  while (!s.empty()) {
    ssize_t n = ::write(fd, s.data(), s.size());
    if (n <= 0) return;
    s.remove_prefix(static_cast<std::size_t>(n));
  }
}

// -c: each command in order; only the output is printed. A `wants_password` answer makes the next
// -c argument the password.
int run_commands(VtyClient& client, const std::vector<std::string>& commands) {
  bool any_rejected = false;
  for (const auto& cmd : commands) {
    auto frame = client.request(FrameType::kExecute, encode_string_payload(cmd));
    if (!frame.ok() || frame->type != FrameType::kResult) {
      std::fprintf(stderr, "ravelin connect: %s\n",
                   frame.ok() ? "unexpected response from the server" : frame.error().message.c_str());
      return kExitCannotConnect;
    }
    auto msg = decode_result(frame->payload);
    if (!msg.ok()) {
      std::fprintf(stderr, "ravelin connect: %s\n", msg.error().message.c_str());
      return kExitCannotConnect;
    }
    for (const auto& line : client.take_async_output()) write_all(STDOUT_FILENO, line + "\n");
    write_all(STDOUT_FILENO, msg->result.output);
    any_rejected = any_rejected || msg->result.rejected;
    if (msg->result.close_session) break;
  }
  (void)client.send(FrameType::kClose, {});
  return any_rejected ? kExitRejected : kExitOk;
}

int run_interactive(VtyClient& client) {
  auto state_frame = client.request(FrameType::kPrompt, {}, 10000);
  auto state = state_frame.ok() && state_frame->type == FrameType::kState ? decode_state(state_frame->payload)
                                                                          : Result<SessionState>(make_error(
                                                                                "no session state from server"));
  if (!state.ok()) {
    std::fprintf(stderr, "ravelin connect: %s\n", state.error().message.c_str());
    return kExitCannotConnect;
  }
  boost::asio::io_context io;
  terminal::Console* console_ptr = nullptr;
  bool lost = false;
  RemoteShell shell(client, state.value(), [&] {
    lost = true;
    boost::asio::post(io, [&] {
      if (console_ptr != nullptr) console_ptr->stop();
    });
  });
  terminal::Console console(io, shell);
  console_ptr = &console;
  console.start([&] {
    if (client.connected()) (void)client.send(FrameType::kClose, {});
    io.stop();
  });
  io.run();
  if (lost) {
    std::fprintf(stderr, "ravelin connect: the connection to ravelin was lost\n");
    return kExitCannotConnect;
  }
  return kExitOk;
}

}  // namespace

int run_connect(int argc, char** argv) {
  auto args = parse_args(argc, argv);
  if (!args.ok()) {
    std::fprintf(stderr, "ravelin connect: %s\nusage: ravelin connect [--vty-socket PATH] [-c CMD]...\n",
                 args.error().message.c_str());
    return kExitCannotConnect;
  }
  if (args->help) {
    std::printf("usage: ravelin connect [--vty-socket PATH] [-c CMD]...\n"
                "  Opens a console on the running ravelin (default socket %s).\n"
                "  With -c, runs the commands in order in a fresh session and prints their output;\n"
                "  exit 1 when a command was rejected, 2 when the server cannot be reached.\n",
                kDefaultSocketPath);
    return kExitOk;
  }
  auto client = VtyClient::connect(args->socket_path);
  if (!client.ok()) {
    std::fprintf(stderr, "ravelin connect: %s (is ravelin running?)\n", client.error().message.c_str());
    return kExitCannotConnect;
  }
  if (!args->commands.empty()) return run_commands(client.value(), args->commands);
  return run_interactive(client.value());
}

}  // namespace ravelin::cli::vty
