package io.github.recoverygates.ssot;

import java.util.List;

/** One single-source-of-truth rule: what it is called, what it means, and its violations in a scanned tree. */
interface Rule {

    /** The id after {@code ssot/}: {@code duplicate}, {@code boundary}, … */
    String id();

    /** One sentence: what a violation of this rule is (SARIF's rule description). */
    String description();

    List<Violation> check(SsotConfig config, ScanIndex index);
}
