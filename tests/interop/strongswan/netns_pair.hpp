#pragma once
// Interop harness: two network namespaces joined by one veth pair, named after this process and a
// counter ("rv<pid>i<k>a" / "...b"), so concurrent runs never meet. The destructor deletes both
// namespaces (and with them the veth) on every exit path.
//
//   netns <pfx>a (ravelin)                       netns <pfx>b (strongSwan)
//   lo 198.51.100.1/32 (protects 198.51.100/24)  lo 203.0.113.1/32 (protects 203.0.113/24)
//   veth <pfx>a 192.0.2.1/24 2001:db8:f::1/64 <-> veth <pfx>b 192.0.2.2/24 2001:db8:f::2/64
#include <memory>
#include <string>
#include <vector>

#include "tests/interop/strongswan/process.hpp"

namespace ravelin::test::interop {

struct Side {
  std::string ns;       // namespace name, also the veth's name inside it
  std::string outer4;   // veth IPv4 address
  std::string outer6;   // veth IPv6 address
  std::string inner4;   // protected host on lo
  std::string net4;     // protected network (CIDR)
};

class NetnsPair {
 public:
  // nullptr with *why set when the namespaces cannot be made.
  static std::unique_ptr<NetnsPair> create(std::string* why);
  ~NetnsPair();
  NetnsPair(const NetnsPair&) = delete;
  NetnsPair& operator=(const NetnsPair&) = delete;

  [[nodiscard]] const Side& a() const { return a_; }
  [[nodiscard]] const Side& b() const { return b_; }
  // Runs argv inside a namespace ("ip netns exec NS ...").
  CommandResult exec(const std::string& ns, const std::vector<std::string>& argv, Millis timeout = Millis(10000)) const;

 private:
  NetnsPair() = default;
  bool build(std::string* why);
  Side a_;
  Side b_;
  bool created_a_ = false;
  bool created_b_ = false;
};

}  // namespace ravelin::test::interop
