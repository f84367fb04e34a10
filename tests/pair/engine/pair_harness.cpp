#include "tests/pair/engine/pair_harness.hpp"

#include <algorithm>

namespace ravelin::test {

using ike::engine::Effects;
using ike::engine::EventKind;
using platform::IpAddress;
using platform::TimePoint;

void RecordingKernel::apply(const Effects& fx) {
  // Make-before-break: installs first, then removals (the engine orders them that way too).
  for (const auto& sa : fx.install) {
    sas[sa.inbound_spi] = sa;
    ++installs;
  }
  for (const auto& r : fx.remove) {
    if (sas.erase(r.inbound_spi)) ++removals;
  }
}

Peer::Peer(std::string n, IpAddress addr, uint64_t seed, uint32_t first_spi, ike::engine::EngineSettings s)
    : name(std::move(n)), address(addr), spis(first_spi), settings(s) {
  restart(seed);
}

void Peer::restart(uint64_t seed) {
  random = std::make_unique<ike::crypto::DeterministicRandom>(seed);
  engine = std::make_unique<ike::engine::Engine>(ike::engine::EngineDeps{random.get(), &spis, nullptr, keylog}, settings);
}

bool Peer::saw(EventKind kind, const std::string& part) const {
  return std::any_of(events.begin(), events.end(), [&](const ike::engine::Event& e) {
    return e.kind == kind && e.text.find(part) != std::string::npos;
  });
}

std::string Peer::events_text() const {
  std::string s;
  for (const auto& e : events) s += name + " event " + std::to_string(static_cast<int>(e.kind)) + ": " + e.text + "\n";
  return s;
}

ike::config::IkeConfig site_config(const IpAddress& self, const IpAddress& peer, int site, int peer_site,
                                   const SiteOptions& o) {
  using namespace ike::config;
  IkeConfig c;
  c.proposals.push_back({"prop", o.encryption, o.integrity, {}, o.groups});
  c.policies.push_back({"pol", {}, {"prop"}});
  KeyringPeer kp;
  kp.name = "peer";
  kp.address = platform::Prefix::host(peer);
  kp.pre_shared_key_local = o.psk;
  kp.pre_shared_key_remote = o.peer_psk.empty() ? o.psk : o.peer_psk;
  c.keyrings.push_back({"kr", {kp}});
  Profile p;
  p.name = "prof";
  IdentityMatch m;
  m.kind = IdentityMatch::Kind::Address;
  m.prefix = platform::Prefix::host(peer);
  p.match_identity_remote.push_back(m);
  p.keyring = "kr";
  p.lifetime_seconds = o.ike_lifetime;
  c.profiles.push_back(p);
  c.transform_sets.push_back({"ts", o.esp_encryption, o.esp_integrity, ipsec::sa::Mode::Tunnel});
  CryptoMapEntry e;
  e.map_name = "cmap";
  e.seq = 10;
  e.peers = {peer};
  e.local_address = self;
  auto net = [](int s) {
    return ipsec::ts::TrafficSelector::from_prefix(*platform::Prefix::parse("192.168." + std::to_string(s) + ".0/24"));
  };
  e.local_ts = {net(site)};
  e.remote_ts = {net(peer_site)};
  e.transform_sets = {"ts"};
  e.profile = "prof";
  e.pfs_group = o.pfs_group;
  e.lifetime_seconds = o.child_lifetime;
  c.crypto_map.push_back(e);
  return c;
}

Pair::Pair()
    : a("A", *IpAddress::parse("10.0.0.1"), 1, 0xa0000001u), b("B", *IpAddress::parse("10.0.0.2"), 2, 0xb0000001u) {}

void Pair::configure(const ike::config::IkeConfig& ca, const ike::config::IkeConfig& cb) {
  map_a_ = ca.crypto_map.empty() ? 0 : ca.crypto_map.front().id();
  map_b_ = cb.crypto_map.empty() ? 0 : cb.crypto_map.front().id();
  absorb(a, a.engine->on_config(clock.now(), std::make_shared<const ike::config::IkeConfig>(ca)));
  absorb(b, b.engine->on_config(clock.now(), std::make_shared<const ike::config::IkeConfig>(cb)));
}

void Pair::configure(const SiteOptions& oa, const SiteOptions& ob) {
  configure(site_config(a.address, b.address, 1, 2, oa), site_config(b.address, a.address, 2, 1, ob));
}

void Pair::initiate_from_a() { absorb(a, a.engine->initiate(clock.now(), map_a_)); }
void Pair::initiate_from_b() { absorb(b, b.engine->initiate(clock.now(), map_b_)); }

void Pair::absorb(Peer& from, Effects fx) {
  from.kernel.apply(fx);
  for (auto& e : fx.events) from.events.push_back(std::move(e));
  for (auto& d : fx.datagrams) net.send(clock.now(), std::move(d));
}

Peer& Pair::peer_for(const IpAddress& addr) { return addr == a.address ? a : b; }

bool Pair::step(TimePoint limit) {
  TimePoint next = limit;
  for (auto t : {net.next_delivery(), a.engine->next_deadline(), b.engine->next_deadline()}) {
    if (t && *t < next) next = *t;
  }
  clock.advance_to(next);
  for (auto& d : net.take_due(clock.now())) {
    Peer& to = peer_for(d.remote.address);
    if (d.keepalive) {
      to.keepalives_in.push_back(std::move(d));
      continue;
    }
    absorb(to, to.engine->on_datagram(clock.now(), d.remote, d.local, d.bytes));
  }
  for (Peer* p : {&a, &b}) {
    auto t = p->engine->next_deadline();
    if (t && *t <= clock.now()) absorb(*p, p->engine->on_timer(clock.now()));
  }
  return clock.now() < limit;
}

void Pair::run_for(platform::Duration d) {
  const TimePoint limit = clock.now() + d;
  // Bounded: every step either advances time or consumes a due datagram/timer.
  for (int i = 0; i < 10'000'000 && step(limit); ++i) {
  }
}

bool Pair::run_until(const std::function<bool()>& done, platform::Duration limit) {
  const TimePoint end = clock.now() + limit;
  for (int i = 0; i < 10'000'000 && !done(); ++i) {
    if (!step(end)) break;
  }
  return done();
}

bool Pair::establish_one_child() {
  initiate_from_a();
  return run_until([&] { return both_ready() && a.kernel.sas.size() == 1 && b.kernel.sas.size() == 1; },
                   std::chrono::seconds(10));
}

bool Pair::both_ready() const {
  auto ready = [](const Peer& p) {
    auto s = p.engine->snapshot();
    return !s.empty() && std::all_of(s.begin(), s.end(), [](const auto& x) {
      return x.status == ike::engine::IkeStatus::Ready;
    });
  };
  return ready(a) && ready(b);
}

bool Pair::kernels_agree(std::string* why) const {
  auto fail = [&](const std::string& w) {
    if (why) *why = w;
    return false;
  };
  if (a.kernel.sas.size() != b.kernel.sas.size()) {
    return fail("A holds " + std::to_string(a.kernel.sas.size()) + " SAs, B " + std::to_string(b.kernel.sas.size()));
  }
  for (const auto& [spi, sa] : a.kernel.sas) {
    auto it = b.kernel.sas.find(sa.outbound_spi);
    if (it == b.kernel.sas.end()) return fail("B has no SA for A's outbound SPI");
    const auto& o = it->second;
    if (o.outbound_spi != sa.inbound_spi) return fail("SPIs are not crossed");
    if (!(o.inbound_encr_key == sa.outbound_encr_key) || !(o.outbound_encr_key == sa.inbound_encr_key) ||
        !(o.inbound_integ_key == sa.outbound_integ_key) || !(o.outbound_integ_key == sa.inbound_integ_key)) {
      return fail("keys differ");
    }
    if (o.local_ts != sa.remote_ts || o.remote_ts != sa.local_ts) return fail("selectors are not mirrored");
    if (!(o.algorithms == sa.algorithms)) return fail("algorithms differ");
  }
  return true;
}

bool engines_match_kernels(const Peer& p, std::string* why) {
  size_t children = 0;
  for (const auto& s : p.engine->snapshot()) {
    for (const auto& c : s.children) {
      ++children;
      if (!p.kernel.sas.count(c.inbound_spi)) {
        if (why) *why = p.name + ": engine child not in kernel";
        return false;
      }
    }
  }
  if (children != p.kernel.sas.size()) {
    if (why) *why = p.name + ": kernel holds " + std::to_string(p.kernel.sas.size()) + " SAs, engine " +
                    std::to_string(children);
    return false;
  }
  return true;
}

}  // namespace ravelin::test
