"""Independent oracle for the Java scanner: counts the test functions pytest would collect from
parsable files, using Python's own parser (ast). Reads JSON {"files": [...], "classes": [...],
"functions": [...]} on stdin, prints JSON {path: count}."""
import ast
import fnmatch
import json
import sys


def matches(options, name):
    return any(name.startswith(o) or (any(c in o for c in "*?[") and fnmatch.fnmatch(name, o)) for o in options)


def bindings(body):
    """Names bound by def/class statements in a block, looking into if/try/with/for blocks; last wins."""
    out = {}
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.pop(node.name, None)
            out[node.name] = node
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    out.pop(t.id, None)
                    out[t.id] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            out.pop(node.target.id, None)
            out[node.target.id] = node
        else:
            for field in ("body", "handlers", "orelse", "finalbody"):
                inner = getattr(node, field, None)
                if isinstance(inner, list):
                    for k, v in bindings(inner).items():
                        out.pop(k, None)
                        out[k] = v
    return out


def dotted(expr):
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return dotted(expr.value) + "." + expr.attr
    if isinstance(expr, ast.Call):
        return dotted(expr.func)
    return ""


def is_fixture(fn):
    return any(dotted(d).split(".")[-1] == "fixture" for d in fn.decorator_list)


def test_flag(members):
    node = members.get("__test__")
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
        return node.value.value
    return None


def count(path, classes, functions):
    try:
        tree = ast.parse(open(path, "rb").read(), path)
    except (SyntaxError, ValueError):
        return -1
    module = bindings(tree.body)
    if test_flag(module) is False:
        return 0

    def mro(cls, seen):
        if cls in seen:
            return []
        seen.append(cls)
        for b in cls.bases:
            base = module.get(dotted(b)) if isinstance(b, ast.Name) else None
            if isinstance(base, ast.ClassDef):
                mro(base, seen)
        return seen

    def unittest_based(cls, seen=()):
        for b in cls.bases:
            local = module.get(b.id) if isinstance(b, ast.Name) else None
            if isinstance(local, ast.ClassDef):
                if local not in seen and unittest_based(local, seen + (cls,)):
                    return True
            elif dotted(b).split(".")[-1].endswith("TestCase"):
                return True
        return False

    def count_class(cls):
        chain = mro(cls, [])
        merged = {}
        flag = None
        for k in chain:
            own = bindings(k.body)
            if flag is None:
                flag = test_flag(own)
            for name, node in own.items():
                merged.setdefault(name, node)
        ut = unittest_based(cls)
        if not (ut or matches(classes, cls.name) or flag is True) or flag is False:
            return 0
        fns = {n: v for n, v in merged.items() if isinstance(v, (ast.FunctionDef, ast.AsyncFunctionDef))}
        if ut:
            found = sum(1 for n in fns if n.startswith("test"))
            return found if found or "runTest" not in fns else 1
        if "__init__" in merged or "__new__" in merged:
            return 0
        if any(dotted(d).split(".")[-1] == "dataclass" for k in chain for d in k.decorator_list):
            return 0
        total = 0
        for name, node in merged.items():
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                total += 1 if matches(functions, name) and not is_fixture(node) else 0
            elif isinstance(node, ast.ClassDef):
                total += count_class(node)
        return total

    total = 0
    for name, node in module.items():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            total += 1 if matches(functions, name) and not is_fixture(node) else 0
        elif isinstance(node, ast.ClassDef):
            total += count_class(node)
    return total


request = json.load(sys.stdin)
print(json.dumps({f: count(f, request["classes"], request["functions"]) for f in request["files"]}))
