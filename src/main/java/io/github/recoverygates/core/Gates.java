package io.github.recoverygates.core;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The installed gates, found through the {@link Gate} service, in the seeds' order. */
public final class Gates {

    private static volatile List<Gate> installed;

    private Gates() {
    }

    public static List<Gate> all() {
        List<Gate> gates = installed;
        if (gates == null) {
            gates = ServiceLoader.load(Gate.class, Gates.class.getClassLoader()).stream()
                    .map(ServiceLoader.Provider::get)
                    .sorted(Comparator.comparingInt(Gate::order))
                    .toList();
            installed = gates;
        }
        return gates;
    }

    public static Optional<Gate> find(String name) {
        return all().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The gate named {@code name}; an unknown name is a usage error listing the installed ones. */
    public static Gate named(String name) {
        return find(name).orElseThrow(() -> new ConfigException("unknown gate '" + name + "' (installed: "
                + all().stream().map(Gate::name).collect(Collectors.joining(", ")) + ")"));
    }
}
