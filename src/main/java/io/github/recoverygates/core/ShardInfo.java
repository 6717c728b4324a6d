package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Which slice of a sharded run a report covers: shard {@code index} of {@code count}, and a digest of
 * the whole file list every shard chose its slice from — equal in every shard of one run, so
 * {@code merge} can tell a missing, repeated or foreign shard.
 */
@JsonPropertyOrder({"index", "count", "workspace"})
public record ShardInfo(int index, int count, String workspace) {

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
