package io.github.recoverygates.syntax.collection;

import io.github.recoverygates.syntax.collection.ModuleOutline.ClassDef;
import io.github.recoverygates.syntax.collection.ModuleOutline.Function;
import io.github.recoverygates.syntax.collection.ModuleOutline.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the test functions pytest would collect from a module outline, by pytest's rules:
 * module-level functions matching {@code python_functions} and not decorated as fixtures; classes
 * matching {@code python_classes} (or with {@code __test__ = True}) without {@code __init__} /
 * {@code __new__}, with their own and inherited (same-module bases) matching methods and nested
 * test classes; {@code unittest.TestCase} subclasses with their {@code test*} methods whatever
 * their names; {@code __test__ = False} on a module or class removes it. Parametrized functions
 * count once: their expansion is not known without running Python.
 */
final class TestCounter {

    /** The first line of a counted test and its qualified name, in definition order. */
    record Test(String name, int line) {
    }

    private final List<String> classes;
    private final List<String> functions;

    TestCounter(List<String> classes, List<String> functions) {
        this.classes = classes;
        this.functions = functions;
    }

    List<Test> tests(ModuleOutline module) {
        List<Test> out = new ArrayList<>();
        if (Boolean.FALSE.equals(module.testFlag)) {
            return out;
        }
        for (Member m : module.members.values()) {
            if (m instanceof Function f && isTestFunction(f)) {
                out.add(new Test(f.name(), f.line()));
            } else if (m instanceof ClassDef c) {
                collectClass(module, c, c.name, out, new HashSet<>());
            }
        }
        return out;
    }

    private boolean isTestFunction(Function f) {
        return !f.fixture() && PyFnmatch.matchesPrefixOrGlob(functions, f.name());
    }

    private void collectClass(ModuleOutline module, ClassDef c, String qualified, List<Test> out, Set<ClassDef> active) {
        if (!active.add(c)) {
            return;
        }
        List<ClassDef> mro = mro(module, c);
        Boolean flag = mro.stream().map(k -> k.testFlag).filter(v -> v != null).findFirst().orElse(null);
        boolean unittest = isUnittest(module, c, new HashSet<>());
        boolean selected = unittest || PyFnmatch.matchesPrefixOrGlob(classes, c.name) || Boolean.TRUE.equals(flag);
        if (!selected || Boolean.FALSE.equals(flag)) {
            active.remove(c);
            return;
        }
        Map<String, Member> merged = new LinkedHashMap<>();
        for (ClassDef k : mro) {
            k.members.forEach(merged::putIfAbsent);
        }
        if (unittest) {
            int before = out.size();
            merged.values().forEach(m -> {
                if (m instanceof Function f && f.name().startsWith("test")) {
                    out.add(new Test(qualified + "::" + f.name(), f.line()));
                }
            });
            if (out.size() == before && merged.get("runTest") instanceof Function f) {
                out.add(new Test(qualified + "::runTest", f.line()));
            }
        } else if (!merged.containsKey("__init__") && !merged.containsKey("__new__")
                && mro.stream().noneMatch(k -> k.generatesInit)) {
            for (Member m : merged.values()) {
                if (m instanceof Function f && isTestFunction(f)) {
                    out.add(new Test(qualified + "::" + f.name(), f.line()));
                } else if (m instanceof ClassDef nested) {
                    collectClass(module, nested, qualified + "::" + nested.name, out, active);
                }
            }
        }
        active.remove(c);
    }

    /** The class and its bases defined in the same module, depth first, left to right (an approximation of C3). */
    private static List<ClassDef> mro(ModuleOutline module, ClassDef c) {
        List<ClassDef> out = new ArrayList<>();
        addMro(module, c, out);
        return out;
    }

    private static void addMro(ModuleOutline module, ClassDef c, List<ClassDef> out) {
        if (out.contains(c)) {
            return;
        }
        out.add(c);
        for (String base : c.bases) {
            if (module.members.get(base) instanceof ClassDef local && local != c) {
                addMro(module, local, out);
            }
        }
    }

    /** A base named like unittest's {@code TestCase} (TestCase, unittest.TestCase, IsolatedAsyncioTestCase, ...) not defined in the module. */
    private static boolean isUnittest(ModuleOutline module, ClassDef c, Set<ClassDef> seen) {
        if (!seen.add(c)) {
            return false;
        }
        for (String base : c.bases) {
            if (module.members.get(base) instanceof ClassDef local && local != c) {
                if (isUnittest(module, local, seen)) {
                    return true;
                }
            } else {
                String last = base.substring(base.lastIndexOf('.') + 1).strip();
                if (last.endsWith("TestCase")) {
                    return true;
                }
            }
        }
        return false;
    }
}
