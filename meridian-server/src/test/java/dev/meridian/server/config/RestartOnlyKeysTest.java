package dev.meridian.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RestartOnlyKeysTest {

    private static final String BASE = """
            server:
              port: 8080
              maxBodySize: 1MiB
            providers:
              a:
                type: openai
                apiKey: key-a
            models:
              chat:
                provider: a
                model: gpt-4o-mini
            """;

    private static MeridianConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, name -> null);
    }

    @Test
    void providersAndModels_mayChange() {
        MeridianConfig next = parse(BASE.replace("gpt-4o-mini", "gpt-4o").replace("key-a", "key-new")
                + "  other:\n    provider: a\n    model: gpt-4o\n");

        assertThat(RestartOnlyKeys.changed(parse(BASE), next)).isEmpty();
    }

    @Test
    void everyOtherChangedKey_isNamed_downToTheLeaf() {
        MeridianConfig next =
                parse(BASE.replace("port: 8080", "port: 9090").replace("maxBodySize: 1MiB", "maxBodySize: 2MiB")
                        + "storage:\n  url: jdbc:sqlite:/tmp/elsewhere.db\n");

        assertThat(RestartOnlyKeys.changed(parse(BASE), next))
                .extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactlyInAnyOrder("server.port", "server.maxBodySize", "storage.url");
        assertThat(RestartOnlyKeys.changed(parse(BASE), next))
                .allMatch(p -> p.contains(" cannot change without a restart"));
    }

    @Test
    void theSameFile_changesNothing() {
        assertThat(RestartOnlyKeys.changed(parse(BASE), parse(BASE))).isEmpty();
    }
}
