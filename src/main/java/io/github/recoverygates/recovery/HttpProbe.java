package io.github.recoverygates.recovery;

import io.github.recoverygates.core.JsonPath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code type: http}: a GET with a deadline; status, body text, a JSON value and latency must match. */
final class HttpProbe implements Probe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_SHOWN_BODY = 120;

    private final CheckSpec spec;
    private final URI uri;
    private final HttpClient client;
    private final JsonPath jsonPath;

    HttpProbe(CheckSpec spec, HttpClient client) {
        this.spec = spec;
        this.uri = URI.create(spec.url());
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw new IllegalArgumentException("an http check needs an http:// or https:// url with a host");
        }
        this.client = client;
        this.jsonPath = spec.expect().jsonPath() == null ? null : JsonPath.parse(spec.expect().jsonPath());
    }

    @Override
    public String attempt(Duration timeout) throws ProbeFailure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        spec.headers().forEach(request::header);
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            // the request timeout covers the headers; this deadline covers the body too
            response = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProbeFailure("no answer within " + Causes.format(timeout) + " from " + target());
        } catch (ExecutionException e) {
            throw new ProbeFailure(Causes.describe(e.getCause(), target(), timeout), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        CheckSpec.Expect expect = spec.expect();
        int status = response.statusCode();
        boolean statusOk = expect.status().isEmpty() ? status >= 200 && status < 300 : expect.status().contains(status);
        if (!statusOk) {
            throw new ProbeFailure("HTTP " + status + " from " + uri + " (expected "
                    + (expect.status().isEmpty() ? "2xx" : expect.status()) + ")" + bodyHint(response.body()));
        }
        String body = response.body() == null ? "" : response.body();
        if (expect.bodyContains() != null && !body.contains(expect.bodyContains())) {
            throw new ProbeFailure("HTTP " + status + " from " + uri + " but the body does not contain '"
                    + expect.bodyContains() + "'" + bodyHint(body));
        }
        if (jsonPath != null) {
            JsonNode tree;
            try {
                tree = JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new ProbeFailure("HTTP " + status + " from " + uri + " but the body is not JSON" + bodyHint(body));
            }
            Optional<JsonNode> value = tree == null ? Optional.empty() : jsonPath.find(tree);
            if (value.isEmpty()) {
                throw new ProbeFailure("HTTP " + status + " from " + uri + " but " + jsonPath + " is missing" + bodyHint(body));
            }
            if (expect.equalTo() != null && !sameValue(value.get(), expect.equalTo())) {
                throw new ProbeFailure("HTTP " + status + " from " + uri + " but " + jsonPath + " is "
                        + value.get() + ", expected " + expect.equalTo());
            }
        }
        if (expect.maxLatency() != null && latency.compareTo(expect.maxLatency()) > 0) {
            throw new ProbeFailure("HTTP " + status + " from " + uri + " took " + latency.toMillis()
                    + "ms, over maxLatency " + Causes.format(expect.maxLatency()));
        }
        return "HTTP " + status;
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

    private static String bodyHint(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > MAX_SHOWN_BODY ? oneLine.substring(0, MAX_SHOWN_BODY) + "…" : oneLine);
    }
}
