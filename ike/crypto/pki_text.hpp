#pragma once
// Certificates as an operator sees and types them at the CLI: the fingerprints `crypto pki
// authenticate` shows before asking, and the base64 (PEM) block pasted after it.
#include <string>
#include <string_view>
#include <vector>

#include "ike/crypto/x509.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {

enum class FingerprintHash : uint8_t { Md5, Sha1 };

// The digest of the certificate's DER in groups of 8 upper-case hex digits, each followed by a
// space, as IOS prints it: "3AA47D8E 8C5F31F5 A4C1B0A3 A04B5F40 ".
[[nodiscard]] std::string fingerprint_text(const Certificate& cert, FingerprintHash h);

// The DER of pasted lines: an optional "-----BEGIN CERTIFICATE-----" / "-----END ...-----" armour
// around strict base64 (blanks ignored, '=' padding only at the end), one certificate only. The error
// says what is wrong.
[[nodiscard]] Result<Bytes> decode_pasted_base64(const std::vector<std::string>& lines);

}  // namespace ravelin::ike::crypto
