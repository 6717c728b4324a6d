package io.github.recoverygates.recovery;

import io.github.recoverygates.core.LowerCaseId;

/** The kinds of check; each has one probe class. */
public enum CheckType implements LowerCaseId {
    HTTP, TCP, REDIS, POSTGRES, WEBSOCKET, COMMAND;

    @Override
    public String toString() {
        return id();
    }
}
