package dev.meridian.server.e2e;

import dev.meridian.testkit.KnownSecrets;

/** The configuration file of a {@link GatewayFixture}: one model per provider type, all on its simulator. */
final class FixtureYaml {

    private FixtureYaml() {}

    /**
     * @param url            the simulator's base URL
     * @param serverLines    more {@code server:} lines (indented two spaces)
     * @param adminKey       {@code auth.adminKey}, or null for none
     * @param extraProviders more lines under {@code providers:}
     * @param extraModels    more lines under {@code models:}
     * @param routing        top-level sections after {@code models:} (routing, storage, cache, ...)
     */
    static String render(
            String url,
            String serverLines,
            String adminKey,
            String extraProviders,
            String extraModels,
            String routing) {
        return """
            server:
              port: 0
              eventLoops: 2
              maxBodySize: 64KiB
              shutdownGracePeriod: 10s
            %s
            auth:
              apiKeys:
                - name: tests
                  key: %s
            %s
            providers:
              sim-openai:
                type: openai
                baseUrl: %s/v1
                apiKey: %s
              sim-anthropic:
                type: anthropic
                baseUrl: %s
                apiKey: %s
              sim-gemini:
                type: gemini
                baseUrl: %s
                apiKey: %s
              sim-azure:
                type: azure
                baseUrl: %s
                apiKey: %s
                apiVersion: "2024-10-21"
              sim-compat:
                type: openai-compatible
                baseUrl: %s/v1
                apiKey: %s
              sim-hasty:
                type: openai
                baseUrl: %s/v1
                apiKey: %s
                timeouts:
                  firstByte: 500ms
                  idle: 500ms
            %s
            models:
              gpt:
                provider: sim-openai
                model: gpt-4o-mini
              claude:
                provider: sim-anthropic
                model: claude-sonnet-4-5
              gemini:
                provider: sim-gemini
                model: gemini-2.5-flash
              azure-gpt:
                provider: sim-azure
                model: my-gpt-deployment
              compat:
                provider: sim-compat
                model: llama3.1
              hasty:
                provider: sim-hasty
                model: gpt-4o-mini
              embed-openai:
                provider: sim-openai
                model: text-embedding-3-small
              embed-gemini:
                provider: sim-gemini
                model: gemini-embedding-001
            %s
            %s
            """.formatted(
                        serverLines.stripTrailing(),
                        GatewayFixture.KEY,
                        adminKey == null ? "" : "  adminKey: " + adminKey,
                        url,
                        KnownSecrets.OPENAI_KEY,
                        url,
                        KnownSecrets.ANTHROPIC_KEY,
                        url,
                        KnownSecrets.GEMINI_KEY,
                        url,
                        KnownSecrets.AZURE_KEY,
                        url,
                        KnownSecrets.COMPAT_KEY,
                        url,
                        KnownSecrets.OPENAI_KEY,
                        extraProviders,
                        extraModels,
                        routing);
    }
}
