package io.github.recoverygates.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Issues and checks the auth service's HS256 tokens. */
final class TokenService {

    static final Duration TTL = Duration.ofMinutes(15);
    static final String ISSUER = "reference-auth";

    private final MACSigner signer;
    private final MACVerifier verifier;

    TokenService(String secret) {
        try {
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable JWT secret: " + e.getMessage(), e);
        }
    }

    String issue(String subject) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TTL)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /** The subject of a valid, unexpired token, or null. */
    String verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(verifier)) {
                return null;
            }
            Date expires = jwt.getJWTClaimsSet().getExpirationTime();
            if (expires != null && expires.toInstant().isBefore(Instant.now())) {
                return null;
            }
            String subject = jwt.getJWTClaimsSet().getSubject();
            return subject == null || subject.isEmpty() ? null : subject;
        } catch (ParseException | JOSEException e) {
            return null;
        }
    }
}
