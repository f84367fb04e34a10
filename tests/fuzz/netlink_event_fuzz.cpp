// libFuzzer target: the parsers of what the kernel sends (platform/linux): XFRM ACQUIRE / EXPIRE /
// MAPPING events and NEWSA / NEWPOLICY dump entries (xfrm_parse), rtnetlink link and address
// notifications (route_parse). Byte 0 picks which message type is written into the netlink header
// (so the fuzzer need not find the type values) and whether nlmsg_len is forced to the real length;
// the rest is one netlink message. The parsers copy the message into aligned storage, so the
// fuzzer's unaligned buffer is fine.
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "platform/linux/route_parse.hpp"
#include "platform/linux/xfrm_parse.hpp"

using namespace ravelin::platform::linux;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 65536) return 0;
  std::vector<uint8_t> msg(data + 1, data + size);
  static constexpr uint16_t kTypes[] = {0,           XFRM_MSG_ACQUIRE, XFRM_MSG_EXPIRE, XFRM_MSG_MAPPING,
                                        XFRM_MSG_NEWSA, XFRM_MSG_NEWPOLICY, RTM_NEWLINK, RTM_DELLINK,
                                        RTM_NEWADDR, RTM_DELADDR};
  const uint16_t type = kTypes[(data[0] & 0x0f) % (sizeof kTypes / sizeof kTypes[0])];
  if (type != 0 && msg.size() >= 6) std::memcpy(msg.data() + 4, &type, sizeof type);
  if ((data[0] & 0x10) != 0 && msg.size() >= 4) {
    const uint32_t len = static_cast<uint32_t>(msg.size());
    std::memcpy(msg.data(), &len, sizeof len);
  }
  if (auto ev = parse_event(msg); ev.ok()) (void)event_reqid(ev.value());
  (void)parse_sa(msg);
  (void)parse_policy(msg);
  (void)parse_link_event(msg);
  return 0;
}
