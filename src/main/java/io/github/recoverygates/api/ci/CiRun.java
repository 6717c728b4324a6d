package io.github.recoverygates.api.ci;

import io.github.recoverygates.core.Gate;
import io.github.recoverygates.core.GateResult;
import io.github.recoverygates.render.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a CI wrapper needs from one gate run, as data: the script's result map, the build
 * outcome, line annotations and the top findings (the controller renders and escapes them itself;
 * an agent sends no markup).
 */
public record CiRun(Gate gate, GateResult result, Map<String, Object> resultMap, BuildOutcome outcome,
                    List<Annotation> annotations, long annotationsOmitted, CiOptions options,
                    List<Map<String, Object>> findings) {

    /**
     * This run as JDK types only ({@link LinkedHashMap}, {@link ArrayList}, String, Long, Double,
     * Boolean), so it can be sent from a build agent to the controller without class filters and
     * stored with the build. Keys: {@code result} (the script's map), {@code buildResult},
     * {@code reason}, {@code annotations}, {@code annotationsOmitted}, {@code findings},
     * {@code checksName}, {@code publishChecks}, {@code archive}, {@code propagate}.
     */
    public Map<String, Object> toTransport() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("result", resultMap);
        map.put("buildResult", outcome.result());
        map.put("reason", outcome.reason());
        List<Object> list = new ArrayList<>();
        annotations.forEach(a -> list.add(a.toMap()));
        map.put("annotations", list);
        map.put("annotationsOmitted", annotationsOmitted);
        List<Object> rows = new ArrayList<>();
        findings.forEach(f -> rows.add(new LinkedHashMap<>(f)));
        map.put("findings", rows);
        map.put("checksName", options.checksName(gate));
        map.put("publishChecks", options.publishChecks());
        map.put("archive", options.archive());
        map.put("propagate", options.propagate());
        return map;
    }
}
