#pragma once
// Interop harness: Wireshark `ikev2_decryption_table` rows from a strongSwan charon log written at
// ike level 4 and mgr level 2 (CharonOptions::log_keys), so tshark can check the packets ravelin
// built against keys strongSwan derived on its own. The rows are key material: never print them.
#include <string>
#include <vector>

namespace ravelin::test::interop {

struct SwanIkeKeys {
  std::string spi_i;      // 16 hex digits
  std::string spi_r;
  std::string proposal;   // "IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_1536"
  std::string sk_ei, sk_er, sk_ai, sk_ar;  // lower-case hex
};

std::vector<SwanIkeKeys> parse_swan_keys(const std::string& charon_log);
// "ISPI,RSPI,SK_ei,SK_er,\"ENC\",SK_ai,SK_ar,\"INTEG\"" (Wireshark 4.0); "" for an unknown cipher.
std::string decryption_row(const SwanIkeKeys& k);

}  // namespace ravelin::test::interop
