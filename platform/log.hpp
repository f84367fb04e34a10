#pragma once
// A log sink interface. Categories follow IOS `debug crypto ikev2` (DESIGN.md convention 6).
// Secrets are never passed to a Logger.
#include <string>
#include <string_view>

namespace ravelin::platform {

enum class LogLevel { Error, Warning, Info, Debug };

class Logger {
 public:
  virtual ~Logger() = default;
  // `category` is e.g. "ikev2.packet", "ikev2.internal", "ikev2.error", "xfrm".
  virtual void log(LogLevel level, std::string_view category, std::string_view message) = 0;
};

// Discards everything; the default in tests that do not look at logs.
class NullLogger final : public Logger {
 public:
  void log(LogLevel, std::string_view, std::string_view) override {}
};

}  // namespace ravelin::platform
