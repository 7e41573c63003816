package dev.meridian.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testkit.Poll;
import dev.meridian.testkit.ReadyProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real launcher ({@code bin/meridian}) started as an operator starts it, on this build's jar and this JVM, with
 * {@code home} as its {@code MERIDIAN_HOME} and class-data archive; its output goes to {@code home/launcher.out}.
 */
final class LauncherProcess {

    static final Path LAUNCHER =
            Path.of("..", "bin", "meridian").toAbsolutePath().normalize();
    static final Path JAR = Path.of("target", "meridian.jar").toAbsolutePath();

    private LauncherProcess() {}

    static Process start(Path home, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("launcher.out").toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("MERIDIAN_JAR", JAR.toString());
        pb.environment().put("MERIDIAN_HOME", home.toString());
        pb.environment()
                .put("MERIDIAN_CDS_ARCHIVE", home.resolve("meridian.jsa").toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** {@link #start}s a gateway that listens on {@code port} and waits until it is ready, failing if it exits. */
    static Process startReady(Path home, Map<String, String> env, int port, String... args) throws IOException {
        Process p = start(home, env, args);
        try {
            Poll.until(() -> !p.isAlive() || ReadyProbe.ready(port), Duration.ofSeconds(30), "the gateway is ready");
        } catch (AssertionError notStarted) {
            p.destroyForcibly();
            throw notStarted;
        }
        assertThat(p.isAlive())
                .as(Files.readString(home.resolve("launcher.out")))
                .isTrue();
        return p;
    }
}
