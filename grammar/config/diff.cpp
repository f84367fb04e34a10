#include "grammar/config/diff.hpp"

namespace ravelin::grammar::config {
namespace {

bool same_content(const Node& a, const Node& b) {
  return a.words() == b.words() && a.args() == b.args() && a.negated() == b.negated() &&
         a.verbatim_lines() == b.verbatim_lines();
}

void created(const NodePtr& n, std::vector<std::string>& path, ChangeSet& out) {
  path.push_back(n->words());
  out.push_back({Change::Op::Create, path, nullptr, n});
  for (const auto& [k, c] : n->child_map()) created(c, path, out);
  path.pop_back();
}

void deleted(const NodePtr& n, std::vector<std::string>& path, ChangeSet& out) {
  path.push_back(n->words());
  for (const auto& [k, c] : n->child_map()) deleted(c, path, out);
  out.push_back({Change::Op::Delete, path, n, nullptr});
  path.pop_back();
}

void walk(const Node& a, const Node& b, std::vector<std::string>& path, ChangeSet& out) {
  auto ia = a.child_map().begin();
  auto ib = b.child_map().begin();
  const auto ea = a.child_map().end();
  const auto eb = b.child_map().end();
  while (ia != ea || ib != eb) {
    if (ia != ea && ib != eb && ia.at_chunk_start() && ib.at_chunk_start() && ia.chunk() == ib.chunk()) {
      ia.skip_chunk();  // a chunk shared by both trees holds the same children
      ib.skip_chunk();
      continue;
    }
    if (ib == eb || (ia != ea && ia->first < ib->first)) {
      deleted(ia->second, path, out);
      ++ia;
    } else if (ia == ea || ib->first < ia->first) {
      created(ib->second, path, out);
      ++ib;
    } else {
      if (ia->second != ib->second) {
        path.push_back(ib->second->words());
        if (!same_content(*ia->second, *ib->second)) {
          out.push_back({Change::Op::Modify, path, ia->second, ib->second});
        }
        walk(*ia->second, *ib->second, path, out);
        path.pop_back();
      }
      ++ia;
      ++ib;
    }
  }
}

size_t count_nodes(const Node& n) {
  size_t c = n.child_count();
  for (const auto& [k, child] : n.child_map()) c += count_nodes(*child);
  return c;
}

}  // namespace

ChangeSet diff(const Snapshot& from, const Snapshot& to) {
  ChangeSet out;
  if (!from.valid() || !to.valid() || from.root_ptr() == to.root_ptr()) return out;
  // A load into an empty tree creates every node: one allocation for the whole change set.
  if (from.root().child_count() == 0) out.reserve(count_nodes(to.root()));
  std::vector<std::string> path;
  path.reserve(8);
  walk(from.root(), to.root(), path, out);
  return out;
}

std::string describe(const ChangeSet& changes) {
  std::string s;
  for (const auto& c : changes) {
    s += c.op == Change::Op::Create ? "+ " : c.op == Change::Op::Delete ? "- " : "~ ";
    const bool masked = !c.node().decl().leaf.mask.empty();
    for (size_t i = 0; i < c.path.size(); ++i) {
      if (i) s += " / ";
      s += (masked && i + 1 == c.path.size()) ? c.node().id() + " *****" : c.path[i];
    }
    s += '\n';
  }
  return s;
}

}  // namespace ravelin::grammar::config
