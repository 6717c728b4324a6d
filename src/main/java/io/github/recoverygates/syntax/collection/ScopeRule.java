package io.github.recoverygates.syntax.collection;

import java.util.List;

/**
 * A named set of test files to count and guard, e.g. {@code {name: payments, include: ["services/payments/tests/**"]}}.
 *
 * @param name     the scope's name in metrics ({@code tests.scope.<name>.collectable}) and thresholds ({@code collect.<name>})
 * @param include  path globs (relative to the root) of the files in the scope
 * @param minTests how many collectable tests the scope must have when it has test files (default 1)
 */
public record ScopeRule(String name, List<String> include, Integer minTests) {

    public ScopeRule {
        include = include == null ? List.of() : List.copyOf(include);
    }

    public int requiredTests() {
        return minTests == null ? 1 : minTests;
    }
}
