package io.github.recoverygates.render;

import io.github.recoverygates.core.Graph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a {@link Graph} as inline SVG: nodes in layers by dependency depth, each box classed by its
 * state, "blocks" edges dashed. Styling comes from the page's stylesheet (classes only, no style
 * attributes), so it renders under a strict Content-Security-Policy.
 */
final class GraphSvg {

    private static final int BOX_W = 150;
    private static final int BOX_H = 40;
    private static final int COL = 190;
    private static final int ROW = 60;

    private GraphSvg() {
    }

    static String render(Graph g) {
        Map<String, Set<String>> deps = new LinkedHashMap<>();
        g.nodes().forEach(n -> deps.put(n.id(), new LinkedHashSet<>()));
        for (Graph.Edge e : g.edges()) {
            if (deps.containsKey(e.from()) && deps.containsKey(e.to())) {
                deps.get(e.to()).add(e.from());
            }
        }
        Map<String, Integer> layer = new LinkedHashMap<>();
        deps.keySet().forEach(n -> depth(n, deps, layer, new LinkedHashSet<>()));
        Map<Integer, List<String>> byLayer = new LinkedHashMap<>();
        layer.forEach((n, l) -> byLayer.computeIfAbsent(l, k -> new ArrayList<>()).add(n));
        int layers = layer.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int rows = byLayer.values().stream().mapToInt(List::size).max().orElse(1);
        int w = layers * COL + 20;
        int h = rows * ROW + 20;
        Map<String, int[]> pos = new LinkedHashMap<>();
        byLayer.forEach((l, inLayer) -> {
            for (int i = 0; i < inLayer.size(); i++) {
                pos.put(inLayer.get(i), new int[]{20 + l * COL, 20 + i * ROW});
            }
        });
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"graph\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" role=\"img\" aria-label=\"").append(HtmlText.esc(g.title()))
                .append("\">");
        for (Graph.Edge e : g.edges()) {
            int[] a = pos.get(e.from());
            int[] b = pos.get(e.to());
            if (a != null && b != null) {
                s.append("<line class=\"edge ").append(HtmlText.cls(e.kind().id())).append("\" x1=\"").append(a[0] + BOX_W)
                        .append("\" y1=\"").append(a[1] + BOX_H / 2).append("\" x2=\"").append(b[0]).append("\" y2=\"")
                        .append(b[1] + BOX_H / 2).append("\"/>");
            }
        }
        for (Graph.Node n : g.nodes()) {
            int[] p = pos.get(n.id());
            String state = n.state() == null ? "" : n.state().id();
            s.append("<g class=\"node ").append(HtmlText.cls(state)).append("\" data-node=\"").append(HtmlText.esc(n.id()))
                    .append("\"><title>").append(HtmlText.esc(n.label() + (n.detail() == null ? "" : " — " + n.detail())))
                    .append("</title><rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"")
                    .append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"6\"/><text x=\"")
                    .append(p[0] + BOX_W / 2).append("\" y=\"").append(p[1] + 17).append("\">")
                    .append(HtmlText.esc(Wording.oneLine(n.label(), 22))).append("</text><text class=\"state\" x=\"")
                    .append(p[0] + BOX_W / 2).append("\" y=\"").append(p[1] + 32).append("\">")
                    .append(HtmlText.esc(Wording.oneLine(state + (n.detail() == null ? "" : " · " + n.detail()), 28)))
                    .append("</text></g>");
        }
        return s.append("</svg>").toString();
    }

    private static int depth(String node, Map<String, Set<String>> deps, Map<String, Integer> memo, Set<String> path) {
        Integer known = memo.get(node);
        if (known != null) {
            return known;
        }
        if (!path.add(node)) {
            return 0; // a cycle: the recovery gate reports it; here it only must not loop
        }
        int d = 0;
        for (String dep : deps.getOrDefault(node, Set.of())) {
            d = Math.max(d, depth(dep, deps, memo, path) + 1);
        }
        path.remove(node);
        memo.put(node, d);
        return d;
    }
}
