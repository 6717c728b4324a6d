package io.github.recoverygates.ssot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ssot/fake-success}: checks that cannot fail. Check functions that only return a constant
 * success, real-service markers commented out, tests in critical scopes whose body cannot fail,
 * and skips that fire when a real service is missing.
 */
final class FakeSuccessRule implements Rule {

    FakeSuccessRule() {
    }

    @Override
    public String id() {
        return "fake-success";
    }

    @Override
    public String description() {
        return "A test or check made to pass without doing its work";
    }

    @Override
    public List<Violation> check(SsotConfig config, ScanIndex index) {
        List<Violation> out = new ArrayList<>();
        if (!config.fakeSuccess().enabled()) {
            return out;
        }
        index.facts().forEach((path, facts) -> {
            if (!index.reports(path)) {
                return;
            }
            boolean testFile = FileKinds.isTest(path);
            for (FileFacts.Fake f : facts.fakes()) {
                if (testFile && f.kind().equals("return-true")) {
                    continue; // a test double's check that always passes is the point of the double
                }
                String message = switch (f.kind()) {
                    case "return-true" -> f.detail() + ": a check that cannot fail";
                    case "disabled-marker" -> "real-service marker " + f.name() + " is commented out ('" + f.detail()
                            + "'): the requirement is switched off, so the test passes without the service";
                    case "trivial-test" -> f.detail() + "; a critical test must be able to fail";
                    case "service-skip" -> f.name() + "() skips when a real service is missing ('" + f.detail()
                            + "'): a skipped critical check reads as success";
                    default -> f.detail();
                };
                out.add(new Violation("fake-success", config.fakeSuccess().severity(), f.kind(), path, f.line(),
                        f.column(), message, Map.of("function", f.name())));
            }
        });
        return out;
    }
}
