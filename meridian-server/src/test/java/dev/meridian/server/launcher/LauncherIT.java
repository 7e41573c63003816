package dev.meridian.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's start command, {@code bin/meridian}: the JVM flags it gives the gateway, the class-data archive
 * that the first start records and later starts map, and the commands that run and exit.
 */
class LauncherIT {

    private static final Path JAR = LauncherProcess.JAR;

    @TempDir
    Path home;

    @Test
    void serve_runsWithTheGatewaysHeapAndCollector() throws Exception {
        Process gateway = serve(Map.of());
        try {
            List<String> jvm = List.of(gateway.info().arguments().orElseThrow());

            assertThat(jvm).contains("-XX:+UseSerialGC", "-Xmx128m", "-Xmn32m", "-XX:+ExitOnOutOfMemoryError");
        } finally {
            stop(gateway);
        }
    }

    @Test
    void firstStart_recordsTheClassArchive_andTheNextStartMapsIt() throws Exception {
        Path archive = home.resolve("meridian.jsa");

        stop(serve(Map.of()));
        assertThat(recorded()).as("written at exit under the writer's own name").hasSize(1);

        // -Xshare:on refuses to start unless the archive maps.
        Process second = serve(Map.of("MERIDIAN_JAVA_OPTS", "-Xshare:on"));
        try {
            assertThat(List.of(second.info().arguments().orElseThrow())).contains("-XX:SharedArchiveFile=" + archive);
            assertThat(archive).isNotEmptyFile();
            assertThat(home.resolve("meridian.jsa.stamp")).isNotEmptyFile();
            assertThat(recorded()).isEmpty();
        } finally {
            stop(second);
        }
    }

    @Test
    void aJarNewerThanTheArchive_isRecordedAfresh() throws Exception {
        Path archive = home.resolve("meridian.jsa");
        stop(serve(Map.of()));
        stop(serve(Map.of())); // adopts and maps the archive
        Files.setLastModifiedTime(
                home.resolve("meridian.jsa.stamp"), FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        Files.setLastModifiedTime(JAR, FileTime.from(Instant.now()));

        Process again = serve(Map.of());
        try {
            assertThat(List.of(again.info().arguments().orElseThrow()))
                    .anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
            assertThat(archive).doesNotExist();
        } finally {
            stop(again);
        }
        assertThat(recorded()).hasSize(1);
    }

    /** Archives written at exit and not yet adopted by a start. */
    private List<Path> recorded() throws IOException {
        try (var files = Files.list(home)) {
            return files.filter(f -> f.getFileName().toString().matches("meridian\\.jsa\\.\\d+\\.tmp"))
                    .toList();
        }
    }

    @Test
    void version_runsAndExits() throws Exception {
        Result r = run(Map.of(), "--version");

        assertThat(r.exit()).isZero();
        assertThat(r.output()).startsWith("meridian ");
    }

    @Test
    void aHeapThatIsNotASize_isRefusedSayingWhatItMustBe() throws Exception {
        Result r = run(Map.of("MERIDIAN_HEAP", "lots"), "serve");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.output()).contains("MERIDIAN_HEAP must be megabytes or gigabytes, like 160m or 1g; got lots");
    }

    private record Result(int exit, String output) {}

    private Result run(Map<String, String> env, String... args) throws Exception {
        Process p = LauncherProcess.start(home, env, args);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the command exits").isTrue();
        return new Result(p.exitValue(), Files.readString(home.resolve("launcher.out")));
    }

    private Process serve(Map<String, String> env) throws Exception {
        int port = freePort();
        return LauncherProcess.startReady(
                home, env, port, "serve", "--port", Integer.toString(port), "--host", "127.0.0.1");
    }

    /** Stops the gateway as a supervisor does (SIGTERM) and waits until it has exited, archive written. */
    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the gateway exits").isTrue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
