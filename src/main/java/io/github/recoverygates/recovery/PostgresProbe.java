package io.github.recoverygates.recovery;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * {@code type: postgres}: logs in over JDBC and runs {@code SELECT 1}. Accepts
 * {@code postgres://user:password@host:port/db?sslmode=...} (the form of DATABASE_URL),
 * {@code postgresql://...} and {@code jdbc:postgresql://...}.
 */
final class PostgresProbe implements Probe {

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String target;
    private final String address;

    PostgresProbe(CheckSpec spec) {
        String url = spec.url();
        String user = null;
        String password = null;
        if (url.startsWith("jdbc:postgresql:")) {
            this.jdbcUrl = url;
            URI uri = URI.create(url.substring("jdbc:".length()));
            this.address = (uri.getHost() == null ? "localhost" : uri.getHost()) + ":" + (uri.getPort() > 0 ? uri.getPort() : 5432);
            String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "" : uri.getPath();
            this.target = address + path;
        } else {
            URI uri = URI.create(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme();
            if (!scheme.equals("postgres") && !scheme.equals("postgresql")) {
                throw new IllegalArgumentException("a postgres url starts with postgres://, postgresql:// or jdbc:postgresql://");
            }
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            int port = uri.getPort() > 0 ? uri.getPort() : 5432;
            String info = uri.getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? null : decode(info.substring(colon + 1));
            }
            String db = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "" : uri.getRawPath().substring(1);
            this.jdbcUrl = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + db
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            this.address = host + ":" + port;
            this.target = address + (db.isEmpty() ? "" : "/" + decode(db));
        }
        this.user = user;
        this.password = password;
    }

    String password() {
        return password;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String attempt(Duration timeout) throws ProbeFailure {
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        props.setProperty("cancelSignalTimeout", "1");
        props.setProperty("ApplicationName", "recovery-gates");
        try (Connection connection = new org.postgresql.Driver().connect(jdbcUrl, props)) {
            if (connection == null) {
                throw new ProbeFailure("not a PostgreSQL JDBC url");
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(seconds);
                try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw new ProbeFailure("PostgreSQL at " + target + " answered SELECT 1 with no 1", "SELECT 1 = 1",
                                "no row with 1");
                    }
                }
            }
            return "SELECT 1 ok";
        } catch (SQLException e) {
            String cause = describe(e, timeout);
            throw new ProbeFailure(cause, "login and SELECT 1 within " + Causes.format(timeout), cause, e);
        }
    }

    private String describe(SQLException e, Duration timeout) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return Causes.describe(t, address, timeout);
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("refused")) {
            return "connection refused on " + address;
        }
        if (message.contains("timed out") || message.contains("timeout")) {
            return "no answer within " + Causes.format(timeout) + " from " + address;
        }
        return "PostgreSQL at " + target + ": " + message.strip();
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
