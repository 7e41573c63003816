package dev.meridian.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.testkit.Poll;
import dev.meridian.testkit.ReadyProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image that {@code jib:buildTar} wrote (target/meridian-image.tar): its configuration, its layers, and, where
 * the test runs as root, the image itself started the way a container runtime would (its own root filesystem,
 * mounted read-only, its user, its entrypoint) with its health check run against it.
 */
class ContainerImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path image;

    static JsonNode config;
    static List<String> layers = new ArrayList<>();

    @BeforeAll
    static void unpack() throws Exception {
        Path tar = Commands.imageTar();
        assertThat(tar).as("built by `./mvnw package` (jib:buildTar)").exists();
        Commands.Result untar = Commands.run(List.of("tar", "-xf", tar.toString()), image);
        assertThat(untar.exitCode()).as(untar.output()).isZero();
        JsonNode manifest =
                JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(image.resolve(manifest.path("Config").asText()).toFile());
        manifest.path("Layers").forEach(layer -> layers.add(layer.asText()));
        assertThat(manifest.path("RepoTags").get(0).asText()).isEqualTo("meridian:0.1.0-SNAPSHOT");
    }

    @Test
    void runsAsTheNonRootUserWithJavaAsPid1SizedFromTheContainersMemoryLimit() {
        JsonNode container = config.path("config");
        assertThat(container.path("User").asText()).isEqualTo("65532:65532");
        List<String> entrypoint = strings(container.path("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("/opt/java/bin/java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData");
        assertThat(entrypoint).noneMatch(flag -> flag.startsWith("-Xmx") || flag.startsWith("-Xms"));
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
                .containsExactly("-jar", "/app/meridian.jar");
        assertThat(strings(container.path("Cmd"))).containsExactly("serve");
        assertThat(strings(container.path("Env"))).contains("MERIDIAN_HOME=/data");
    }

    @Test
    void exposesTheGatewayPortAndChecksReadinessWithItsOwnProbe() {
        JsonNode container = config.path("config");
        assertThat(container.path("ExposedPorts").has("8080/tcp")).isTrue();
        List<String> test = strings(container.path("Healthcheck").path("Test"));
        assertThat(test.get(0)).isEqualTo("CMD");
        assertThat(test).contains("/opt/java/bin/java", "dev.meridian.deploy.HealthCheck");
        assertThat(test.get(test.size() - 1)).isEqualTo("http://127.0.0.1:8080/health/ready");
        assertThat(container.path("Healthcheck").path("Interval").asLong()).isPositive();
        assertThat(container.has("Volumes")).isTrue();
        assertThat(container.path("Volumes").has("/data")).isTrue();
        assertThat(container.path("Volumes").has("/tmp")).isTrue();
    }

    @Test
    void onlyTheDataDirectoryBelongsToTheGatewaysUserSoTheRootFilesystemCanBeReadOnly() throws Exception {
        List<String> ownedByGateway = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String layer : layers) {
            Commands.Result listing = Commands.run(List.of("tar", "-tvzf", layer, "--numeric-owner"), image);
            assertThat(listing.exitCode()).as(listing.output()).isZero();
            for (String line : listing.output().lines().toList()) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 6 || line.startsWith("tar:")) {
                    continue;
                }
                String path = fields[fields.length - 1];
                files.add(path);
                if (fields[1].startsWith("65532/")) {
                    ownedByGateway.add(path);
                }
            }
        }
        assertThat(ownedByGateway).containsExactly("./data/");
        assertThat(files)
                .contains(
                        "./opt/java/bin/java",
                        "app/meridian.jar",
                        "app/classes/dev/meridian/deploy/HealthCheck.class",
                        "./etc/passwd");
        assertThat(files).noneMatch(path -> path.startsWith("app/libs/"));
    }

    @Test
    void theImageStartsOnAReadOnlyRootAsItsUserAndItsHealthCheckPassesOnceTheGatewayIsReady(@TempDir Path run)
            throws Exception {
        assumeThat(System.getProperty("user.name"))
                .as("starting the image needs root (mount namespaces and chroot), as on CI")
                .isEqualTo("root");
        Path rootfs = Files.createDirectory(run.resolve("rootfs"));
        for (String layer : layers) {
            Commands.Result untar = Commands.run(
                    List.of("tar", "-xzf", image.resolve(layer).toString(), "--numeric-owner", "-C", "rootfs"), run);
            assertThat(untar.exitCode()).as(untar.output()).isZero();
        }
        Path data = Files.createDirectory(run.resolve("data"));
        Commands.run(List.of("chown", "65532:65532", data.toString()), run);
        int port = Commands.freePort();
        List<String> env = new ArrayList<>(strings(config.path("config").path("Env")));
        env.add("MERIDIAN_PORT=" + port);
        List<String> command = new ArrayList<>(strings(config.path("config").path("Entrypoint")));
        command.addAll(strings(config.path("config").path("Cmd")));

        Process gateway = ImageRuntime.start(rootfs, data, env, command, run.resolve("gateway.log"));
        try {
            Poll.until(() -> ReadyProbe.ready(port) || !gateway.isAlive(), Duration.ofSeconds(90), "image ready");
            assertThat(gateway.isAlive())
                    .as(Files.readString(run.resolve("gateway.log")))
                    .isTrue();

            List<String> healthCheck =
                    strings(config.path("config").path("Healthcheck").path("Test"));
            List<String> probe = new ArrayList<>(healthCheck.subList(1, healthCheck.size() - 1));
            probe.add("http://127.0.0.1:" + port + "/health/ready");
            Process check = ImageRuntime.start(rootfs, data, env, probe, run.resolve("check.log"));
            assertThat(check.waitFor())
                    .as(Files.readString(run.resolve("check.log")))
                    .isZero();

            assertThat(Files.readString(run.resolve("gateway.log"))).doesNotContain("Read-only file system");
            try (var written = Files.list(data)) {
                assertThat(written.map(p -> p.getFileName().toString())).contains("meridian.db");
            }
            assertThat(ImageRuntime.stop(gateway))
                    .as("the JVM, PID 1, stops on SIGTERM")
                    .isTrue();
        } finally {
            ImageRuntime.stop(gateway);
        }
    }

    @Test
    void thePlainDockerfileBuildsTheSameContainerAsJib() throws Exception {
        String dockerfile = Files.readString(Commands.deployDir().resolve("docker/Dockerfile"))
                .replace("\\\n", " ");
        List<String> finalStage = dockerfile
                .lines()
                .dropWhile(line -> !line.startsWith("FROM eclipse-temurin:25-jre"))
                .toList();
        assertThat(finalStage).as("a final stage on a Java 25 runtime").isNotEmpty();
        JsonNode container = config.path("config");
        assertThat(instruction(finalStage, "USER"))
                .isEqualTo(container.path("User").asText());
        assertThat(instruction(finalStage, "EXPOSE") + "/tcp")
                .isEqualTo(container.path("ExposedPorts").fieldNames().next());
        assertThat(sameJava(json(instruction(finalStage, "ENTRYPOINT"))))
                .isEqualTo(strings(container.path("Entrypoint")));
        assertThat(json(instruction(finalStage, "CMD"))).isEqualTo(strings(container.path("Cmd")));
        String healthCheck = instruction(finalStage, "HEALTHCHECK");
        assertThat(sameJava(json(healthCheck.substring(healthCheck.indexOf("CMD ") + 4))))
                .isEqualTo(strings(container.path("Healthcheck").path("Test"))
                        .subList(1, container.path("Healthcheck").path("Test").size()));
    }

    private static String instruction(List<String> stage, String name) {
        return stage.stream()
                .filter(line -> line.startsWith(name + " "))
                .map(line -> line.substring(name.length() + 1).strip())
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no " + name + " in the Dockerfile's final stage"));
    }

    private static List<String> json(String array) throws Exception {
        return strings(JSON.readTree(array));
    }

    /** The Temurin image keeps Java in /opt/java/openjdk, the Jib base in /opt/java. */
    private static List<String> sameJava(List<String> command) {
        return command.stream()
                .map(arg -> arg.replace("/opt/java/openjdk/", "/opt/java/"))
                .toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
