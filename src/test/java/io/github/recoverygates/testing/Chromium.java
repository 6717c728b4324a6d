package io.github.recoverygates.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Debian's headless Chromium for the tests that must see a page as a browser does (skipped where it is not installed). */
public final class Chromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");

    private final Path dir;
    private int runs;

    private Chromium(Path dir) {
        this.dir = dir;
    }

    /** A Chromium working in {@code dir}; the test is skipped, saying why, when Chromium is missing. */
    public static Chromium in(Path dir) {
        assumeTrue(Files.isExecutable(BINARY), "Chromium is not installed (apt-get install chromium)");
        return new Chromium(dir);
    }

    /** The page at {@code url} as a PNG of {@code width} × {@code height}. */
    public BufferedImage screenshot(String url, int width, int height) throws IOException, InterruptedException {
        Path png = dir.resolve("shot-" + runs + ".png");
        run(url, "--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png);
        return ImageIO.read(png.toFile());
    }

    /** The DOM Chromium built from the page at {@code url}. */
    public String dom(String url) throws IOException, InterruptedException {
        return new String(run(url, "--dump-dom"), StandardCharsets.UTF_8);
    }

    /** Every colour of the image (sampled every other pixel), as 0xRRGGBB. */
    public static Set<Integer> colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours;
    }

    private byte[] run(String url, String... options) throws IOException, InterruptedException {
        int n = runs++;
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile-" + n)));
        command.addAll(List.of(options));
        command.add(url);
        Path out = dir.resolve("chromium-" + n + ".out");
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("chromium-" + n + ".err").toFile())
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IOException("chromium did not finish in 120 s");
        }
        return Files.readAllBytes(out);
    }
}
