package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A run compared with an earlier report of the same gate: how many findings are new, how many
 * were there before and are still failing, and which of the earlier ones are fixed.
 */
@JsonPropertyOrder({"file", "newCount", "unchangedCount", "fixedCount", "fixed"})
public record BaselineDiff(String file, int newCount, int unchangedCount, int fixedCount, List<Finding> fixed) {
    public BaselineDiff {
        fixed = fixed == null ? List.of() : fixed.stream().sorted(Finding.ORDER).toList();
    }
}
