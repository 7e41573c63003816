package dev.meridian.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.server.MeridianServer;
import dev.meridian.server.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin key meets the same rules whatever its source: from the environment as from the configuration file, an
 * admin key equal to a caller key or shorter than 16 characters stops the start with a message naming both sources
 * and neither key (issue 9, item 8).
 */
class AdminKeySourcesIT {

    private static final String CALLER = "sk-caller-key-0123456789";

    @Test
    void environment_adminKeyEqualToTheCallerKey_refusesToStart() {
        assertRefused(
                null,
                Map.of("MERIDIAN_API_KEY", CALLER, "MERIDIAN_ADMIN_KEY", CALLER),
                "MERIDIAN_ADMIN_KEY: the admin key must differ from every caller key, but it equals MERIDIAN_API_KEY"
                        + " (every caller would be the admin API's super-admin)");
    }

    @Test
    void environment_shortAdminKey_refusesToStart() {
        assertRefused(
                null,
                Map.of("MERIDIAN_API_KEY", CALLER, "MERIDIAN_ADMIN_KEY", "admin-123"),
                "MERIDIAN_ADMIN_KEY: the admin key needs at least 16 characters");
    }

    @Test
    void environment_shortCallerKey_refusesToStart() {
        assertRefused(null, Map.of("MERIDIAN_API_KEY", "abc"), "MERIDIAN_API_KEY: required, at least 8 characters");
    }

    @Test
    void environmentAdminKey_equalToACallerKeyOfTheConfigurationFile_refusesToStart() throws IOException {
        Path file = Files.createTempFile("meridian", ".yaml");
        Files.writeString(file, """
                providers:
                  sim: {type: openai, baseUrl: "http://127.0.0.1:9/v1", apiKey: sim-key}
                models:
                  gpt: {provider: sim, model: gpt-4o-mini}
                auth:
                  apiKeys:
                    - {name: app, key: "%s"}
                """.formatted(CALLER));
        assertRefused(
                file,
                Map.of("MERIDIAN_ADMIN_KEY", CALLER),
                "MERIDIAN_ADMIN_KEY: the admin key must differ from every caller key, but it equals"
                        + " auth.apiKeys[0].key (every caller would be the admin API's super-admin)");
    }

    private static void assertRefused(Path configFile, Map<String, String> keys, String problem) {
        Map<String, String> env = new HashMap<>(keys);
        env.put("ANTHROPIC_API_KEY", "sk-ant-test"); // the embedded default without the demo simulator
        env.put("MERIDIAN_HOME", tempHome());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertThatThrownBy(() -> MeridianServer.start(new MeridianServer.Options(
                                configFile, 0, env::get, new PrintStream(console, true, StandardCharsets.UTF_8)))
                        .close())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).contains(problem))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CALLER));
    }

    private static String tempHome() {
        try {
            return Files.createTempDirectory("meridian-home").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
