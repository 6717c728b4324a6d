package io.github.recoverygates.jenkins;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.github.recoverygates.render.Annotation;
import io.jenkins.plugins.checks.api.ChecksAnnotation;
import io.jenkins.plugins.checks.api.ChecksAnnotation.ChecksAnnotationLevel;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.api.ChecksStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * Publishes a gate run as a check (GitHub checks, GitLab pipelines...) through checks-api. Only
 * loaded when that optional plugin is installed: every checks-api type is referenced here alone.
 */
final class ChecksPublishing {

    private ChecksPublishing() {
    }

    static void publish(Run<?, ?> run, TaskListener listener, GateRunAction action, String name,
                        Map<String, Object> transport) {
        List<ChecksAnnotation> annotations = new ArrayList<>();
        Object list = transport.get("annotations");
        if (list instanceof List<?> items) {
            for (Object item : items) {
                annotations.add(annotation(Annotation.fromMap((Map<?, ?>) item)));
            }
        }
        StringBuilder summary = new StringBuilder();
        summary.append("**").append(action.getVerdict()).append("**: ").append(action.getSummary()).append("\n\n");
        Map<String, Object> counts = action.getCounts();
        summary.append(counts.get("error")).append(" error(s), ").append(counts.get("warning")).append(" warning(s), ")
                .append(counts.get("note")).append(" note(s)");
        Object omitted = transport.get("annotationsOmitted");
        if (omitted instanceof Number n && n.longValue() > 0) {
            summary.append("\n\n").append(n.longValue()).append(action.getArchived().isEmpty()
                    ? " more finding(s) are in the reports in the workspace (not archived: archive is false)."
                    : " more finding(s) are in the reports archived with the build.");
        }
        ChecksOutput output = new ChecksOutput.ChecksOutputBuilder()
                .withTitle(action.getTitle() + ": " + action.getVerdict())
                .withSummary(summary.toString())
                .withAnnotations(annotations)
                .build();
        ChecksDetails.ChecksDetailsBuilder details = new ChecksDetails.ChecksDetailsBuilder()
                .withName(name)
                .withStatus(ChecksStatus.COMPLETED)
                .withConclusion(conclusion(action.getVerdict()))
                .withOutput(output);
        String rootUrl = Jenkins.get().getRootUrl();
        if (rootUrl != null) {
            // the gate's page on this controller
            details.withDetailsURL(rootUrl + run.getUrl() + action.getUrlName() + "/");
        }
        ChecksPublisherFactory.fromRun(run, listener).publish(details.build());
    }

    static ChecksConclusion conclusion(String verdict) {
        return switch (verdict) {
            case "PASS" -> ChecksConclusion.SUCCESS;
            case "WARN" -> ChecksConclusion.NEUTRAL;
            default -> ChecksConclusion.FAILURE;
        };
    }

    private static ChecksAnnotation annotation(Annotation a) {
        ChecksAnnotation.ChecksAnnotationBuilder b = new ChecksAnnotation.ChecksAnnotationBuilder()
                .withPath(a.file())
                .withStartLine(a.line())
                .withEndLine(a.endLine())
                .withAnnotationLevel(switch (a.level()) {
                    case "error" -> ChecksAnnotationLevel.FAILURE;
                    case "warning" -> ChecksAnnotationLevel.WARNING;
                    default -> ChecksAnnotationLevel.NOTICE;
                })
                .withTitle(a.title())
                .withMessage(a.message());
        if (a.column() > 0 && a.endColumn() > 0) {
            b.withStartColumn(a.column()).withEndColumn(a.endColumn());
        }
        return b.build();
    }
}
