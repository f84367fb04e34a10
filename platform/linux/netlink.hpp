#pragma once
// A small request/response layer over a libnl core socket: our own receive loop so that the kernel's
// errno and extended-ack text ("Requested type not found") come back as values, and dumps, replies
// and multicast events are handed out as whole netlink messages (bytes) for the pure parsers.
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "platform/result.hpp"

namespace ravelin::platform::linux {

struct NlMsgDeleter {
  void operator()(nl_msg* m) const { nlmsg_free(m); }
};
using NlMsgPtr = std::unique_ptr<nl_msg, NlMsgDeleter>;
struct NlSockDeleter {
  void operator()(nl_sock* s) const { nl_socket_free(s); }
};
using NlSockPtr = std::unique_ptr<nl_sock, NlSockDeleter>;

using Bytes = std::vector<uint8_t>;

// The bytes of a built message (header included), for tests and byte comparisons.
Bytes message_bytes(nl_msg* msg);

// What the kernel answered to one request.
struct NlReply {
  int error = 0;                // 0, or a negative errno from NLMSG_ERROR
  std::string extack;           // the kernel's NLMSGERR_ATTR_MSG text, if any
  std::vector<Bytes> messages;  // replies (dump entries, the ALLOCSPI/GETSA answer)
};

// "Protocol not supported (Requested type not found)".
std::string describe_error(int negative_errno, const std::string& extack);

// Reads the extended-ack message out of an NLMSG_ERROR message ("" when absent).
std::string extack_text(std::span<const uint8_t> error_message);

class NetlinkSocket {
 public:
  // A socket for `protocol` (NETLINK_XFRM, NETLINK_ROUTE) in the calling thread's network namespace.
  static Result<NetlinkSocket> open(int protocol);

  // Sends `msg` (NLM_F_REQUEST|NLM_F_ACK are added) and collects the answer until the ACK, the error
  // or the end of a dump. Transport failures are errors; kernel refusals are in NlReply::error.
  Result<NlReply> transact(nl_msg* msg);

  // Joins multicast groups and makes the socket non-blocking (for event sockets).
  Status subscribe(std::initializer_list<int> groups);
  // Every message that is waiting now (event sockets only); never blocks. `overrun` is set when the
  // kernel had to drop messages because the socket buffer was full (ENOBUFS).
  std::vector<Bytes> receive_available(bool* overrun = nullptr);

  [[nodiscard]] int fd() const;

 private:
  explicit NetlinkSocket(NlSockPtr sock) : sock_(std::move(sock)) {}
  // Error message, and the errno in *err (0 for non-errno failures).
  Result<std::vector<Bytes>> receive_datagram(int flags, int* err = nullptr);
  NlSockPtr sock_;
};

}  // namespace ravelin::platform::linux
