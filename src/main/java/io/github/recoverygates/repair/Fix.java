package io.github.recoverygates.repair;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of repair, each with its id in reports. */
enum Fix {
    CLOSE_STRING("close-string"),
    RESTORE_DOCSTRING_QUOTES("restore-docstring-quotes"),
    CLOSE_TRIPLE_QUOTE("close-triple-quote"),
    DEDUPLICATE_TRIPLE_QUOTES("deduplicate-triple-quotes"),
    MOVE_QUOTE("move-quote-back"),
    CLOSE_BRACKET("close-bracket"),
    REPLACE_BRACKET("replace-bracket"),
    DELETE_BRACKET("delete-bracket"),
    PROSE_TO_COMMENT("prose-to-comment"),
    PROSE_TO_DOCSTRING("prose-to-docstring"),
    DEDENT("dedent"),
    INDENT_BODY("indent-body"),
    ADD_PASS("add-pass"),
    REALIGN("realign-indentation"),
    EXPAND_TABS("expand-tabs"),
    RESTORE_AND_REAPPLY("restore-and-reapply"),
    RESTORE_BACKUP("restore-backup"),
    CHANGE_IMPORT("change-import"),
    RESTORE_MODULE("restore-module");

    private final String id;

    Fix(String id) {
        this.id = id;
    }

    @JsonValue
    String id() {
        return id;
    }
}
