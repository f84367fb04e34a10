#pragma once
// The key store: one PKCS#8 PEM file per key pair label, mode 0600, in a directory beside the
// startup-config (IOS keeps keys in private NVRAM, never in the configuration). Labels are limited to
// [A-Za-z0-9._-] so a label can never name a path outside the directory.
#include <filesystem>
#include <string>
#include <vector>

#include "ike/crypto/pki_key.hpp"
#include "platform/result.hpp"

namespace ravelin::ike::crypto {

[[nodiscard]] bool valid_key_label(std::string_view label);
// Writes atomically (temporary file + rename), creating the directory (0700) when missing.
[[nodiscard]] Status save_key(const std::filesystem::path& dir, std::string_view label, const PrivateKey& key);
[[nodiscard]] Result<PrivateKey> load_key(const std::filesystem::path& dir, std::string_view label);
// Labels present in `dir`, sorted; empty when the directory does not exist.
[[nodiscard]] std::vector<std::string> key_labels(const std::filesystem::path& dir);

}  // namespace ravelin::ike::crypto
