package io.github.recoverygates.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.github.recoverygates.api.ci.CiRun;
import io.github.recoverygates.api.ci.CiRunner;
import io.github.recoverygates.render.ConsoleText;
import io.github.recoverygates.core.ConfigException;
import io.github.recoverygates.core.Progress;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs one gate on the agent that holds the workspace, through the engine's API, and sends back
 * the rendered run as JDK types only ({@code CiRun.toTransport()}). The gate's workers run here,
 * never on the controller. An abort interrupts this thread; the engine honours interruption.
 */
final class GateCallable extends MasterToSlaveFileCallable<LinkedHashMap<String, Object>> {

    private static final long serialVersionUID = 1L;

    private final String functionName;
    private final HashMap<String, Object> parameters;
    private final HashMap<String, String> environment;
    private final TaskListener listener;

    GateCallable(String functionName, Map<String, Object> parameters, Map<String, String> environment,
                 TaskListener listener) {
        this.functionName = functionName;
        this.parameters = new HashMap<>(parameters);
        this.environment = new HashMap<>(environment);
        this.listener = listener;
    }

    @Override
    public LinkedHashMap<String, Object> invoke(File workspace, VirtualChannel channel)
            throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        CiRun run;
        try {
            run = new CiRunner(new LogProgress(log)).run(functionName, parameters, workspace.toPath(), environment);
        } catch (ConfigException e) {
            // a usage or config mistake: the message names the file, line, key or parameter
            throw new AbortException(e.getMessage());
        }
        log.println(functionName + ": " + run.result().verdict() + " - " + ConsoleText.safe(run.result().summary()));
        Object reports = run.resultMap().get("reports");
        if (reports instanceof Map<?, ?> map) {
            map.forEach((format, path) -> log.println("  " + format + ": " + ConsoleText.safe(String.valueOf(path))));
        }
        return new LinkedHashMap<>(run.toTransport());
    }

    /** Progress as a line in the build log every ten seconds. */
    private static final class LogProgress extends Progress {
        private final PrintStream log;

        LogProgress(PrintStream log) {
            super(10_000);
            this.log = log;
        }

        @Override
        protected void show(String task, long done, long total, boolean finished) {
            if (total > 0) {
                log.println(task + ": " + done + "/" + total + (finished ? " done" : ""));
            }
        }
    }
}
