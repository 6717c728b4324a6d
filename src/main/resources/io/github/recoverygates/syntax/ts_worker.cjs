// Recovery Gates TypeScript/JavaScript syntax worker. The verdict for each file is the parse
// diagnostics of the repository's own typescript package (argv[2]); nothing is type-checked and no
// checked file is ever run: its text is only handed to the parser.
//   TypeScript 6 and older: ts.createSourceFile(path, text, Latest) and its parseDiagnostics.
//   TypeScript 7 (native, no createSourceFile): a program of just the batch's files (noLib,
//   noResolve) through its sync API, getSyntacticDiagnostics without the 8xxx "only in TypeScript
//   files" checks that are not the parser's.
// Protocol (one JSON document per line, ASCII):
//   out, once at start: {"hello": 1, "version": ..., "api": "js"|"native", "node": ...}
//                       or {"hello": 1, "error": "why this typescript cannot be used"}
//   in:  {"paths": [absolute paths], ...}
//   out: one line per path, in order: {"ok": 1}, or {"ok": 0, "diags": [{"line", "col", "endLine",
//        "endCol", "code", "msg"}]} (1-based lines, columns in code points), or
//        {"ok": 0, "type": "unreadable"|"crash", "msg": ...}
"use strict";
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const url = require("url");

const MAX_DIAGNOSTICS = 10;

function send(value) {
  // ASCII only, so that no locale or pipe encoding can garble a message or a path
  const line = JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  process.stdout.write(line + "\n");
}

/** Offsets where a line starts, with TypeScript's line breaks (CR, LF, CRLF, LS, PS). */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        i++;
      }
      starts.push(i + 1);
    } else if (c === 10 || c === 0x2028 || c === 0x2029) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and column (in code points) of a UTF-16 offset. */
function position(text, starts, offset) {
  offset = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  let column = 1;
  for (let i = starts[lo]; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) {
      i++;
    }
    column++;
  }
  return { line: lo + 1, col: column };
}

function flatten(message) {
  if (typeof message === "string") {
    return message;
  }
  const parts = [];
  for (let m = message; m; m = m.next && m.next[0]) {
    parts.push(m.messageText);
  }
  return parts.join(" ");
}

function answer(text, diagnostics) {
  if (diagnostics.length === 0) {
    return { ok: 1 };
  }
  const starts = lineStarts(text);
  const sorted = diagnostics.slice().sort((a, b) => a.start - b.start || a.code - b.code);
  const diags = sorted.slice(0, MAX_DIAGNOSTICS).map((d) => {
    const from = position(text, starts, d.start);
    const to = position(text, starts, d.start + Math.max(0, d.length));
    return { line: from.line, col: from.col, endLine: to.line, endCol: to.col, code: d.code, msg: d.msg };
  });
  return { ok: 0, diags };
}

function readable(file) {
  try {
    return { buffer: fs.readFileSync(file) };
  } catch (e) {
    return { error: { ok: 0, type: "unreadable", msg: "cannot read file: " + (e.code || e.message) } };
  }
}

function crash(e) {
  return { ok: 0, type: "crash", msg: String(e && e.message ? e.message : e) };
}

/** TypeScript 6 and older: the parser alone, through the public createSourceFile. */
function classic(ts) {
  return {
    hello: { hello: 1, version: ts.version, api: "js", node: process.version },
    check(files) {
      return files.map((file) => {
        const read = readable(file);
        if (read.error) {
          return read.error;
        }
        try {
          // ts.sys.readFile decodes as tsc does (byte order marks, UTF-16)
          const text = (ts.sys && ts.sys.readFile(file)) ?? read.buffer.toString("utf8");
          const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
          const diagnostics = (source.parseDiagnostics || []).map((d) => ({
            start: d.start || 0, length: d.length || 0, code: d.code, msg: flatten(d.messageText),
          }));
          return answer(text, diagnostics);
        } catch (e) {
          return crash(e);
        }
      });
    },
  };
}

