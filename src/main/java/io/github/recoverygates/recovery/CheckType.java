package io.github.recoverygates.recovery;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The kinds of check; each has one probe class. */
public enum CheckType {
    HTTP, TCP, REDIS, POSTGRES, WEBSOCKET, COMMAND;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
