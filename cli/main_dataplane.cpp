// ProcessDataplane: engine + runtime + kernel + reconciler of the running process (see the header).
#include "cli/main_dataplane.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "cli/main_dataplane_internal.hpp"
#include "ike/config_build/build_pki.hpp"
#include "platform/linux/route_link_table.hpp"
#include "platform/linux/xfrm_kernel_ipsec.hpp"

namespace ravelin::cli {
namespace {

constexpr size_t kMaxEvents = 64;  // what `show crypto ikev2 diagnose`-style views can look back on

grammar::Dialect to_grammar(Dialect d) { return d == Dialect::Asa ? grammar::Dialect::Asa : grammar::Dialect::Ios; }

// IOS-style syslog mnemonics for engine events (docs/OPERATIONS.md lists them).
const char* mnemonic(ike::engine::EventKind k) {
  switch (k) {
    case ike::engine::EventKind::IkeSaUp: return "IKEV2-5-SA_UP";
    case ike::engine::EventKind::IkeSaDown: return "IKEV2-5-SA_DOWN";
    case ike::engine::EventKind::ChildSaUp: return "IKEV2-5-CHILD_SA_UP";
    case ike::engine::EventKind::ChildSaDown: return "IKEV2-5-CHILD_SA_DOWN";
    case ike::engine::EventKind::Failure: return "IKEV2-3-NEG_FAILED";
  }
  return "IKEV2-5-EVENT";
}

}  // namespace

void ProcessLogger::log(platform::LogLevel level, std::string_view category, std::string_view message) {
  bool on = level == platform::LogLevel::Error || level == platform::LogLevel::Warning;
  if (category == "ikev2.packet") on = on || flags.packet;
  if (category == "ikev2.internal") on = on || flags.internal;
  if (category.starts_with("ikev2") && level == platform::LogLevel::Error) on = on || flags.error;
  if (!on) return;
  std::fprintf(stderr, "%.*s: %.*s\n", static_cast<int>(category.size()), category.data(),
               static_cast<int>(message.size()), message.data());
}

ProcessDataplane::ProcessDataplane(boost::asio::io_context& io, const DataplaneSetup& setup,
                                   const platform::Clock& clock)
    : io_(io), setup_(setup), clock_(clock) {}

ProcessDataplane::~ProcessDataplane() { stop(); }

Result<std::unique_ptr<ProcessDataplane>> ProcessDataplane::start(boost::asio::io_context& io,
                                                                  const DataplaneSetup& setup,
                                                                  const platform::Clock& clock) {
  std::unique_ptr<ProcessDataplane> dp(new ProcessDataplane(io, setup, clock));
  std::unique_ptr<platform::KernelIpsec> kernel;
  if (setup.kind == DataplaneKind::None) {
    kernel = make_no_kernel(dp->random_);
  } else {
    platform::linux::XfrmKernelIpsecOptions ko;
    ko.logger = &dp->logger_;
    auto k = platform::linux::make_xfrm_kernel_ipsec(ko);
    if (!k.ok()) return make_error("kernel IPsec: " + k.error().message + " (use --dataplane none to run without)");
    kernel = std::move(*k);
  }
  Status s = dp->open(std::move(kernel));
  if (!s.ok()) return s.error();
  return dp;
}

Status ProcessDataplane::open(std::unique_ptr<platform::KernelIpsec> kernel) {
  kernel_ = std::move(kernel);
  // Issue 7: whatever an earlier run of ravelin left in the kernel goes before anything new is added.
  auto flushed = kernel_->flush_owned();
  if (!flushed.ok()) return make_error("removing stale kernel state: " + flushed.error().message);
  if (flushed->sas_removed + flushed->policies_removed > 0) {
    std::fprintf(stderr, "%%RAVELIN-5-STALE_STATE: removed %zu SAs and %zu policies left by an earlier run\n",
                 flushed->sas_removed, flushed->policies_removed);
  }
  if (!kernel_->capabilities().esp) {
    std::fprintf(stderr, "%%RAVELIN-4-NO_ESP: child SAs will not be installed: %s\n",
                 kernel_->capabilities().esp_reason.c_str());
  }
  reconciler_ = std::make_unique<ipsec::reconcile::Reconciler>(*kernel_, logger_);
  spis_ = make_kernel_spis(*kernel_);
  ike::engine::EngineSettings settings;
  settings.ike_port = setup_.ike_port;
  settings.natt_port = setup_.natt_port;
  ike::engine::EngineDeps deps{&random_, spis_.get(), &logger_};
  deps.keylog = this;
  engine_ = std::make_unique<ike::engine::Engine>(deps, settings);
  ike::io::RuntimeOptions ro{setup_.local_addresses, setup_.ike_port, setup_.natt_port};
  runtime_ = std::make_unique<ike::io::Runtime>(io_, *engine_, ro,
                                                [this](const ike::engine::Effects& fx) { on_effects(fx); });
  Status opened = runtime_->open();
  if (!opened.ok()) return make_error("IKE sockets: " + opened.error().message);
  watch_kernel_events();
  if (setup_.kind == DataplaneKind::Xfrm) {
    auto links = platform::linux::make_route_link_table();
    if (links.ok()) {
      links_ = std::move(*links);
      interfaces_ = std::make_unique<platform::InterfaceApplier>(*links_, logger_);
    } else {
      std::fprintf(stderr, "%%RAVELIN-3-INTERFACES: interface addresses are not applied: %s\n",
                   links.error().message.c_str());
    }
  }
  return {};
}

void ProcessDataplane::stop() {
  if (stopped_ || !engine_) return;
  stopped_ = true;
  // Tell every peer (INFORMATIONAL DELETE, sent synchronously), then leave nothing in the kernel.
  for (const auto& sa : engine_->snapshot()) runtime_->apply(engine_->delete_ike_sa(clock_.now(), sa.tunnel_id));
  if (kernel_events_) {
    kernel_events_->cancel();
    kernel_events_->release();  // the descriptor belongs to the kernel object
  }
  runtime_->close();
  auto flushed = kernel_->flush_owned();
  if (!flushed.ok()) std::fprintf(stderr, "%%RAVELIN-3-CLEANUP: %s\n", flushed.error().message.c_str());
}

void ProcessDataplane::apply(const grammar::config::Snapshot& running, const grammar::config::ChangeSet&) {
  auto built = ike::config_build::build(running.root(), to_grammar(setup_.dialect));
  if (!setup_.pki_dir.empty()) {
    auto with_keys = std::make_shared<ike::config::IkeConfig>(*built.config);
    ike::config_build::load_key_pairs(setup_.pki_dir, *with_keys, built.warnings);
    built.config = std::move(with_keys);
  }
  if (built.warnings != warnings_) {
    for (const auto& w : built.warnings) std::fprintf(stderr, "%%RAVELIN-4-CONFIG: %s\n", w.c_str());
    warnings_ = built.warnings;
  }
  config_ = built.config;
  apply_interfaces(built.interfaces);
  apply_policies();
  runtime_->apply(engine_->on_config(clock_.now(), config_));
  tear_down_unconfigured();
}

namespace {
// Whether the config still allows what an SA carries: every child's crypto-map entry exists and, for
// a static entry, still names the SA's peer.
std::optional<std::string> why_unconfigured(const ike::engine::IkeSaSnapshot& sa, const ike::config::IkeConfig& c) {
  for (const auto& child : sa.children) {
    if (child.map_entry_id == 0) continue;
    const auto* e = c.find_map_entry(child.map_entry_id);
    if (e == nullptr) return std::string("its crypto map entry was removed or is no longer applied");
    if (!e->dynamic && std::find(e->peers.begin(), e->peers.end(), sa.remote.address) == e->peers.end()) {
      return "crypto map " + e->map_name + " " + std::to_string(e->seq & 0xffff) + " no longer names peer " +
             sa.remote.address.to_string();
    }
  }
  return std::nullopt;
}
}  // namespace

// As on IOS: removing a crypto map from its interface, an entry, or a peer from an entry tears the
// SAs that used it down (with a DELETE to the peer); new traffic negotiates under the new config.
void ProcessDataplane::tear_down_unconfigured() {
  for (const auto& sa : engine_->snapshot()) {
    auto why = why_unconfigured(sa, *config_);
    if (!why) continue;
    std::fprintf(stderr, "%%RAVELIN-5-CONFIG_TEARDOWN: (SA ID = %u) %s: deleting the SA\n", sa.tunnel_id, why->c_str());
    runtime_->apply(engine_->delete_ike_sa(clock_.now(), sa.tunnel_id));
  }
}

void ProcessDataplane::apply_policies() {
  auto desired = desired_policies(*config_, *reconciler_, entry_by_reqid_);
  if (setup_.kind == DataplaneKind::None) return;
  Status s = reconciler_->set_policies(desired);
  if (!s.ok()) std::fprintf(stderr, "%%RAVELIN-3-POLICY: %s\n", s.error().message.c_str());
}

void ProcessDataplane::apply_interfaces(const std::vector<ike::config_build::InterfaceInfo>& interfaces) {
  if (!interfaces_) return;
  std::vector<platform::InterfaceIntent> desired;
  for (const auto& i : interfaces) {
    auto mapped = std::find_if(setup_.interfaces.begin(), setup_.interfaces.end(),
                               [&](const auto& m) { return m.first == i.name; });
    if (mapped == setup_.interfaces.end()) continue;
    platform::InterfaceIntent intent{i.name, mapped->second, {}, i.shutdown};
    for (size_t k = 0; k < i.addresses.size() && k < i.hosts.size(); ++k) {
      intent.addresses.push_back({i.hosts[k], i.addresses[k].length()});
    }
    desired.push_back(std::move(intent));
  }
  auto report = interfaces_->apply(desired);
  for (const auto& e : report.errors) std::fprintf(stderr, "%%RAVELIN-3-INTERFACE: %s\n", e.c_str());
}

void ProcessDataplane::run(const EngineCall& call) { runtime_->apply(call(*engine_, clock_.now())); }

void ProcessDataplane::on_effects(const ike::engine::Effects& fx) {
  for (const auto& child : fx.install) install_child(child);
  for (const auto& r : fx.remove) {
    Status s = reconciler_->remove(r.inbound_spi);
    if (!s.ok()) std::fprintf(stderr, "%%RAVELIN-3-SA_REMOVE: %s\n", s.error().message.c_str());
  }
  for (const auto& ev : fx.events) record_event(ev);
}

void ProcessDataplane::install_child(const ipsec::sa::ChildSa& child) {
  // The engine names the child by its crypto-map entry id; the kernel wants the entry's owned reqid.
  auto reqid = reconciler_->reqid_for(child.reqid);
  if (!reqid.ok()) {
    std::fprintf(stderr, "%%RAVELIN-3-SA_INSTALL: %s\n", reqid.error().message.c_str());
    return;
  }
  entry_by_reqid_[*reqid] = child.reqid;
  ipsec::sa::ChildSa k = child;
  k.reqid = *reqid;
  Status s = reconciler_->install(k);
  if (!s.ok()) std::fprintf(stderr, "%%RAVELIN-3-SA_INSTALL: %s\n", s.error().message.c_str());
}

void ProcessDataplane::record_event(const ike::engine::Event& ev) {
  std::fprintf(stderr, "%%%s: (SA ID = %u) %s\n", mnemonic(ev.kind), ev.tunnel_id, ev.text.c_str());
  events_.push_back(ev);
  while (events_.size() > kMaxEvents) events_.pop_front();
}

std::vector<ike::engine::Event> ProcessDataplane::recent_events() const { return {events_.begin(), events_.end()}; }

// `debug crypto ikev2 keylog PATH`: Wireshark's two UAT tables. A directory PATH receives files
// named as Wireshark names them (ikev2_decryption_table, esp_sa), so it can serve as a Wireshark
// profile folder; otherwise IKE rows go to PATH and ESP rows to PATH.esp_sa. Files are created 0600.
namespace {
std::string ike_table_path(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec) ? path + "/ikev2_decryption_table" : path;
}
std::string esp_table_path(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec) ? path + "/esp_sa" : path + ".esp_sa";
}
}  // namespace

