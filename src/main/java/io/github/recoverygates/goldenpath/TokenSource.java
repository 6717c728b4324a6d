package io.github.recoverygates.goldenpath;

import io.github.recoverygates.core.JsonPath;
import io.github.recoverygates.core.SecretMasker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    /**
     * Mints an HMAC-signed JWT per journey with the configured claims ({@code iat} and {@code exp} first).
     * The token is signed here with a {@link Mac} kept per thread; a secret too short for the algorithm
     * goes through nimbus, whose refusal is the journey's {@code login-error}.
     */
    final class Jwt implements TokenSource {
        private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
        private final GoldenPathConfig.JwtLogin login;
        private final JWSAlgorithm algorithm;
        private final MACSigner signer;
        private final SecretMasker masker;
        private final ObjectMapper json;
        /** The encoded header, {@code {"alg":"HS256"}}, and a signer per thread; null when nimbus must refuse. */
        private final String header;
        private final ThreadLocal<Mac> macs;

        Jwt(GoldenPathConfig.JwtLogin login, String secret, SecretMasker masker, ObjectMapper json) throws JOSEException {
            this.login = login;
            this.algorithm = JWSAlgorithm.parse(login.algorithm().toUpperCase(java.util.Locale.ROOT));
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            this.signer = new MACSigner(key);
            this.masker = masker;
            this.json = json;
            boolean strongEnough = key.length * 8L >= MACSigner.getMinRequiredSecretLength(algorithm);
            this.header = strongEnough ? BASE64URL.encodeToString(new JWSHeader(algorithm).toString()
                    .getBytes(StandardCharsets.UTF_8)) : null;
            String macName = "Hmac" + algorithm.getName().replace("HS", "SHA");
            this.macs = ThreadLocal.withInitial(() -> {
                try {
                    Mac mac = Mac.getInstance(macName);
                    mac.init(new SecretKeySpec(key, macName));
                    return mac;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("every JDK has " + macName, e);
                }
            });
        }

        @Override
        public CompletableFuture<String> token(Template template) {
            JsonNode claims = template.apply(login.claims());
            long now = Instant.now().getEpochSecond();
            String token;
            try {
                token = header == null ? nimbus(claims, now) : signed(claims, now);
            } catch (JOSEException | IOException e) {
                return CompletableFuture.failedFuture(new StageFailure("login-error", "cannot sign a "
                        + algorithm + " token: " + e.getMessage()));
            }
            masker.register(token);
            return CompletableFuture.completedFuture(token);
        }

        private String signed(JsonNode claims, long now) throws IOException {
            ObjectNode payload = json.createObjectNode().put("iat", now).put("exp", now + login.ttl().toSeconds());
            claims.fields().forEachRemaining(e -> payload.set(e.getKey(), e.getValue()));
            String signingInput = header + "." + BASE64URL.encodeToString(json.writeValueAsBytes(payload));
            byte[] signature = macs.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature);
        }

        private String nimbus(JsonNode claims, long now) throws JOSEException {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                    .issueTime(Date.from(Instant.ofEpochSecond(now)))
                    .expirationTime(Date.from(Instant.ofEpochSecond(now).plus(login.ttl())));
            for (Iterator<Map.Entry<String, JsonNode>> it = claims.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                builder.claim(e.getKey(), json.convertValue(e.getValue(), Object.class));
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), builder.build());
            jwt.sign(signer);
            return jwt.serialize();
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
