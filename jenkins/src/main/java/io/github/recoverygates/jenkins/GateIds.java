package io.github.recoverygates.jenkins;

import hudson.AbortException;
import hudson.model.InvisibleAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The gate action ids taken in one build, reserved when a step starts (in the order the script
 * reaches the steps, not the order they finish), so two calls never share an id and the same
 * script gives the same ids in every build.
 */
public class GateIds extends InvisibleAction {

    private final List<String> taken = new ArrayList<>();

    /** {@code wanted} as given by an {@code id:} parameter (must be free), or a derived base, numbered when taken. */
    synchronized String reserve(String wanted, boolean explicit) throws AbortException {
        if (explicit) {
            if (taken.contains(wanted)) {
                throw new AbortException("id '" + wanted + "' is already used by another gate step in this build");
            }
            taken.add(wanted);
            return wanted;
        }
        String id = wanted;
        for (int n = 2; taken.contains(id); n++) {
            id = wanted + "-" + n;
        }
        taken.add(id);
        return id;
    }
}
