package dev.meridian.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.testkit.KnownSecrets;
import dev.meridian.testkit.SecretScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The whole suite runs with {@link KnownSecrets} as its caller, admin and provider keys; this module is the last of
 * the build, so by now every other module's tests have written their output (logs, the access log, what the
 * gateways printed) to {@code target/surefire-reports} and {@code target/failsafe-reports}. None of it may hold a
 * known secret. Gateways' own files (request log, journal, audit file) and PostgreSQL schemas are grepped where
 * the tests that made them end ({@code GatewayFixture.close}, {@code PostgresSchema.close}), before they are deleted.
 */
class SuiteOutputHasNoKnownSecretsIT {

    private static final Path BUILD_ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void noTestOutputOfTheWholeSuite_containsAKnownSecret() throws IOException {
        List<Path> outputs = testOutputs();

        assertThat(outputs)
                .as("test output of the server module (run the whole build: ./mvnw verify)")
                .anyMatch(p -> p.startsWith(BUILD_ROOT.resolve("meridian-server")));
        List<String> leaks = new ArrayList<>();
        for (Path output : outputs) {
            leaks.addAll(SecretScan.findIn(BUILD_ROOT.relativize(output).toString(), Files.readAllBytes(output)));
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void theScan_findsASecretWhereOneIs() {
        assertThat(SecretScan.findIn("a log line", "Authorization: Bearer " + KnownSecrets.CALLER_KEY))
                .containsExactly("a log line: " + KnownSecrets.CALLER_KEY);
    }

    private static List<Path> testOutputs() throws IOException {
        List<Path> outputs = new ArrayList<>();
        try (Stream<Path> modules = Files.list(BUILD_ROOT)) {
            for (Path module : (Iterable<Path>)
                    modules.filter(m -> m.getFileName().toString().startsWith("meridian-"))::iterator) {
                for (String reports : List.of("surefire-reports", "failsafe-reports")) {
                    Path dir = module.resolve("target").resolve(reports);
                    if (Files.isDirectory(dir)) {
                        try (Stream<Path> files = Files.list(dir)) {
                            files.filter(f -> f.getFileName().toString().endsWith("-output.txt"))
                                    .forEach(outputs::add);
                        }
                    }
                }
            }
        }
        return outputs;
    }
}
