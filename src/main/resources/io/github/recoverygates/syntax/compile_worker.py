# Recovery Gates syntax worker: the verdict for each file is exactly compile(bytes, path, "exec")
# of this interpreter. Protocol (one JSON document per line, UTF-8):
#   out, once at start: {"hello": 1, "version": ..., "implementation": ..., "executable": ...}
#   in:  {"paths": [absolute paths], "hash": true|false, "flush": "each"|"batch", "tables": "tc..."}
#        "tables", when given, has one letter per path: "t" where the engine found that the code
#        generator cannot fail for the file (CPython 3.11's compile.c errors, io.github.recoverygates
#        .python.CodegenErrors), so that _symtable.symtable() -- the same parse, __future__ checks and
#        symbol table, without code generation -- gives compile()'s verdict; "c" compiles in full
#   out: one line per path, in order: exactly {"ok":1} or {"ok":1,"sha":"<40 hex>"} (read without a
#        JSON parser), or {"ok": 0, "type": ..., "msg": ..., "line": ..., "col": ..., "endLine": ...,
#        "endCol": ..., "astOk": bool} (plus "sha" when hash was asked)
# No __future__ imports here: compile() is called with dont_inherit=True anyway.
import _symtable
import ast
import gc
import hashlib
import json
import sys
import time
import warnings


OK_LINE = '{"ok":1}\n'
COLLECT_EVERY = 1000
PARSER_ONLY = ("unterminated ", "unmatched ", "closing parenthesis", "invalid decimal literal",
               "invalid hexadecimal literal", "invalid octal literal", "invalid binary literal",
               "invalid digit", "leading zeros", "f-string", "unknown encoding", "encoding problem",
               "Non-UTF-8", "(unicode error)", "source code", "EOL while", "EOF while", "invalid syntax",
               "expected ':'", "too many nested", "unexpected EOF")


def position(data, index):
    line = data.count(b"\n", 0, index) + 1
    start = data.rfind(b"\n", 0, index) + 1
    return line, index - start + 1


def failure(data, exc):
    result = {"ok": 0, "type": type(exc).__name__}
    if isinstance(exc, SyntaxError):
        result["msg"] = exc.msg if exc.msg is not None else str(exc)
        for key, value in (("line", exc.lineno), ("col", exc.offset),
                           ("endLine", getattr(exc, "end_lineno", None)),
                           ("endCol", getattr(exc, "end_offset", None))):
            if isinstance(value, int) and value > 0:
                result[key] = value
        # Errors only the compiler sees ('return' outside function, ...) parse fine. Messages that
        # only the tokenizer or parser produce need no second parse.
        if not isinstance(exc, IndentationError) and not result["msg"].startswith(PARSER_ONLY) \
                and "was never closed" not in result["msg"]:
            try:
                ast.parse(data)
                result["astOk"] = True
            except BaseException:
                result["astOk"] = False
    else:
        result["msg"] = str(exc) or type(exc).__name__
    if "line" not in result and data is not None and b"\x00" in data:
        result["line"], result["col"] = position(data, data.index(b"\x00"))
    return result


def check(path, want_hash, table_only=False):
    data = None
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return {"ok": 0, "type": "OSError", "msg": "cannot read file: " + (exc.strerror or str(exc))}
    # git's blob id of the bytes compiled: the content key the engine's cache uses (core/ContentKeys)
    sha = None
    if want_hash:
        digest = hashlib.sha1(b"blob %d\0" % len(data))
        digest.update(data)
        sha = digest.hexdigest()
    try:
        if table_only:
            _symtable.symtable(data, path, "exec")
        else:
            compile(data, path, "exec", dont_inherit=True)
        result = None
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, OverflowError) as exc:
        result = failure(data, exc)
    except (RecursionError, MemoryError) as exc:
        result = failure(data, exc)
    except Exception as exc:  # anything else compile() raises is still its verdict
        result = failure(data, exc)
    if result is None:
        return '{"ok":1,"sha":"' + sha + '"}\n' if sha else OK_LINE
    if sha:
        result["sha"] = sha
    return result


def main():
    warnings.simplefilter("ignore")  # the default filters never turn a SyntaxWarning into an error either
    out = sys.stdout
    out.write(json.dumps({"hello": 1, "version": sys.version.split()[0],
                          "implementation": sys.implementation.name,
                          "executable": sys.executable}) + "\n")
    out.flush()
    # compile() allocates many tracked objects and no cycles: the cyclic collector's passes cost
    # about a tenth of the compile time at the default thresholds, and still 3% at a threshold of
    # 100,000 (6,325 files of the bench corpus), so it runs only every COLLECT_EVERY files here, for
    # whatever cycles a failure's exception may leave
    gc.freeze()
    gc.disable()
    checked = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        want_hash = bool(request.get("hash"))
        # "each": flush after every file, so that a hang or a crash is pinned on its file;
        # otherwise answers go out in bulk, at least every 100 ms and at the end of the batch.
        each = request.get("flush") == "each"
        tables = request.get("tables") or ""
        pending = []
        last = time.monotonic()
        for index, path in enumerate(request["paths"]):
            result = check(path, want_hash, tables[index:index + 1] == "t")
            checked += 1
            if checked % COLLECT_EVERY == 0:
                gc.collect()
            pending.append(result if isinstance(result, str) else json.dumps(result) + "\n")
            now = time.monotonic()
            if each or now - last >= 0.1:
                out.write("".join(pending))
                out.flush()
                pending = []
                last = now
        if pending:
            out.write("".join(pending))
            out.flush()

if __name__ == "__main__":
    main()
