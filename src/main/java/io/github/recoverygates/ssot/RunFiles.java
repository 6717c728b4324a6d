package io.github.recoverygates.ssot;

import io.github.recoverygates.core.GateContext;
import io.github.recoverygates.core.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of one ssot run, from one pass over the workspace listing: all of them (the resolver
 * works on the listing), those the run reads, and those its rules report on. The files it reads are
 * the selected ones, and every source file of the workspace when canonical definitions or unlisted
 * duplicates must be found beyond the selection; the gate's own config and gate config files are
 * neither read nor reported on (they name every alias they forbid; that is not a use of them).
 */
final class RunFiles {

    /** A file's role in {@link #role}: bits of these. */
    static final int SELECTED = 1;
    static final int SCANNED = 2;

    private final List<SourceFile> all;
    private final byte[] roles;
    private final List<SourceFile> toScan;
    private final Set<String> selected;
    private final String ownConfig;

    private RunFiles(List<SourceFile> all, byte[] roles, List<SourceFile> toScan, Set<String> selected,
                     String ownConfig) {
        this.all = all;
        this.roles = roles;
        this.toScan = toScan;
        this.selected = selected;
        this.ownConfig = ownConfig;
    }

    static RunFiles of(GateContext context, SsotConfig config, String ownConfig) {
        List<SourceFile> all = context.workspace().files();
        boolean wholeWorkspace = !config.canonical().isEmpty() || config.unlistedDuplicates();
        byte[] roles = new byte[all.size()];
        List<SourceFile> toScan = new ArrayList<>();
        Set<String> selected = new HashSet<>();
        for (int i = 0; i < roles.length; i++) {
            SourceFile f = all.get(i);
            String language = FileKinds.language(f.path());
            if (language == null || f.path().equals(ownConfig) || isGateConfig(f.path())) {
                continue;
            }
            boolean isSelected = context.selected(f.path());
            if (isSelected) {
                selected.add(f.path());
            }
            boolean scanned = isSelected || wholeWorkspace && !language.equals("config");
            if (scanned) {
                toScan.add(f);
            }
            roles[i] = (byte) ((isSelected ? SELECTED : 0) | (scanned ? SCANNED : 0));
        }
        return new RunFiles(all, roles, toScan, selected, ownConfig);
    }

    private static boolean isGateConfig(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals(".recovery-gates.yml") || name.equals(".recovery-gates.yaml");
    }

    /** Every listed file, sorted by path. */
    List<SourceFile> all() {
        return all;
    }

    /** The role bits ({@link #SELECTED}, {@link #SCANNED}) of the {@code i}-th listed file. */
    int role(int i) {
        return roles[i];
    }

    List<SourceFile> toScan() {
        return toScan;
    }

    /** The paths the rules report on. */
    Set<String> selected() {
        return selected;
    }

    /** The gate's own config file, relative to the root, or null when it is outside (or built in). */
    String ownConfig() {
        return ownConfig;
    }

    List<String> paths() {
        List<String> paths = new ArrayList<>(all.size());
        for (SourceFile f : all) {
            paths.add(f.path());
        }
        return paths;
    }
}