Status ProcessDataplane::set_keylog_file(std::optional<std::string> path) {
  if (!path) {
    if (keylog_path_) std::fprintf(stderr, "%%RAVELIN-5-KEYLOG_OFF: no more keys are written to %s\n", keylog_path_->c_str());
    keylog_path_.reset();
    return {};
  }
  for (const auto& file : {ike_table_path(*path), esp_table_path(*path)}) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return make_error("cannot open " + file + ": " + std::strerror(errno));
    ::close(fd);
  }
  // Announced in the log (issue 5): from now on secrets leave the process, at the operator's request.
  std::fprintf(stderr, "%%RAVELIN-4-KEYLOG_ON: IKE and ESP keys of new SAs are written to %s and %s\n",
               ike_table_path(*path).c_str(), esp_table_path(*path).c_str());
  keylog_path_ = std::move(path);
  return {};
}

void ProcessDataplane::append_keylog(const std::string& file, const Result<std::string>& row) {
  if (!row.ok()) {
    std::fprintf(stderr, "%%RAVELIN-4-KEYLOG: %s\n", row.error().message.c_str());
    return;
  }
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    std::fprintf(stderr, "%%RAVELIN-4-KEYLOG: cannot open %s: %s\n", file.c_str(), std::strerror(errno));
    return;
  }
  std::string line = *row + "\n";
  ssize_t n = ::write(fd, line.data(), line.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(line.size())) std::fprintf(stderr, "%%RAVELIN-4-KEYLOG: short write to %s\n", file.c_str());
}

