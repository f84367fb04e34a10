#include "platform/linux/netlink.hpp"

#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <cstring>

namespace ravelin::platform::linux {
namespace {

constexpr int kMaxDatagrams = 100000;       // bound on one transaction (a dump of ~100k entries)
constexpr int kReceiveTimeoutSeconds = 5;   // the kernel answers synchronously; this is a safety net

// Splits one datagram into whole netlink messages; stops at the first malformed header.
std::vector<Bytes> split_messages(std::span<const uint8_t> data) {
  std::vector<Bytes> out;
  size_t offset = 0;
  while (data.size() - offset >= sizeof(nlmsghdr)) {
    nlmsghdr hdr;
    std::memcpy(&hdr, data.data() + offset, sizeof hdr);
    if (hdr.nlmsg_len < sizeof(nlmsghdr) || hdr.nlmsg_len > data.size() - offset) break;
    out.emplace_back(data.begin() + offset, data.begin() + offset + hdr.nlmsg_len);
    offset += NLMSG_ALIGN(hdr.nlmsg_len);
    if (offset > data.size()) break;
  }
  return out;
}

nlmsghdr header_of(const Bytes& m) {
  nlmsghdr hdr;
  std::memcpy(&hdr, m.data(), sizeof hdr);
  return hdr;
}

}  // namespace

Bytes message_bytes(nl_msg* msg) {
  const nlmsghdr* hdr = nlmsg_hdr(msg);
  const auto* p = reinterpret_cast<const uint8_t*>(hdr);
  return Bytes(p, p + hdr->nlmsg_len);
}

std::string describe_error(int negative_errno, const std::string& extack) {
  std::string text = std::strerror(-negative_errno);
  if (!extack.empty()) text += " (" + extack + ")";
  return text;
}

std::string extack_text(std::span<const uint8_t> error_message) {
  if (error_message.size() < sizeof(nlmsghdr) + sizeof(nlmsgerr)) return {};
  nlmsghdr hdr;
  std::memcpy(&hdr, error_message.data(), sizeof hdr);
  if (!(hdr.nlmsg_flags & NLM_F_ACK_TLVS)) return {};
  nlmsgerr err;
  std::memcpy(&err, error_message.data() + sizeof(nlmsghdr), sizeof err);
  // Without NLM_F_CAPPED the whole request is echoed before the TLVs.
  size_t offset = NLMSG_HDRLEN + sizeof(nlmsgerr);
  if (!(hdr.nlmsg_flags & NLM_F_CAPPED)) offset += NLMSG_ALIGN(err.msg.nlmsg_len) - sizeof(nlmsghdr);
  while (offset + sizeof(nlattr) <= error_message.size()) {
    nlattr attr;
    std::memcpy(&attr, error_message.data() + offset, sizeof attr);
    if (attr.nla_len < sizeof(nlattr) || offset + attr.nla_len > error_message.size()) break;
    if ((attr.nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG) {
      const char* s = reinterpret_cast<const char*>(error_message.data() + offset + sizeof(nlattr));
      return std::string(s, strnlen(s, attr.nla_len - sizeof(nlattr)));
    }
    offset += NLA_ALIGN(attr.nla_len);
  }
  return {};
}

Result<NetlinkSocket> NetlinkSocket::open(int protocol) {
  NlSockPtr sock(nl_socket_alloc());
  if (!sock) return make_error("netlink: out of memory");
  if (int err = nl_connect(sock.get(), protocol); err < 0) {
    return make_error(std::string("netlink: cannot open socket: ") + nl_geterror(err));
  }
  int fd = nl_socket_get_fd(sock.get());
  int one = 1;
  // Best effort: kernels before 4.12 lack extended acks, the error code still arrives.
  (void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof one);
  (void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof one);
  timeval tv{kReceiveTimeoutSeconds, 0};
  (void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)nl_socket_set_buffer_size(sock.get(), 1 << 20, 1 << 20);
  return NetlinkSocket(std::move(sock));
}

int NetlinkSocket::fd() const { return nl_socket_get_fd(sock_.get()); }

Result<std::vector<Bytes>> NetlinkSocket::receive_datagram(int flags, int* err) {
  auto failed = [err](int e) {
    if (err != nullptr) *err = e;
    return make_error(std::string("netlink receive: ") + std::strerror(e));
  };
  for (int attempt = 0; attempt < 100; ++attempt) {
    ssize_t size = recv(fd(), nullptr, 0, MSG_PEEK | MSG_TRUNC | flags);
    if (size < 0 && errno == EINTR) continue;
    if (size < 0) return failed(errno);
    Bytes buf(static_cast<size_t>(size));
    ssize_t got = recv(fd(), buf.data(), buf.size(), flags);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return failed(errno);
    return split_messages(std::span<const uint8_t>(buf.data(), static_cast<size_t>(got)));
  }
  return make_error("netlink receive: interrupted too often");
}

Result<NlReply> NetlinkSocket::transact(nl_msg* msg) {
  nlmsghdr* hdr = nlmsg_hdr(msg);
  hdr->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
  nl_complete_msg(sock_.get(), msg);
  const uint32_t seq = hdr->nlmsg_seq;
  if (int err = nl_sendto(sock_.get(), hdr, hdr->nlmsg_len); err < 0) {
    return make_error(std::string("netlink send: ") + nl_geterror(err));
  }
  NlReply reply;
  for (int i = 0; i < kMaxDatagrams; ++i) {
    auto datagram = receive_datagram(0);
    if (!datagram) return datagram.error();
    for (Bytes& m : *datagram) {
      const nlmsghdr h = header_of(m);
      if (h.nlmsg_seq != seq) continue;  // a late answer to an earlier request
      if (h.nlmsg_type == NLMSG_DONE) return reply;
      if (h.nlmsg_type == NLMSG_ERROR) {
        if (m.size() < NLMSG_HDRLEN + sizeof(int)) return make_error("netlink: short error message");
        std::memcpy(&reply.error, m.data() + NLMSG_HDRLEN, sizeof(int));
        if (reply.error != 0) reply.extack = extack_text(m);
        return reply;
      }
      reply.messages.push_back(std::move(m));
    }
  }
  return make_error("netlink: no end of answer after too many datagrams");
}

Status NetlinkSocket::subscribe(std::initializer_list<int> groups) {
  for (int g : groups) {
    if (int err = nl_socket_add_membership(sock_.get(), g); err < 0) {
      return make_error(std::string("netlink: cannot join group: ") + nl_geterror(err));
    }
  }
  if (int err = nl_socket_set_nonblocking(sock_.get()); err < 0) {
    return make_error(std::string("netlink: ") + nl_geterror(err));
  }
  return {};
}

std::vector<Bytes> NetlinkSocket::receive_available(bool* overrun) {
  std::vector<Bytes> out;
  for (int i = 0; i < 1000; ++i) {  // bounded: at most 1000 datagrams per drain
    int err = 0;
    auto datagram = receive_datagram(MSG_DONTWAIT, &err);
    if (!datagram) {
      // EAGAIN: nothing more. ENOBUFS: the kernel dropped events; the next read continues.
      if (err == ENOBUFS) {
        if (overrun != nullptr) *overrun = true;
        continue;
      }
      break;
    }
    for (Bytes& m : *datagram) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace ravelin::platform::linux
