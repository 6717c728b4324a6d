package io.github.recoverygates.goldenpath;

import io.github.recoverygates.core.SecretMasker;
import java.util.ArrayList;
import java.util.List;

/**
 * The transcript of a journey as the report shows the first failing journey of each class: token,
 * upgrade, each message with its time and round trip, close.
 */
final class Transcripts {

    private static final int TRANSCRIPT_BODY_CHARS = 240;
    /** The first line of a journey that ran on the socket of the user's journey before (load.session: user). */
    static final String ON_OPEN_SOCKET = "on the open socket of the journey before (no login, no upgrade of its own)";

    private Transcripts() {
    }

    /** The first part of a recorded journey's transcript: token, upgrade, each message (masked, then cut), close. */
    static List<String> transcript(JourneyRecord r, SecretMasker masker) {
        List<String> lines = new ArrayList<>();
        if (!r.upgraded() && r.connected()) {
            lines.add(ON_OPEN_SOCKET);
        } else {
            lines.add(r.loginMs() >= 0 ? "token in " + r.loginMs() + " ms" : "no token");
        }
        if (r.upgraded()) {
            lines.add(r.connectMs() >= 0 ? "upgrade done in " + r.connectMs() + " ms, subprotocol '" + r.subprotocol() + "'"
                    : "upgrade failed");
        }
        for (JourneyRecord.Event e : r.events()) {
            String body = masker.mask(e.body().toString());
            if (body.length() > TRANSCRIPT_BODY_CHARS) {
                body = body.substring(0, TRANSCRIPT_BODY_CHARS) + "…";
            }
            lines.add("+" + e.atMs() + " ms " + e.type() + (e.rttMs() == null ? "" : " (round trip " + e.rttMs() + " ms)")
                    + " " + body);
        }
        if (r.closeCode() != 0) {
            lines.add("closed " + r.closeCode() + (r.closeReason() == null || r.closeReason().isEmpty() ? "" : " " + r.closeReason()));
        }
        return lines;
    }

    /** A transcript from the facts alone (a merged run whose shard kept no transcript of this journey). */
    static List<String> transcript(JourneyFacts f) {
        List<String> lines = new ArrayList<>();
        if (!f.upgraded() && f.connected()) {
            lines.add(ON_OPEN_SOCKET);
        } else {
            lines.add(f.loginMs() >= 0 ? "token in " + f.loginMs() + " ms" : "no token");
        }
        if (f.upgraded()) {
            lines.add(f.connectMs() >= 0 ? "upgrade done in " + f.connectMs() + " ms" : "upgrade failed");
        }
        for (JourneyFacts.Message m : f.events()) {
            lines.add("+" + m.atMs() + " ms " + m.type() + (m.rttMs() == null ? "" : " (round trip " + m.rttMs() + " ms)")
                    + " (body not kept in the shard report)");
        }
        return lines;
    }
}
