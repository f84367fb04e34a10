#pragma once
// IOS's log fan-out to terminal lines: the console always sees log messages; a vty line sees them
// only after `terminal monitor` (until `terminal no monitor` or the end of the session). Every session
// attaches itself when a Monitor is among the shared grammar::Services (main provides one); log
// lines (`%IKEV2-5-SA_UP`, `%SYS-5-CONFIG_I`, `debug crypto ikev2` output) are handed to publish().
// Everything runs on the process's single event-loop thread: no locks.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace ravelin::cli {

// Where a published line goes for one session (cli::Session implements it with its async output).
class MonitorTarget {
 public:
  virtual ~MonitorTarget() = default;
  virtual void post_async(std::string line) = 0;
};

enum class LineKind { Console, Vty };

class Monitor {
 public:
  using ConsoleSink = std::function<void(const std::string& line)>;
  // `console` receives every published line (main: the process's stderr, which the console and a
  // daemon's journal show); unset, published lines go to the monitoring sessions only.
  explicit Monitor(ConsoleSink console = {}) : console_(std::move(console)) {}
  Monitor(const Monitor&) = delete;
  Monitor& operator=(const Monitor&) = delete;

  // A new session; returns its line number (IOS numbers vty lines from 0, lowest free first; the
  // console is line 0 of its own kind). Monitoring starts off.
  int attach(MonitorTarget& target, LineKind kind);
  // The session ends: it receives nothing more (a no-op for an unknown target).
  void detach(const MonitorTarget& target);
  // `terminal monitor` / `terminal no monitor`; false for a target that is not attached.
  bool set_monitoring(const MonitorTarget& target, bool on);
  [[nodiscard]] bool monitoring(const MonitorTarget& target) const;
  [[nodiscard]] bool is_console(const MonitorTarget& target) const;

  // One log line (no trailing newline) to the console sink and every monitoring vty session.
  // `origin`: the session the line is about (nullptr for process logs); when it is the console
  // line, which shows its own line itself, the console sink is skipped.
  void publish(const std::string& line, const MonitorTarget* origin = nullptr);

  [[nodiscard]] std::size_t attached() const { return lines_.size(); }
  [[nodiscard]] std::size_t monitoring_count() const;

 private:
  struct Line {
    MonitorTarget* target;
    LineKind kind;
    int number;
    bool monitoring;
  };
  Line* find(const MonitorTarget& target);
  [[nodiscard]] const Line* find(const MonitorTarget& target) const;

  ConsoleSink console_;
  std::vector<Line> lines_;
};

}  // namespace ravelin::cli
