#pragma once
// Interop harness: reads ravelin's IOS `show crypto ikev2 sa detailed` (cisco-cli §4.1/§4.2 layout)
// and ASA `show crypto ikev2 sa detail` (§4.10 G16/GC1 layout) back into values a test can compare
// with strongSwan's view of the same SA.
#include <string>
#include <vector>

namespace ravelin::test::interop {

// An ASA `Child sa:` block.
struct RavelinChild {
  std::string local_selector;   // "198.51.100.0/0 - 198.51.100.255/65535"
  std::string remote_selector;
  std::string spi_in;           // 8 hex digits, lower case
  std::string spi_out;
};

struct RavelinSa {
  int tunnel_id = 0;
  std::string local;        // "192.0.2.1/4500" (IPv6 upper case, as IOS prints it)
  std::string remote;
  std::string status;       // READY, IN-NEG, DELETE
  std::string encr;         // "AES-CBC", "AES-GCM"
  int keysize = 0;
  std::string prf;          // "SHA256"
  std::string hash;         // "SHA256", "SHA96", "None"
  int group = 0;
  std::string local_spi;    // 16 hex digits, lower case
  std::string remote_spi;
  std::string local_id;
  std::string remote_id;
  bool initiator = false;
  bool nat_detected = false;
  // ASA only: the Role column, the detail's Session-id line, the child SAs.
  std::string role;         // INITIATOR, RESPONDER
  int session_id = 0;
  std::vector<RavelinChild> children;
};

std::vector<RavelinSa> parse_ravelin_sas(const std::string& show_detailed);
// The SAs whose status is READY.
std::vector<RavelinSa> ready_sas(const std::string& show_detailed);

// ASA `show crypto ikev2 sa [detail]` (prf stays empty: the ASA line has none).
std::vector<RavelinSa> parse_asa_sas(const std::string& show_detail);

}  // namespace ravelin::test::interop
