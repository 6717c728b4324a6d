package io.github.recoverygates.jenkins;

/** Small helpers for the steps' setters. */
final class Blank {
    private Blank() {
    }

    static String toNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
