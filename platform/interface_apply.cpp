#include "platform/interface_apply.hpp"

#include <algorithm>
#include <set>

namespace ravelin::platform {
namespace {

bool contains(const std::vector<InterfaceAddress>& list, const InterfaceAddress& a) {
  return std::find(list.begin(), list.end(), a) != list.end();
}

std::string label_of(const InterfaceIntent& intent) {
  if (intent.config_name.empty() || intent.config_name == intent.linux_dev) return intent.linux_dev;
  return intent.config_name + " (" + intent.linux_dev + ")";
}

}  // namespace

std::string to_string(const InterfaceAddress& address) {
  return address.address.to_string() + "/" + std::to_string(address.prefix_length);
}

InterfaceApplier::InterfaceApplier(LinkTable& links, Logger& logger) : links_(links), logger_(logger) {}

void InterfaceApplier::note(InterfaceApplyReport& report, const std::string& label, const std::string& what,
                            bool error) {
  std::string line = label + ": " + what;
  logger_.log(error ? LogLevel::Error : LogLevel::Info, "interface", line);
  (error ? report.errors : report.changes).push_back(std::move(line));
}

InterfaceApplyReport InterfaceApplier::apply(const std::vector<InterfaceIntent>& desired) {
  InterfaceApplyReport report;
  std::set<std::string> wanted_devs;
  std::vector<InterfaceIntent> accepted;
  for (const auto& intent : desired) {
    if (!wanted_devs.insert(intent.linux_dev).second) {
      note(report, label_of(intent), "netdev already mapped to another interface; not applied", true);
      continue;
    }
    accepted.push_back(intent);
  }
  // Interfaces that left the config (or whose mapping changed) give their addresses back first, so
  // a prefix moving between interfaces never meets itself.
  std::vector<std::string> leaving;
  for (const auto& [dev, addresses] : managed_) {
    if (wanted_devs.count(dev) == 0) leaving.push_back(dev);
  }
  for (const auto& dev : leaving) release(dev, dev, report);
  for (const auto& intent : accepted) converge(intent, report);
  desired_ = std::move(accepted);
  return report;
}

InterfaceApplyReport InterfaceApplier::reapply() {
  InterfaceApplyReport report;
  for (const auto& intent : desired_) converge(intent, report);
  return report;
}

std::vector<InterfaceAddress> InterfaceApplier::managed(const std::string& linux_dev) const {
  auto it = managed_.find(linux_dev);
  return it == managed_.end() ? std::vector<InterfaceAddress>{} : it->second;
}

void InterfaceApplier::release(const std::string& linux_dev, const std::string& label,
                               InterfaceApplyReport& report) {
  auto& mine = managed_[linux_dev];
  auto link = links_.link(linux_dev);
  if (!link) {
    mine.clear();  // the netdev is gone, and its addresses with it
  } else {
    for (size_t i = mine.size(); i-- > 0;) {
      if (contains(link->addresses, mine[i])) {
        if (auto s = links_.remove_address(linux_dev, mine[i]); !s) {
          note(report, label, "cannot remove " + to_string(mine[i]) + ": " + s.error().message, true);
          continue;
        }
        note(report, label, "removed " + to_string(mine[i]), false);
      }
      mine.erase(mine.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  if (mine.empty()) managed_.erase(linux_dev);
}

void InterfaceApplier::converge(const InterfaceIntent& intent, InterfaceApplyReport& report) {
  const std::string label = label_of(intent);
  auto link = links_.link(intent.linux_dev);
  if (!link) {
    note(report, label, "no such netdev: " + link.error().message, true);
    return;
  }
  // Admin state first: taking a netdev down makes Linux drop its IPv6 addresses, which the address
  // step below then puts back (an IOS interface keeps its addresses while shut down).
  const bool want_up = !intent.shutdown;
  if (link->admin_up != want_up) {
    if (auto s = links_.set_admin_up(intent.linux_dev, want_up); !s) {
      note(report, label, std::string("cannot set ") + (want_up ? "up" : "down") + ": " + s.error().message, true);
    } else {
      note(report, label, want_up ? "set up (no shutdown)" : "set down (shutdown)", false);
      link = links_.link(intent.linux_dev);
      if (!link) return note(report, label, "netdev vanished: " + link.error().message, true);
    }
  }
  auto& mine = managed_[intent.linux_dev];
  bool removed = false;
  for (size_t i = mine.size(); i-- > 0;) {
    if (contains(intent.addresses, mine[i])) continue;
    if (contains(link->addresses, mine[i])) {
      if (auto s = links_.remove_address(intent.linux_dev, mine[i]); !s) {
        note(report, label, "cannot remove " + to_string(mine[i]) + ": " + s.error().message, true);
        continue;
      }
      note(report, label, "removed " + to_string(mine[i]), false);
      removed = true;
    }
    mine.erase(mine.begin() + static_cast<std::ptrdiff_t>(i));
  }
  // Removing an IPv4 primary makes Linux delete the secondaries of its subnet (unless
  // promote_secondaries is set): read the netdev again so they are put back below.
  if (removed) {
    link = links_.link(intent.linux_dev);
    if (!link) return note(report, label, "netdev vanished: " + link.error().message, true);
  }
  for (const auto& want : intent.addresses) {
    if (!contains(mine, want)) mine.push_back(want);  // named by the config: ravelin's from now on
    if (contains(link->addresses, want)) continue;
    if (auto s = links_.add_address(intent.linux_dev, want); !s) {
      note(report, label, "cannot add " + to_string(want) + ": " + s.error().message, true);
      continue;
    }
    note(report, label, "added " + to_string(want), false);
  }
}

}  // namespace ravelin::platform
