package io.github.recoverygates.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enum whose id — in reports, config and messages — is its name in lower case ({@code ERROR}
 * is {@code error}). One definition for every such enum: it implements this and gets {@link #id}.
 */
public interface LowerCaseId {

    /** The constant's name; every enum has it. */
    String name();

    /** The name in lower case; the value written in JSON. */
    @JsonValue
    default String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose id is {@code id}, ignoring case and surrounding blanks. */
    static <E extends Enum<E> & LowerCaseId> E of(Class<E> type, String id) {
        return Enum.valueOf(type, id.strip().toUpperCase(Locale.ROOT));
    }
}
