package io.github.recoverygates.ssot;

import io.github.recoverygates.ssot.SsotConfig.Canonical;
import io.github.recoverygates.ssot.SsotConfig.SsotSeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ssot/duplicate}: every definition of a canonical name outside its canonical path (nested
 * and conditional ones too), a canonical path that does not define it, and, without config,
 * top-level classes of the same name in more than one non-test file.
 */
final class DuplicateRule implements Rule {

    private record Site(String file, FileFacts.Definition def) {
        String location() {
            return file + ":" + def.line();
        }
    }

    private final boolean reportUnlocated;

    /** @param reportUnlocated whether a canonical definition that names no existing file is reported (by one shard only) */
    DuplicateRule(boolean reportUnlocated) {
        this.reportUnlocated = reportUnlocated;
    }

    @Override
    public String id() {
        return "duplicate";
    }

    @Override
    public String description() {
        return "A second definition of a class or function that has one canonical home";
    }

    @Override
    public List<Violation> check(SsotConfig config, ScanIndex index) {
        List<Violation> out = new ArrayList<>();
        for (Canonical c : config.canonical()) {
            String kind = c.kind().name().toLowerCase(Locale.ROOT);
            List<Site> sites = new ArrayList<>();
            index.facts().forEach((path, facts) -> {
                if (FileKinds.declarationOnly(path)) {
                    return;
                }
                for (FileFacts.Definition d : facts.definitions()) {
                    if (d.kind().equals(kind) && c.matches(d.name())) {
                        sites.add(new Site(path, d));
                    }
                }
            });
            String canonicalPath = c.path().replaceAll("^\\./", "");
            Site canonical = sites.stream().filter(s -> s.file.equals(canonicalPath) && s.def.name().equals(c.name()))
                    .findFirst().orElse(null);
            if (canonical == null) {
                boolean exists = index.facts().containsKey(canonicalPath);
                String message = exists
                        ? canonicalPath + " does not define " + kind + " " + c.name() + ", but it is its canonical path"
                        : "canonical path " + canonicalPath + " of " + kind + " " + c.name() + " does not exist";
                if (exists ? index.reports(canonicalPath) : reportUnlocated) {
                    out.add(new Violation("duplicate", c.severity(), "canonical-missing", exists ? canonicalPath : null,
                            exists ? 1 : 0, 0, message, Map.of("name", c.name(), "canonical", canonicalPath)));
                }
            }
            String where = canonical == null ? canonicalPath : canonical.location();
            for (Site s : sites) {
                if (s.file.equals(canonicalPath) || !index.reports(s.file)) {
                    continue;
                }
                String what = s.def.name().equals(c.name()) ? kind + " " + c.name()
                        : kind + " " + s.def.name() + " (matches *" + c.name() + ")";
                out.add(new Violation("duplicate", c.severity(), "canonical", s.file, s.def.line(), s.def.column(),
                        what + " duplicates the canonical " + c.name() + " at " + where
                                + "; use that one instead of defining another",
                        Map.of("name", s.def.name(), "canonical", where)));
            }
        }
        if (config.unlistedDuplicates()) {
            out.addAll(unlisted(config, index));
        }
        return out;
    }

    private static List<Violation> unlisted(SsotConfig config, ScanIndex index) {
        Map<String, List<Site>> byName = new TreeMap<>();
        index.facts().forEach((path, facts) -> {
            if (FileKinds.declarationOnly(path) || FileKinds.isTest(path)) {
                return;
            }
            for (FileFacts.Definition d : facts.definitions()) {
                if (d.kind().equals("class") && d.topLevel() && !config.duplicateIgnore().contains(d.name())) {
                    byName.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(new Site(path, d));
                }
            }
        });
        List<Violation> out = new ArrayList<>();
        byName.forEach((name, sites) -> {
            if (sites.stream().map(Site::file).distinct().count() < 2 || covered(config, name)) {
                return;
            }
            for (Site s : sites) {
                if (!index.reports(s.file)) {
                    continue;
                }
                List<String> others = sites.stream().filter(o -> o != s).map(Site::location).toList();
                String listed = String.join(", ", others.subList(0, Math.min(5, others.size())))
                        + (others.size() > 5 ? " and " + (others.size() - 5) + " more" : "");
                out.add(new Violation("duplicate", SsotSeverity.MEDIUM, "unlisted", s.file, s.def.line(),
                        s.def.column(), "class " + name + " is defined in " + sites.size() + " places (also "
                        + listed + "); choose one and list it under ssot.canonical",
                        Map.of("name", name, "definitions", String.valueOf(sites.size()))));
            }
        });
        return out;
    }

    private static boolean covered(SsotConfig config, String name) {
        return config.canonical().stream().anyMatch(c -> c.kind() == SsotConfig.Kind.CLASS && c.matches(name));
    }
}
