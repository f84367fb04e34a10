#include "tests/interop/strongswan/ravelin_peer.hpp"

#include <sys/stat.h>

namespace ravelin::test::interop {
namespace {

bool exists(const std::string& path) {
  struct stat st{};
  return stat(path.c_str(), &st) == 0;
}

}  // namespace

std::string RavelinPeer::binary() {
  const std::string path = std::string(RAVELIN_BINARY_DIR) + "/ravelin";
  return exists(path) ? path : "";
}

std::unique_ptr<RavelinPeer> RavelinPeer::start(const std::string& ns, const std::string& dir, const RavelinOptions& o,
                                                std::string* why) {
  std::unique_ptr<RavelinPeer> r(new RavelinPeer());
  r->dir_ = dir;
  r->socket_ = dir + "/vty.sock";
  mkdir(dir.c_str(), 0700);
  const std::string cfg = dir + "/startup-config";
  if (!write_file(cfg, o.config)) {
    *why = "cannot write " + cfg;
    return nullptr;
  }
  std::vector<std::string> argv{"ip", "netns", "exec", ns, binary(), "--platform", o.platform,
                                "--startup-config", cfg, "--daemon", "--vty-socket", r->socket_,
                                "--dataplane", o.dataplane};
  for (const auto& a : o.local_addresses) argv.insert(argv.end(), {"--local-address", a});
  for (const auto& i : o.interfaces) argv.insert(argv.end(), {"--interface", i});
  r->process_ = Process::spawn(argv, dir + "/ravelin.log");  // ip netns exec execs: the pid is ravelin's
  if (!r->process_) {
    *why = "fork failed for ravelin";
    return nullptr;
  }
  bool up = wait_until([&] { return exists(r->socket_) || !r->process_->running(); }, Millis(10000), Millis(50));
  if (!up || !exists(r->socket_)) {
    *why = "ravelin did not open its vty socket: " + r->log();
    return nullptr;
  }
  return r;
}

RavelinPeer::~RavelinPeer() { stop(); }

CommandResult RavelinPeer::exec(const std::vector<std::string>& commands, Millis timeout) const {
  std::vector<std::string> argv{binary(), "connect", "--vty-socket", socket_, "-c", "enable"};
  for (const auto& c : commands) argv.insert(argv.end(), {"-c", c});
  return run_command(argv, timeout);
}

std::string RavelinPeer::show_sa_detailed() const {
  auto r = exec({"show crypto ikev2 sa detailed"});
  return r.ok() ? r.output : "";
}

std::string RavelinPeer::log() const { return read_file(dir_ + "/ravelin.log"); }

int RavelinPeer::stop() { return process_ ? process_->stop(Millis(3000)) : -1; }

void RavelinPeer::kill_hard() {
  if (process_) process_->kill_hard();
}

}  // namespace ravelin::test::interop
