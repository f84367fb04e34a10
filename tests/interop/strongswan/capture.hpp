#pragma once
// Interop harness: a tshark capture of IKE (UDP 500/4500) on a veth inside a namespace, bounded by
// tshark's own duration limit and stopped early by SIGINT to its pid; and a tshark decode of the
// file with IKEv2 decryption rows handed over on the command line.
#include <memory>
#include <string>
#include <vector>

#include "tests/interop/strongswan/process.hpp"

namespace ravelin::test::interop {

class Capture {
 public:
  static bool available(std::string* why);
  // nullptr + *why when tshark does not report "Capturing on" within a few seconds.
  static std::unique_ptr<Capture> start(const std::string& ns, const std::string& dev, const std::string& pcap,
                                        const std::string& filter, std::string* why);
  ~Capture();
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;
  // Stops the capture and waits until the file is complete.
  void stop();

 private:
  Capture() = default;
  std::unique_ptr<Process> process_;
  std::string log_;
};

// `tshark -r pcap -V` with one `-o uat:ikev2_decryption_table:ROW` per row (rows hold keys: the
// returned text holds decrypted payloads and must not be printed when it matters).
std::string tshark_decode(const std::string& pcap, const std::vector<std::string>& ike_rows,
                          const std::vector<std::string>& extra_args = {"-V"});

}  // namespace ravelin::test::interop