/** TypeScript 7: one program of exactly the batch's files, syntactic diagnostics only. */
function native(api, version, dir) {
  let batch = 0;
  return {
    hello: { hello: 1, version, api: "native", node: process.version },
    check(files) {
      const read = files.map(readable);
      const parseable = files.filter((f, i) => !read[i].error);
      let project = null;
      let snapshot = null;
      let failure = null;
      if (parseable.length > 0) {
        const config = path.join(dir, "batch-" + (++batch), "tsconfig.json");
        try {
          api.config = { path: config, text: JSON.stringify({
            compilerOptions: { noLib: true, noResolve: true, types: [], allowJs: true, checkJs: false,
              jsx: "preserve", noEmit: true, skipLibCheck: true, target: "esnext", module: "preserve" },
            files: parseable,
          }) };
          snapshot = api.client.updateSnapshot({ openProjects: [config] });
          project = snapshot.getProject(config) || snapshot.getProjects()[0];
          if (!project) {
            failure = crash("the native TypeScript API built no program for the batch");
          }
        } catch (e) {
          failure = crash(e);
        }
      }
      const out = files.map((file, i) => {
        if (read[i].error) {
          return read[i].error;
        }
        if (failure) {
          return failure;
        }
        try {
          const text = read[i].buffer.toString("utf8").replace(/^\ufeff/, "");
          const diagnostics = project.program.getSyntacticDiagnostics(file)
            .filter((d) => d.code < 8000 || d.code >= 9000)
            .map((d) => ({ start: d.pos || 0, length: Math.max(0, (d.end || 0) - (d.pos || 0)), code: d.code, msg: d.text }));
          return answer(text, diagnostics);
        } catch (e) {
          return crash(e);
        }
      });
      if (snapshot) {
        try {
          snapshot.dispose();
        } catch (e) {
          // the next batch gets a fresh snapshot anyway
        }
      }
      return out;
    },
  };
}

async function load(dir) {
  let ts = null;
  let loadError = null;
  try {
    ts = require(dir);
  } catch (e) {
    loadError = e;
  }
  if (ts && typeof ts.createSourceFile === "function") {
    return classic(ts);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  const syncApi = path.join(dir, "dist", "api", "sync", "api.js");
  if (fs.existsSync(syncApi)) {
    const { API } = await import(url.pathToFileURL(syncApi).href);
    const virtualDir = path.join(path.parse(dir).root, "__recovery_gates_syntax__");
    const holder = { config: null, client: null };
    holder.client = new API({
      cwd: process.cwd(),
      fs: {
        readFile: (f) => (holder.config && f === holder.config.path ? holder.config.text : undefined),
        fileExists: (f) => (holder.config && f === holder.config.path ? true : undefined),
        directoryExists: (d) => (d === virtualDir || d.startsWith(virtualDir + path.sep) ? true : undefined),
      },
    });
    // start the native compiler now, on an empty program, so that one that cannot run is said in the hello
    holder.config = { path: path.join(virtualDir, "probe", "tsconfig.json"), text: JSON.stringify({ files: [] }) };
    try {
      holder.client.updateSnapshot({ openProjects: [holder.config.path] }).dispose();
    } catch (e) {
      throw new Error("typescript " + manifest.version + " at " + dir + ": its native compiler does not start (" + e.message + ")");
    }
    return native(holder, manifest.version, virtualDir);
  }
  throw new Error("typescript " + manifest.version + " at " + dir + " has neither createSourceFile nor the native API"
    + (loadError ? " (" + loadError.message + ")" : ""));
}

async function main() {
  let worker;
  try {
    worker = await load(process.argv[2]);
  } catch (e) {
    send({ hello: 1, error: String(e && e.message ? e.message : e) });
    return;
  }
  send(worker.hello);
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) {
      continue;
    }
    const request = JSON.parse(line);
    for (const result of worker.check(request.paths)) {
      send(result);
    }
  }
  process.exit(0);
}

main();
