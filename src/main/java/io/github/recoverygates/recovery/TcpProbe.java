package io.github.recoverygates.recovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/** {@code type: tcp}: something accepts a connection on host:port. */
final class TcpProbe implements Probe {

    private final String host;
    private final int port;

    TcpProbe(CheckSpec spec) {
        if (spec.url() != null) {
            String url = spec.url().contains("://") ? spec.url() : "tcp://" + spec.url();
            URI uri = URI.create(url);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("tcp url must be tcp://host:port, not " + spec.url());
            }
            this.host = uri.getHost();
            this.port = uri.getPort();
        } else {
            this.host = spec.host();
            this.port = spec.port();
        }
    }

    @Override
    public String attempt(Duration timeout) throws ProbeFailure {
        String target = host + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return "accepting connections on " + target;
        } catch (IOException e) {
            String cause = Causes.describe(e, target, timeout);
            throw new ProbeFailure(cause, "a TCP connection within " + Causes.format(timeout), cause, e);
        }
    }
}
