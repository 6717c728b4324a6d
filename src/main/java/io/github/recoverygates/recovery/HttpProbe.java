package io.github.recoverygates.recovery;

import io.github.recoverygates.core.Json;
import io.github.recoverygates.core.JsonPath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.recoverygates.core.SecretMasker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code type: http}: a GET with a deadline; status, body text, JSON values ({@code jsonPath}/{@code equals},
 * {@code health}) and latency must match. A failure names what was expected and what came: the status, the
 * latency and an excerpt of the body, masked before it is cut.
 */
final class HttpProbe implements Probe {

    private static final int MAX_SHOWN_BODY = 120;

    private final CheckSpec spec;
    private final URI uri;
    private final HttpClient client;
    private final JsonPath jsonPath;
    private final SecretMasker masker;
    private final String expectation;

    HttpProbe(CheckSpec spec, HttpClient client, SecretMasker masker) {
        this.spec = spec;
        this.uri = URI.create(spec.url());
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw new IllegalArgumentException("an http check needs an http:// or https:// url with a host");
        }
        this.client = client;
        this.jsonPath = spec.expect().jsonPath() == null ? null : JsonPath.parse(spec.expect().jsonPath());
        this.masker = masker;
        this.expectation = expectation(spec.expect());
    }

    /** What an answer must be, in words: "HTTP 200, $.status == healthy, within 5s". */
    private static String expectation(CheckSpec.Expect expect) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        parts.add("HTTP " + (expect.status().isEmpty() ? "2xx" : expect.status().size() == 1
                ? expect.status().get(0).toString() : expect.status().toString()));
        if (expect.bodyContains() != null) {
            parts.add("body containing '" + expect.bodyContains() + "'");
        }
        if (expect.jsonPath() != null) {
            parts.add(expect.equalTo() == null ? expect.jsonPath() + " present"
                    : expect.jsonPath() + " == " + shown(expect.equalTo()));
        }
        expect.healthRules().forEach(r -> parts.add(r.toString()));
        if (expect.maxLatency() != null) {
            parts.add("within " + Causes.format(expect.maxLatency()));
        }
        return String.join(", ", parts);
    }

    private static String shown(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    @Override
    public String attempt(Duration timeout) throws ProbeFailure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        spec.headers().forEach(request::header);
        long t0 = System.nanoTime();
        HttpResponse<String> response = await(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()),
                timeout);
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String answered = "HTTP " + status + " in " + latency.toMillis() + " ms";
        expectStatusAndBody(status, body, answered);
        if (jsonPath != null || !spec.expect().healthRules().isEmpty()) {
            JsonNode tree;
            try {
                tree = Json.REPORT.readTree(body);
            } catch (JsonProcessingException e) {
                throw failure("HTTP " + status + " from " + uri + " but the body is not JSON" + bodyHint(body),
                        answered, body);
            }
            expectJsonPath(tree, status, body, answered);
            expectHealth(tree, status, body, answered);
        }
        Duration maxLatency = spec.expect().maxLatency();
        if (maxLatency != null && latency.compareTo(maxLatency) > 0) {
            throw failure("HTTP " + status + " from " + uri + " took " + latency.toMillis()
                    + "ms, over maxLatency " + Causes.format(maxLatency), answered, body);
        }
        return "HTTP " + status;
    }

    /** The response, or a failure naming the missed deadline or the transport's cause. */
    private HttpResponse<String> await(CompletableFuture<HttpResponse<String>> future, Duration timeout)
            throws ProbeFailure, InterruptedException {
        try {
            // the request timeout covers the headers; this deadline covers the body too
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            String cause = "no answer within " + Causes.format(timeout) + " from " + target();
            throw new ProbeFailure(cause, expectation, cause);
        } catch (ExecutionException e) {
            String cause = Causes.describe(e.getCause(), target(), timeout);
            throw new ProbeFailure(cause, expectation, cause, e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    private void expectStatusAndBody(int status, String body, String answered) throws ProbeFailure {
        CheckSpec.Expect expect = spec.expect();
        boolean statusOk = expect.status().isEmpty() ? status >= 200 && status < 300 : expect.status().contains(status);
        if (!statusOk) {
            throw failure("HTTP " + status + " from " + uri + " (expected "
                    + (expect.status().isEmpty() ? "2xx" : expect.status()) + ")" + bodyHint(body), answered, body);
        }
        if (expect.bodyContains() != null && !body.contains(expect.bodyContains())) {
            throw failure("HTTP " + status + " from " + uri + " but the body does not contain '"
                    + expect.bodyContains() + "'" + bodyHint(body), answered, body);
        }
    }

    /** {@code jsonPath} must be present and, with {@code equals}, have that value. */
    private void expectJsonPath(JsonNode tree, int status, String body, String answered) throws ProbeFailure {
        if (jsonPath == null) {
            return;
        }
        JsonNode equalTo = spec.expect().equalTo();
        Optional<JsonNode> value = tree == null ? Optional.empty() : jsonPath.find(tree);
        if (value.isEmpty()) {
            throw failure("HTTP " + status + " from " + uri + " but " + jsonPath + " is missing" + bodyHint(body),
                    answered + ", no " + jsonPath, body);
        }
        if (equalTo != null && !sameValue(value.get(), equalTo)) {
            throw failure("HTTP " + status + " from " + uri + " but " + jsonPath + " is "
                    + excerpt(value.get().toString()) + ", expected " + equalTo,
                    answered + ", " + jsonPath + " = " + excerpt(value.get().toString()), body);
        }
    }

    /** Every {@code health} rule's value must be what it expects; a failure names all that are not. */
    private void expectHealth(JsonNode tree, int status, String body, String answered) throws ProbeFailure {
        List<String> wrong = new ArrayList<>();
        List<String> got = new ArrayList<>();
        for (CheckSpec.Expect.HealthRule rule : spec.expect().healthRules()) {
            Optional<JsonNode> value = tree == null ? Optional.empty() : rule.path().find(tree);
            if (value.isEmpty() || !sameValue(value.get(), rule.expected())) {
                String actual = value.map(v -> excerpt(v.toString())).orElse("missing");
                wrong.add(rule.key() + " is " + actual + ", expected " + rule.expected());
                got.add(rule.key() + " = " + actual);
            }
        }
        if (!wrong.isEmpty()) {
            throw failure("HTTP " + status + " from " + uri + " but the health answer says "
                    + String.join("; ", wrong), answered + ", " + String.join(", ", got), body);
        }
    }

    /** A failure with what was expected and what came: the status, latency and the body's start, masked, then cut. */
    private ProbeFailure failure(String cause, String answered, String body) {
        String hint = bodyHint(body);
        return new ProbeFailure(cause, expectation, answered + (hint.isEmpty() ? "" : ", body" + hint));
    }

    static boolean sameValue(JsonNode actual, JsonNode expected) {
        if (actual.isValueNode() && expected.isValueNode()) {
            return actual.asText().equals(expected.asText());
        }
        return actual.equals(expected);
    }

    private String target() {
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private String bodyHint(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return ": " + excerpt(body);
    }

    /** Masked first, then made one line and cut, so no piece of a secret survives the cut. */
    private String excerpt(String text) {
        String oneLine = masker.mask(text).strip().replaceAll("\\s+", " ");
        return oneLine.length() > MAX_SHOWN_BODY ? oneLine.substring(0, MAX_SHOWN_BODY) + "…" : oneLine;
    }
}
