package io.github.recoverygates.goldenpath;

import io.github.recoverygates.core.JsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.recoverygates.core.SecretMasker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Where a journey's token comes from: an HTTP login, a JWT minted here, or a variable. */
interface TokenSource {

    /** The token for this journey; fails with a {@link StageFailure} of a {@code login-*} class. */
    CompletableFuture<String> token(Template template);

    /** The string values this journey's login used, to tell which user an event belongs to. */
    default Set<String> identityValues(Template template) {
        return Set.of();
    }

    /** {@code POST} a JSON body, read the token at a path of the JSON answer. */
    final class Http implements TokenSource {
        private final HttpClient client;
        private final GoldenPathConfig.HttpLogin login;
        private final JsonPath tokenPath;
        private final SecretMasker masker;
        private final ObjectMapper json;

        Http(HttpClient client, GoldenPathConfig.HttpLogin login, SecretMasker masker, ObjectMapper json) {
            this.client = client;
            this.login = login;
            this.tokenPath = JsonPath.parse(login.tokenPath());
            this.masker = masker;
            this.json = json;
            Set<String> secrets = new HashSet<>();
            Template.secretStrings(login.body(), secrets);
            secrets.forEach(masker::register);
        }

        @Override
        public CompletableFuture<String> token(Template template) {
            URI url = URI.create(template.apply(login.url()));
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(url).timeout(login.timeout())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(template.apply(login.body()))));
            } catch (IOException e) {
                return CompletableFuture.failedFuture(new StageFailure("login-error", "cannot write the login body"));
            }
            login.headers().forEach((name, value) -> request.header(name, template.apply(value)));
            return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .handle((response, error) -> {
                        if (error != null) {
                            throw failure(url, error);
                        }
                        return read(url, response);
                    });
        }

        private String read(URI url, HttpResponse<String> response) {
            int status = response.statusCode();
            if (status < 200 || status > 299) {
                throw new StageFailure("login-http-" + status, "POST " + url + " answered HTTP " + status
                        + (status == 404 ? " (no login endpoint at this URL)" : ""));
            }
            JsonNode body;
            try {
                body = json.readTree(response.body());
            } catch (IOException e) {
                throw new StageFailure("login-bad-response", "POST " + url + " answered " + status + " with a body that is not JSON");
            }
            String token = tokenPath.text(body);
            if (token == null || token.isEmpty()) {
                throw new StageFailure("login-no-token", "POST " + url + " answered " + status + " without a token at "
                        + tokenPath);
            }
            masker.register(token);
            return token;
        }

        private static StageFailure failure(URI url, Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof HttpTimeoutException) {
                return new StageFailure("timeout-before-login", "POST " + url + " did not answer in time");
            }
            if (cause instanceof ConnectException) {
                return new StageFailure("login-unreachable", "POST " + url + ": connection refused");
            }
            return new StageFailure("login-unreachable", "POST " + url + ": " + Causes.describe(cause));
        }

        @Override
        public Set<String> identityValues(Template template) {
            Set<String> values = new HashSet<>();
            Template.strings(template.apply(login.body()), values);
            return values;
        }
    }

    /** Mints an HMAC-signed JWT per journey with the configured claims. */
    final class Jwt implements TokenSource {
        private final GoldenPathConfig.JwtLogin login;
        private final JWSAlgorithm algorithm;
        private final MACSigner signer;
        private final SecretMasker masker;
        private final ObjectMapper json;

        Jwt(GoldenPathConfig.JwtLogin login, String secret, SecretMasker masker, ObjectMapper json) throws JOSEException {
            this.login = login;
            this.algorithm = JWSAlgorithm.parse(login.algorithm().toUpperCase(java.util.Locale.ROOT));
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
            this.masker = masker;
            this.json = json;
        }

        @Override
        public CompletableFuture<String> token(Template template) {
            JsonNode claims = template.apply(login.claims());
            Instant now = Instant.now();
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(login.ttl())));
            for (Iterator<Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                builder.claim(e.getKey(), json.convertValue(e.getValue(), Object.class));
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), builder.build());
            try {
                jwt.sign(signer);
            } catch (JOSEException e) {
                return CompletableFuture.failedFuture(new StageFailure("login-error", "cannot sign a "
                        + algorithm + " token: " + e.getMessage()));
            }
            String token = jwt.serialize();
            masker.register(token);
            return CompletableFuture.completedFuture(token);
        }

        @Override
        public Set<String> identityValues(Template template) {
            Set<String> values = new HashSet<>();
            Template.strings(template.apply(login.claims()), values);
            return values;
        }
    }

    /** One token for every journey, from a variable (a pre-issued test token). */
    record Fixed(String value) implements TokenSource {
        @Override
        public CompletableFuture<String> token(Template template) {
            return CompletableFuture.completedFuture(value);
        }
    }

    /** Journeys that need no token ({@code websocket.auth: none}). */
    static TokenSource none() {
        return new Fixed("");
    }
}
