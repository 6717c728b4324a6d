package io.github.recoverygates.recovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Ports for tests: a dead one (bound, then closed: connection refused), and a server that accepts but never answers. */
final class Ports {
    private Ports() {
    }

    /** A port nothing listens on: bound on 127.0.0.1 and closed again. */
    static int dead() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Accepts connections and never writes a byte: the case where only a deadline helps. With a
     * {@code greeting}, it writes those bytes on every connection (no newline needed) and then says
     * nothing more: a server that speaks another protocol than the check expects.
     */
    static final class Silent implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        Silent() throws IOException {
            this(null);
        }

        Silent(byte[] greeting) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        if (greeting != null) {
                            s.getOutputStream().write(greeting);
                            s.getOutputStream().flush();
                        }
                        synchronized (held) {
                            held.add(s);
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
