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
    void aGroupsResponseCache_isReadAtStart_butItsProviderPromptCacheMayChange() {
        String cached = BASE + "    cache:\n      enabled: true\n      ttl: 1h\n";

        assertThat(RestartOnlyKeys.changed(parse(cached), parse(cached.replace("ttl: 1h", "ttl: 2h"))))
                .extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly("models.chat.cache.ttl");
        assertThat(RestartOnlyKeys.changed(parse(BASE), parse(cached)))
                .extracting(p -> p.substring(0, p.indexOf(' ')))
                .containsExactly("models.chat.cache.enabled");
        assertThat(RestartOnlyKeys.changed(
                        parse(cached), parse(cached.replace("ttl: 1h", "ttl: 1h\n      providerPrompt: off"))))
                .isEmpty();
        assertThat(RestartOnlyKeys.changed(parse(cached), parse(BASE.replace("  chat:", "  other:"))))
                .as("a cached group removed")
                .isEmpty();
    }

    @Test
    void theSameFile_changesNothing() {
        assertThat(RestartOnlyKeys.changed(parse(BASE), parse(BASE))).isEmpty();
    }
}
