#pragma once
namespace ravelin {
// Set from CMake's project(VERSION) through the generated version_config.hpp.
const char* version_string();
}  // namespace ravelin
