package io.github.recoverygates.goldenpath;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** One line about what went wrong, never a stack trace. */
final class Causes {
    private Causes() {
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static String describe(Throwable error) {
        Throwable t = unwrap(error);
        String message = t.getMessage();
        if (message == null && t.getCause() != null) {
            message = t.getCause().getMessage();
        }
        String name = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }
}
