package io.github.recoverygates.python;

/**
 * How the tokenizer reads what CPython would refuse. Sound code reads the same in every dialect;
 * they differ in where a string that never ends stops, in PEP 701 f-strings (quotes of the
 * outer string inside a replacement field) and in the guesses a reader of broken files makes.
 *
 * @param singleToLineEnd   an unterminated single-quoted string runs to the end of its line (else
 *                          its quote is an ERROR token and the rest of the line is read as code)
 * @param tripleToEnd       an unterminated triple-quoted string runs to the end of the file (else
 *                          its quotes are an ERROR token and what follows is read as code)
 * @param nestedFStrings    replacement fields of f-strings may hold strings in the same quotes
 * @param suspectSwallowed  a triple-quoted string directly followed by a name character, or holding
 *                          a line that starts a top-level {@code def}/{@code class}/decorator, is
 *                          taken as an opening quote that never closed
 * @param definitionsCloseBrackets an unclosed bracket is forgotten at a following line that starts
 *                          with {@code def}, {@code async def}, {@code class} or a decorator
 */
public record Dialect(boolean singleToLineEnd, boolean tripleToEnd, boolean nestedFStrings, boolean suspectSwallowed,
                      boolean definitionsCloseBrackets) {

    /** CPython 3.11's reading: an unterminated string is one string to its line's or the file's end. */
    public static final Dialect CPYTHON = new Dialect(true, true, false, false, false);

    /** Like CPython 3.12+: f-strings nest. */
    public static final Dialect NESTED_F_STRINGS = new Dialect(true, true, true, false, false);

    /** For files that do not compile: an unclosed triple quote or bracket does not swallow the rest of the file. */
    public static final Dialect TOLERANT = new Dialect(true, false, true, true, true);

    /** For repairs: every quote that opens no complete string is an ERROR token, and lexing goes on after it. */
    public static final Dialect ERROR_TOKENS = new Dialect(false, false, false, false, false);
}
