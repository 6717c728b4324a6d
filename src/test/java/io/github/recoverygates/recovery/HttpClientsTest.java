package io.github.recoverygates.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("recovery: the HTTP clients of a run end their threads when the run is done")
class HttpClientsTest {

    static TestHttpServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestHttpServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void closingEndsTheSelectorThreadsOfItsClientsOnly() throws Exception {
        Set<Thread> others = selectorThreads();
        HttpClient foreign = HttpClient.newHttpClient();
        Set<Thread> before = selectorThreads();
        Set<Thread> foreigns = new java.util.HashSet<>(before);
        foreigns.removeAll(others);
        HttpClients clients = new HttpClients();
        URI health = URI.create(server.url("/health"));
        HttpClient plain = clients.get(health, null, null, false);
        HttpClient redirecting = clients.get(health, null, null, true);
        assertThat(get(plain, health)).isEqualTo(200);
        assertThat(get(redirecting, health)).isEqualTo(200);
        Set<Thread> ours = selectorThreads();
        ours.removeAll(before);
        assertThat(ours).hasSize(2).allMatch(Thread::isAlive);

        clients.close();

        assertThat(ours).noneMatch(Thread::isAlive); // nothing of this run is left in native code at the JVM's exit
        assertThat(foreigns).hasSize(1).allMatch(Thread::isAlive);
        assertThat(get(foreign, health)).isEqualTo(200); // a client the run did not make still works
    }

    @Test
    void closingTwiceOrWithoutClientsIsHarmless() throws Exception {
        HttpClients none = new HttpClients();
        none.close();
        HttpClients one = new HttpClients();
        one.get(URI.create(server.url("/health")), null, null, false);
        one.close();
        one.close();
    }

    private static int get(HttpClient client, URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .collect(Collectors.toSet());
    }
}
