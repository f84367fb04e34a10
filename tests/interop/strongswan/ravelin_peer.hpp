#pragma once
// Interop harness: the real `ravelin --daemon` inside a namespace, configured by a startup-config,
// driven over its vty socket with `ravelin connect -c ...`; stderr (IOS-style SA up/down and
// negotiation failure lines) goes to a file the test reads.
#include <memory>
#include <string>
#include <vector>

#include "tests/interop/strongswan/process.hpp"

namespace ravelin::test::interop {

struct RavelinOptions {
  std::string platform = "ios";
  std::string config;                         // startup-config text
  std::vector<std::string> local_addresses;   // --local-address
  std::vector<std::string> interfaces;        // --interface NAME=LINUXDEV
  std::string dataplane = "xfrm";             // xfrm | none
};

class RavelinPeer {
 public:
  // Path of the built binary; "" when it is missing.
  static std::string binary();
  // Starts ravelin in ns with files under dir; nullptr + *why when it does not come up.
  static std::unique_ptr<RavelinPeer> start(const std::string& ns, const std::string& dir, const RavelinOptions& o,
                                            std::string* why);
  ~RavelinPeer();
  RavelinPeer(const RavelinPeer&) = delete;
  RavelinPeer& operator=(const RavelinPeer&) = delete;

  // Runs exec commands after `enable` in one vty session.
  CommandResult exec(const std::vector<std::string>& commands, Millis timeout = Millis(10000)) const;
  // `show crypto ikev2 sa detailed` text ("" when the command is rejected).
  std::string show_sa_detailed() const;
  [[nodiscard]] std::string log() const;  // stderr
  bool running() const { return process_ && process_->running(); }
  [[nodiscard]] pid_t pid() const { return process_ ? process_->pid() : -1; }
  int stop();
  void kill_hard();
  [[nodiscard]] const std::string& socket() const { return socket_; }

 private:
  RavelinPeer() = default;
  std::string dir_;
  std::string socket_;
  std::unique_ptr<Process> process_;
};

}  // namespace ravelin::test::interop
