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

    /**
     * Starts the launcher with SIGHUP at its default disposition, as from an operator's terminal, whatever this build's
     * own: a build run under {@code nohup} ignores SIGHUP, and every process it starts inherits that.
     */
    static Process start(Path home, Map<String, String> env, String... args) throws IOException {
        return start(home, env, List.of("env", "--default-signal=HUP", "sh", LAUNCHER.toString()), args);
    }

    /** Starts the launcher as {@code nohup} would: with SIGHUP ignored, which the gateway's JVM inherits. */
    static Process startIgnoringHangUp(Path home, Map<String, String> env, String... args) throws IOException {
        return start(home, env, List.of("sh", "-c", "trap '' HUP; exec sh \"$0\" \"$@\"", LAUNCHER.toString()), args);
    }

    private static Process start(Path home, Map<String, String> env, List<String> launcher, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
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
        return ready(start(home, env, args), home, port);
    }

    /** Waits until the gateway {@code p} listens on {@code port} and is ready, failing if it exits. */
    static Process ready(Process p, Path home, int port) throws IOException {
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
