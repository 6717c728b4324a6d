package io.github.recoverygates.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recoverygates.core.SecretMasker;
import io.github.recoverygates.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jenkins serves archived files with {@code Content-Security-Policy: sandbox; default-src 'none';
 * img-src 'self'; style-src 'self';}: no inline style, no script. The reports must stay readable
 * there, so their style comes from the stylesheet written beside them. A Jetty on 127.0.0.1 serves
 * the report directory with that header and Chromium draws it.
 */
class HtmlUnderJenkinsCspTest {

    private static final String JENKINS_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';";
    /** report.css: the FAIL header's background, var(--fail). */
    private static final int FAIL_RED = 0xCF222E;

    @TempDir
    Path dir;

    @Test
    @DisplayName("the gate report and the dashboard keep their style under Jenkins' artifact CSP, and lose it without the stylesheet")
    void styledUnderTheArtifactPolicy() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        Map<String, Path> written = Reports.write(SampleResults.syntaxFail(), List.of("html"), out, new SecretMasker(), null);
        new Dashboard(Links.NONE, List.of()).write(List.of(SampleResults.syntaxFail()), List.of(), out, new SecretMasker());
        Chromium chromium = Chromium.in(dir);
        Server server = serve(out);
        try {
            String base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/";
            assertThat(Chromium.colours(chromium.screenshot(base + written.get("html").getFileName(), 1000, 600)))
                    .as("the FAIL header is drawn in red from the linked stylesheet").contains(FAIL_RED);
            assertThat(Chromium.colours(chromium.screenshot(base + "dashboard.html", 1000, 600)))
                    .as("the dashboard's FAIL header").contains(0xB42318);

            Files.delete(out.resolve(HtmlReport.STYLESHEET));
            assertThat(Chromium.colours(chromium.screenshot(base + written.get("html").getFileName(), 1000, 600)))
                    .as("without the file the inline style is blocked: the check can fail").doesNotContain(FAIL_RED);
        } finally {
            server.stop();
        }
    }

    private static Server serve(Path root) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Path file = root.resolve(Request.getPathInContext(request).substring(1)).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    Response.writeError(request, response, callback, 404);
                    return true;
                }
                String name = file.getFileName().toString();
                response.getHeaders().put("Content-Type", name.endsWith(".css") ? "text/css" : "text/html; charset=utf-8");
                response.getHeaders().put("Content-Security-Policy", JENKINS_CSP);
                response.write(true, java.nio.ByteBuffer.wrap(Files.readAllBytes(file)), callback);
                return true;
            }
        });
        server.start();
        return server;
    }
}
