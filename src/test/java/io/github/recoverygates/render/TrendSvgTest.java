package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrendSvgTest {

    @Test
    void aRisingMetricIsDrawnFromBottomLeftToTopRight() {
        String svg = TrendSvg.of("parse rate (mission_critical)", "%",
                List.of(new TrendSvg.Point("#1", 34.7), new TrendSvg.Point("#2", 60), new TrendSvg.Point("#3", 100)));

        assertThat(svg).startsWith("<svg").endsWith("</svg>")
                .contains("points=\"28.0,132.0 240.0,91.7 452.0,28.0\"")
                .contains("max 100%, min 34.7%").contains(">#1<").contains(">#3<");
    }

    @Test
    void aFlatMetricStaysOnOneLineAndLabelsAreEscaped() {
        String svg = TrendSvg.of("<x>", "", List.of(new TrendSvg.Point("a&b", 5), new TrendSvg.Point("c", 5)));

        assertThat(svg).contains("points=\"28.0,132.0 452.0,132.0\"").contains("&lt;x&gt;").contains("a&amp;b")
                .doesNotContain("<x>");
    }

    @Test
    void fewerThanTwoBuildsGiveANoteInsteadOfAChart() {
        assertThat(TrendSvg.of("errors", "", List.of())).contains("no data yet").doesNotContain("<svg");
        assertThat(TrendSvg.of("errors", "", List.of(new TrendSvg.Point("#4", 3)))).contains("errors: 3 (a trend needs two builds)");
    }
}
