package io.github.recoverygates.goldenpath;

import java.util.ArrayList;
import java.util.List;

/**
 * The frames of the one journey {@code goldenPath.trace} names — upgrade, texts both ways, close, stop —
 * with their times since the journey started, at most {@value #MAX_LINES} of them. The journey masks
 * each text before it is added.
 */
final class JourneyTrace {

    private static final int MAX_LINES = 500;

    private final long startedNanos;
    private final List<JourneyRecord.TraceLine> lines = new ArrayList<>();

    private JourneyTrace(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    /** A trace for the journey of {@code template} when {@code trace} names it, else null. */
    static JourneyTrace of(GoldenPathConfig.Trace trace, Template template, long startedNanos) {
        return trace != null && trace.enabled() && trace.user() == template.user()
                && trace.iteration() == template.iteration() ? new JourneyTrace(startedNanos) : null;
    }

    /** Whether another frame is kept. */
    boolean open() {
        return lines.size() < MAX_LINES;
    }

    void add(String direction, String frame, String maskedData) {
        if (open()) {
            lines.add(new JourneyRecord.TraceLine((System.nanoTime() - startedNanos) / 1_000_000, direction, frame,
                    maskedData));
        }
    }

    List<JourneyRecord.TraceLine> lines() {
        return List.copyOf(lines);
    }
}
