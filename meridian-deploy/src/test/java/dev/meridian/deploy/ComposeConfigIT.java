package dev.meridian.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/compose/docker-compose.yml as Debian's docker-compose reads it: valid, and the stack the docs describe. */
class ComposeConfigIT {

    private static final String DOCKER_COMPOSE =
            "`apt-get install -y docker-compose` (Debian's package; .ci/run installs it on CI)";
    private static final Path COMPOSE = Commands.deployDir().resolve("compose");

    @Test
    void dockerComposeAcceptsTheFileAndResolvesThreeGatewaysBehindNginxWithTheirBackends() throws Exception {
        String tool = Commands.require("docker-compose", DOCKER_COMPOSE);
        Commands.Result result = Commands.run(
                List.of(tool, "--env-file", ".env.example", "-f", "docker-compose.yml", "config"), COMPOSE);
        assertThat(result.exitCode()).as(result.output()).isZero();

        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(result.output());
        List<String> services = new ArrayList<>();
        config.path("services").fieldNames().forEachRemaining(services::add);
        assertThat(services)
                .containsExactlyInAnyOrder(
                        "gateway-1",
                        "gateway-2",
                        "gateway-3",
                        "balancer",
                        "postgres",
                        "redis",
                        "prometheus",
                        "grafana");
        for (String gateway : List.of("gateway-1", "gateway-2", "gateway-3")) {
            JsonNode service = config.path("services").path(gateway);
            assertThat(service.path("read_only").asBoolean())
                    .as(gateway + " read_only")
                    .isTrue();
            assertThat(service.path("environment").path("MERIDIAN_REDIS_URL").asText())
                    .isEqualTo("redis://redis:6379");
            assertThat(service.path("environment").path("MERIDIAN_DATABASE_URL").asText())
                    .startsWith("jdbc:postgresql://postgres:5432/");
            assertThat(service.path("depends_on")
                            .path("postgres")
                            .path("condition")
                            .asText())
                    .isEqualTo("service_healthy");
        }
        assertThat(config.path("services").path("balancer").path("ports").toString())
                .contains("8080");
    }

    @Test
    void withoutTheSecretsComposeRefusesToStartRatherThanUseEmptyPasswords(@TempDir Path dir) throws Exception {
        String tool = Commands.require("docker-compose", DOCKER_COMPOSE);
        Path emptyEnv = Files.writeString(dir.resolve("empty.env"), "");
        Commands.Result result = Commands.run(
                List.of(tool, "--env-file", emptyEnv.toString(), "-f", "docker-compose.yml", "config", "-q"), COMPOSE);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("set MERIDIAN_ADMIN_KEY in .env");
    }
}
