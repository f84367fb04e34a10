#include "grammar/config/render.hpp"

#include <algorithm>

namespace ravelin::grammar::config {
namespace {

std::vector<const Decl*> ordered_decls(const Decl& d) {
  std::vector<const Decl*> v(d.children.begin(), d.children.end());
  std::stable_sort(v.begin(), v.end(), [](const Decl* a, const Decl* b) {
    return a->rank() != b->rank() ? a->rank() < b->rank() : a->index < b->index;
  });
  return v;
}

bool is_block(const Node& n) {
  const Decl& d = n.decl();
  return (d.kind == DeclKind::List || d.kind == DeclKind::Container) && d.list.header && d.enters != nullptr;
}

std::string masked_words(const Node& n) {
  std::string w = n.words();
  for (const auto& b : n.decl().leaf.mask) {
    const Value* v = n.args().find(b);
    if (!v || v->text().empty()) continue;
    const auto p = w.rfind(v->text());
    if (p != std::string::npos) w.replace(p, v->text().size(), "*****");
  }
  return w;
}

std::string own_text(const Node& n, const RenderOptions& o) {
  const Decl& d = n.decl();
  const RenderHook& hook = (d.kind == DeclKind::List || d.kind == DeclKind::Container) ? d.list.render : d.leaf.render;
  if (hook) return hook(n, o);
  std::string w = o.mask_secrets ? masked_words(n) : n.words();
  return n.negated() ? "no " + w : w;
}

void line(std::string& out, int depth, std::string_view prefix, std::string_view text) {
  out.append(static_cast<size_t>(depth), ' ');
  out += prefix;
  out += text;
  out += '\n';
}

void render_children(const Node& node, int depth, std::string_view prefix, const RenderOptions& o,
                     std::string& out);

void render_one(const Node& n, int depth, std::string_view prefix, const RenderOptions& o, std::string& out) {
  const Decl& d = n.decl();
  if ((d.kind == DeclKind::List || d.kind == DeclKind::Container) && !d.list.header) {
    const std::string p = std::string(prefix) + n.words() + " ";
    render_children(n, depth, p, o, out);
    return;
  }
  line(out, depth, prefix, own_text(n, o));
  if (d.kind == DeclKind::Verbatim) {
    for (const auto& l : n.verbatim_lines()) {
      out += l;
      out += '\n';
    }
    return;
  }
  if (is_block(n)) {
    render_children(n, depth + 1, "", o, out);
    if (o.separators && d.list.separator) line(out, depth, "", "!");
  }
}

void render_children(const Node& node, int depth, std::string_view prefix, const RenderOptions& o,
                     std::string& out) {
  bool pending_bang = false;  // top level: a run of single lines is closed by "!" before the next kind
  const Decl* prev = nullptr;
  for (const Decl* d : ordered_decls(node.decl())) {
    const auto nodes = node.all(d->id);
    if (nodes.empty() && d->leaf.show_default && d->leaf.dflt &&
        (d->kind == DeclKind::Leaf)) {
      line(out, depth, prefix, d->pattern.leading_keywords + " " + d->leaf.dflt->text());
      continue;
    }
    if (nodes.empty()) continue;
    // Passthrough lines of one subsystem (`ip nat pool …`, `ip nat inside source …`) stay one run.
    const bool same_run = prev && prev->kind == DeclKind::Verbatim && d->kind == DeclKind::Verbatim &&
                          prev->rank() == d->rank();
    if (pending_bang && !same_run && o.separators && depth == 0 && prefix.empty()) line(out, 0, "", "!");
    pending_bang = false;
    prev = d;
    for (const Node* n : nodes) render_one(*n, depth, prefix, o, out);
    pending_bang = depth == 0 && prefix.empty() && !is_block(*nodes.back()) &&
                   !(d->kind == DeclKind::List && !d->list.header);
  }
}

}  // namespace

void render_node(const Node& node, int depth, const RenderOptions& opts, std::string& out) {
  render_one(node, depth, "", opts, out);
}

std::string render(const Snapshot& snapshot, const RenderOptions& opts) {
  std::string out;
  if (!snapshot.valid()) return out;
  render_children(snapshot.root(), 0, "", opts, out);
  return out;
}

}  // namespace ravelin::grammar::config
