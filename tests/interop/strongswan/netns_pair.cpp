#include "tests/interop/strongswan/netns_pair.hpp"

#include <unistd.h>

namespace ravelin::test::interop {
namespace {

CommandResult ip(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"ip"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, Millis(10000));
}

}  // namespace

std::unique_ptr<NetnsPair> NetnsPair::create(std::string* why) {
  static int counter = 0;
  const std::string prefix = "rv" + std::to_string(getpid()) + "i" + std::to_string(counter++);
  std::unique_ptr<NetnsPair> pair(new NetnsPair());
  pair->a_ = {prefix + "a", "192.0.2.1", "2001:db8:f::1", "198.51.100.1", "198.51.100.0/24"};
  pair->b_ = {prefix + "b", "192.0.2.2", "2001:db8:f::2", "203.0.113.1", "203.0.113.0/24"};
  if (!pair->build(why)) return nullptr;  // the destructor removes what was made
  return pair;
}

bool NetnsPair::build(std::string* why) {
  auto step = [&](const std::vector<std::string>& args) {
    auto r = ip(args);
    if (!r.ok() && why->empty()) {
      *why = "ip";
      for (const auto& a : args) *why += " " + a;
      *why += ": " + r.output;
    }
    return r.ok();
  };
  created_a_ = step({"netns", "add", a_.ns});
  created_b_ = created_a_ && step({"netns", "add", b_.ns});
  if (!created_b_) return false;
  bool ok = step({"link", "add", a_.ns, "netns", a_.ns, "type", "veth", "peer", "name", b_.ns, "netns", b_.ns});
  for (const Side* s : {&a_, &b_}) {
    const Side& peer = s == &a_ ? b_ : a_;
    ok = ok && step({"-n", s->ns, "link", "set", "lo", "up"});
    ok = ok && step({"-n", s->ns, "addr", "add", s->outer4 + "/24", "dev", s->ns});
    ok = ok && step({"-n", s->ns, "addr", "add", s->outer6 + "/64", "dev", s->ns, "nodad"});
    ok = ok && step({"-n", s->ns, "addr", "add", s->inner4 + "/32", "dev", "lo"});
    ok = ok && step({"-n", s->ns, "link", "set", s->ns, "up"});
    ok = ok && step({"-n", s->ns, "route", "add", peer.net4, "via", peer.outer4, "src", s->inner4});
  }
  return ok;
}

NetnsPair::~NetnsPair() {
  if (created_a_) (void)ip({"netns", "del", a_.ns});
  if (created_b_) (void)ip({"netns", "del", b_.ns});
}

CommandResult NetnsPair::exec(const std::string& ns, const std::vector<std::string>& argv, Millis timeout) const {
  std::vector<std::string> full{"ip", "netns", "exec", ns};
  full.insert(full.end(), argv.begin(), argv.end());
  return run_command(full, timeout);
}

}  // namespace ravelin::test::interop
