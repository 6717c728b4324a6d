package io.github.recoverygates.render;

import java.util.List;
import java.util.Locale;

/**
 * A small inline SVG line chart of one gate's key metric across builds, for a CI's project page.
 * No charting library: a polyline, the first and last labels, min and max. All text is escaped.
 */
public final class TrendSvg {

    /** One build's value; {@code label} is what the x axis shows (a build number). */
    public record Point(String label, double value) {
    }

    public static final int WIDTH = 480;
    public static final int HEIGHT = 160;
    private static final int PAD = 28;

    private TrendSvg() {
    }

    /** The chart for points in build order (oldest first); a note instead of a chart for fewer than two. */
    public static String of(String title, String unit, List<Point> points) {
        String u = unit == null ? "" : unit;
        if (points.size() < 2) {
            return "<p class=\"recovery-gates-trend\">" + HtmlText.esc(title) + ": "
                    + (points.isEmpty() ? "no data yet" : Numbers.format(points.get(0).value()) + HtmlText.esc(u))
                    + " (a trend needs two builds)</p>";
        }
        double min = points.stream().mapToDouble(Point::value).min().orElse(0);
        double max = points.stream().mapToDouble(Point::value).max().orElse(0);
        double span = max - min == 0 ? 1 : max - min;
        double step = (WIDTH - 2.0 * PAD) / (points.size() - 1);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            double x = PAD + i * step;
            double y = HEIGHT - PAD - (points.get(i).value() - min) / span * (HEIGHT - 2.0 * PAD);
            line.append(i == 0 ? "" : " ").append(coord(x)).append(',').append(coord(y));
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"recovery-gates-trend\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\">");
        svg.append("<title>").append(HtmlText.esc(title)).append("</title>");
        svg.append("<text x=\"").append(PAD).append("\" y=\"16\" font-size=\"12\">").append(HtmlText.esc(title))
                .append(" — max ").append(HtmlText.esc(Numbers.format(max) + u))
                .append(", min ").append(HtmlText.esc(Numbers.format(min) + u)).append("</text>");
        svg.append("<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" points=\"").append(line).append("\"/>");
        svg.append("<text x=\"").append(PAD).append("\" y=\"").append(HEIGHT - 8).append("\" font-size=\"11\">")
                .append(HtmlText.esc(points.get(0).label())).append("</text>");
        svg.append("<text x=\"").append(WIDTH - PAD).append("\" y=\"").append(HEIGHT - 8)
                .append("\" font-size=\"11\" text-anchor=\"end\">")
                .append(HtmlText.esc(points.get(points.size() - 1).label())).append("</text>");
        svg.append("</svg>");
        return svg.toString();
    }

    private static String coord(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
