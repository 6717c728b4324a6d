package io.github.recoverygates.recovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code recovery:} section of {@code .recovery-gates.yml}.
 *
 * @param envFiles dotenv files read in addition to the process environment (the process wins)
 * @param env      rules on environment variables
 * @param ports    static checks of the port each service is configured to listen on
 * @param waitPolicy (key {@code wait})    the total budget and retry interval shared by all checks
 * @param checks   the services to probe, a DAG through {@code dependsOn}
 */
public record RecoveryConfig(List<String> envFiles, EnvRules env, List<PortRule> ports, @JsonProperty("wait") WaitPolicy waitPolicy,
                             List<CheckSpec> checks) {

    public RecoveryConfig {
        envFiles = envFiles == null ? List.of() : List.copyOf(envFiles);
        env = env == null ? new EnvRules(null, null, null) : env;
        ports = ports == null ? List.of() : List.copyOf(ports);
        waitPolicy = waitPolicy == null ? new WaitPolicy(null, null, null) : waitPolicy;
        checks = checks == null ? List.of() : List.copyOf(checks);
    }
}