void ProcessDataplane::ike_sa_keys(const ike::crypto::IkeKeylogInput& in) {
  if (keylog_path_) append_keylog(ike_table_path(*keylog_path_), ike::crypto::ikev2_decryption_table_row(in));
}

void ProcessDataplane::child_sa_keys(const ike::crypto::EspKeylogInput& in) {
  if (keylog_path_) append_keylog(esp_table_path(*keylog_path_), ike::crypto::esp_sa_row(in));
}

std::optional<uint32_t> ProcessDataplane::entry_for_reqid(uint32_t reqid) const {
  auto it = entry_by_reqid_.find(reqid);
  if (it == entry_by_reqid_.end()) return std::nullopt;
  return it->second;
}

void ProcessDataplane::watch_kernel_events() {
  int fd = kernel_->event_fd();
  if (fd < 0) return;
  if (!kernel_events_) kernel_events_ = std::make_unique<boost::asio::posix::stream_descriptor>(io_, fd);
  kernel_events_->async_wait(boost::asio::posix::stream_descriptor::wait_read,
                             [this](const boost::system::error_code& ec) {
                               if (ec || stopped_) return;
                               for (const auto& ev : kernel_->drain()) on_kernel_event(ev);
                               watch_kernel_events();
                             });
}

void ProcessDataplane::on_kernel_event(const platform::KernelEvent& ev) {
  namespace eng = ike::engine;
  if (const auto* acq = std::get_if<platform::AcquireEvent>(&ev)) {
    // RFC 4301 §4.4.1: traffic hit a policy without SAs; negotiate for that crypto-map entry.
    auto entry = entry_for_reqid(acq->reqid);
    if (!entry) return;
    runtime_->apply(engine_->initiate(clock_.now(), *entry, acq->tmpl_dst));
    return;
  }
  if (const auto* exp = std::get_if<platform::ExpireEvent>(&ev)) {
    // The engine knows children by inbound SPI; an outbound SA's expiry is mapped to its child. Only
    // installed children count: a larval SA (ALLOCSPI, or an ACQUIRE placeholder) that times out
    // because ESP could not be installed must not tear down a child the engine negotiated.
    const ipsec::reconcile::ChildStatus* child = reconciler_->find(exp->sa.spi);
    if (child == nullptr) {
      for (const auto& c : reconciler_->query()) {
        if (c.outbound_spi == exp->sa.spi) child = reconciler_->find(c.inbound_spi);
      }
    }
    if (child == nullptr || child->state != ipsec::reconcile::ChildState::Installed) return;
    eng::KernelEvent ke;
    ke.kind = exp->hard ? eng::KernelEvent::Kind::HardExpire : eng::KernelEvent::Kind::SoftExpire;
    ke.inbound_spi = child->inbound_spi;
    runtime_->apply(engine_->on_kernel_event(clock_.now(), ke));
    return;
  }
  if (const auto* map = std::get_if<platform::MappingEvent>(&ev)) {
    // The peer's NAT moved its UDP port (RFC 3948): both SAs of the child follow it in place.
    std::fprintf(stderr, "%%RAVELIN-5-NAT_MAPPING: SA %08x: peer moved from %s to %s\n", map->sa.spi,
                 map->old_src.to_string().c_str(), map->new_src.to_string().c_str());
    Status s = reconciler_->on_mapping(*map);
    if (!s.ok()) std::fprintf(stderr, "%%RAVELIN-3-NAT_MAPPING: %s\n", s.error().message.c_str());
  }
}

}  // namespace ravelin::cli
