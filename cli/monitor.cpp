#include "cli/monitor.hpp"

#include <algorithm>

namespace ravelin::cli {

int Monitor::attach(MonitorTarget& target, LineKind kind) {
  if (const Line* l = find(target)) return l->number;
  int number = 0;
  while (std::any_of(lines_.begin(), lines_.end(),
                     [&](const Line& l) { return l.kind == kind && l.number == number; })) {
    ++number;
  }
  lines_.push_back(Line{&target, kind, number, false});
  return number;
}

void Monitor::detach(const MonitorTarget& target) {
  std::erase_if(lines_, [&](const Line& l) { return l.target == &target; });
}

bool Monitor::set_monitoring(const MonitorTarget& target, bool on) {
  Line* l = find(target);
  if (l == nullptr) return false;
  l->monitoring = on;
  return true;
}

bool Monitor::monitoring(const MonitorTarget& target) const {
  const Line* l = find(target);
  return l != nullptr && l->monitoring;
}

void Monitor::publish(const std::string& line, const MonitorTarget* origin) {
  const Line* from = origin == nullptr ? nullptr : find(*origin);
  if (console_ && (from == nullptr || from->kind != LineKind::Console)) console_(line);
  for (const Line& l : lines_) {
    // The console line sees logs through the console sink, never twice.
    if (l.monitoring && l.kind == LineKind::Vty) l.target->post_async(line);
  }
}

bool Monitor::is_console(const MonitorTarget& target) const {
  const Line* l = find(target);
  return l != nullptr && l->kind == LineKind::Console;
}

std::size_t Monitor::monitoring_count() const {
  return static_cast<std::size_t>(std::count_if(lines_.begin(), lines_.end(), [](const Line& l) { return l.monitoring; }));
}

Monitor::Line* Monitor::find(const MonitorTarget& target) {
  auto it = std::find_if(lines_.begin(), lines_.end(), [&](const Line& l) { return l.target == &target; });
  return it == lines_.end() ? nullptr : &*it;
}

const Monitor::Line* Monitor::find(const MonitorTarget& target) const {
  auto it = std::find_if(lines_.begin(), lines_.end(), [&](const Line& l) { return l.target == &target; });
  return it == lines_.end() ? nullptr : &*it;
}

}  // namespace ravelin::cli
