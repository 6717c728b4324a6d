package io.github.recoverygates.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Categories come from the interpreter's wording across CPython 3.8 to 3.13")
class PythonCategoryTest {

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "unterminated-string|SyntaxError|unterminated string literal (detected at line 3)|false",
            "unterminated-string|SyntaxError|EOL while scanning string literal|false",
            "unterminated-triple-quoted-string|SyntaxError|unterminated triple-quoted string literal (detected at line 9)|false",
            "unterminated-triple-quoted-string|SyntaxError|EOF while scanning triple-quoted string literal|false",
            "unmatched-bracket|SyntaxError|unmatched ')'|false",
            "unmatched-bracket|SyntaxError|closing parenthesis ']' does not match opening parenthesis '('|false",
            "unmatched-bracket|SyntaxError|'{' was never closed|false",
            "invalid-decimal-literal|SyntaxError|invalid decimal literal|false",
            "invalid-decimal-literal|SyntaxError|invalid hexadecimal literal|false",
            "invalid-decimal-literal|SyntaxError|leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers|false",
            "unexpected-indent|IndentationError|unexpected indent|false",
            "expected-indented-block|IndentationError|expected an indented block after 'if' statement on line 4|false",
            "expected-indented-block|IndentationError|expected an indented block|false",
            "unindent-mismatch|IndentationError|unindent does not match any outer indentation level|false",
            "unindent-mismatch|TabError|inconsistent use of tabs and spaces in indentation|false",
            "f-string|SyntaxError|f-string: expecting '}'|false",
            "f-string|SyntaxError|f-string: single '}' is not allowed|false",
            "f-string|SyntaxError|unterminated f-string literal (detected at line 1)|false",
            "compile-time|SyntaxError|'return' outside function|true",
            "compile-time|SyntaxError|nonlocal declaration not allowed at module level|true",
            "compile-time|SyntaxError|'await' outside function|true",
            "encoding|SyntaxError|unknown encoding: klingon|false",
            "encoding|SyntaxError|encoding problem: utf-8 with BOM|false",
            "encoding|SyntaxError|Non-UTF-8 code starting with '\\xe9' in file x.py on line 1, but no encoding declared|false",
            "encoding|UnicodeDecodeError|'utf-8' codec can't decode byte 0xff in position 0|false",
            "null-bytes|ValueError|source code string cannot contain null bytes|false",
            "null-bytes|SyntaxError|source code cannot contain null bytes|false",
            "other|SyntaxError|invalid syntax|false",
            "other|RecursionError|maximum recursion depth exceeded during compilation|false",
            "other|SyntaxError|(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape|false",
    })
    void theMessageDecidesTheCategory(String category, String type, String message, boolean astOk) {
        assertThat(PythonCategory.of(type, message, astOk)).isEqualTo(category);
    }
}
