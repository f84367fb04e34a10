#include "tests/interop/strongswan/capture.hpp"

#include <signal.h>
#include <sys/stat.h>

namespace ravelin::test::interop {

bool Capture::available(std::string* why) {
  struct stat st{};
  if (stat("/usr/bin/tshark", &st) == 0) return true;
  *why = "needs tshark (apt-get install tshark)";
  return false;
}

std::unique_ptr<Capture> Capture::start(const std::string& ns, const std::string& dev, const std::string& pcap,
                                        const std::string& filter, std::string* why) {
  std::unique_ptr<Capture> c(new Capture());
  c->log_ = pcap + ".log";
  c->process_ = Process::spawn({"ip", "netns", "exec", ns, "tshark", "-q", "-i", dev, "-a", "duration:120", "-f",
                                filter, "-w", pcap},
                               c->log_);
  if (!c->process_) {
    *why = "fork failed for tshark";
    return nullptr;
  }
  bool ready = wait_until([&] { return read_file(c->log_).find("Capturing on") != std::string::npos; },
                          Millis(10000), Millis(50));
  if (!ready) {
    *why = "tshark did not start capturing: " + read_file(c->log_);
    return nullptr;
  }
  // "Capturing on" comes a moment before dumpcap's filter is live; packets in between are lost.
  std::this_thread::sleep_for(Millis(500));
  return c;
}

Capture::~Capture() { stop(); }

void Capture::stop() {
  if (process_) process_->stop(Millis(5000), SIGINT);
}

std::string tshark_decode(const std::string& pcap, const std::vector<std::string>& ike_rows,
                          const std::vector<std::string>& extra_args) {
  // A throw-away HOME keeps the user's Wireshark profile out of the decode.
  const std::string home = pcap + ".home";
  mkdir(home.c_str(), 0700);
  std::vector<std::string> argv{"tshark", "-n", "-r", pcap};
  for (const auto& row : ike_rows) argv.insert(argv.end(), {"-o", "uat:ikev2_decryption_table:" + row});
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  return run_command(argv, Millis(30000), {"HOME=" + home, "XDG_CONFIG_HOME=" + home}).output;
}

}  // namespace ravelin::test::interop
