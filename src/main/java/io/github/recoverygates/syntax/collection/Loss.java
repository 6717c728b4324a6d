package io.github.recoverygates.syntax.collection;

/** Why the tests of a test file cannot be collected. */
enum Loss { NONE, SYNTAX, CONFTEST, PACKAGE }
