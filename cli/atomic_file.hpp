#pragma once
// Saving a config so that a crash at any moment leaves either the old file or the new one, whole:
// write a temporary file in the same directory, fsync it, rename it over the target, fsync the
// directory (so the rename itself survives a power cut).
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace ravelin::cli {

// Replaces `path` with `content` atomically. A new file gets mode 0600 (configs hold secrets);
// an existing file keeps its mode.
[[nodiscard]] Status write_file_atomic(const std::string& path, std::string_view content);

// Reads a whole file; the error names the file and the reason (strerror).
[[nodiscard]] Result<std::string> read_whole_file(const std::string& path);

}  // namespace ravelin::cli
