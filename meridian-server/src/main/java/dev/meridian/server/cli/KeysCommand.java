package dev.meridian.server.cli;

import dev.meridian.server.admin.AdminRequests.CreateKey;
import dev.meridian.server.admin.AdminRequests.RotateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian keys create|list|rotate|revoke}: the admin API's key calls, as the super-admin. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the virtual keys of a tenant.")
final class KeysCommand {

    private static final List<String> COLUMNS =
            List.of("id", "name", "prefix", "kind", "status", "user_id", "team_id", "expires_at", "allowed_models");

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a key; its secret is printed once.")
    int create(
            @Mixin AdminOptions admin,
            @Option(names = "--tenant", required = true, description = "Tenant id") String tenant,
            @Option(names = "--name", required = true, description = "Key name, unique in the tenant") String name,
            @Option(names = "--team", description = "Owning team id") String team,
            @Option(names = "--user", description = "Owning user id") String user,
            @Option(
                            names = "--expires-at",
                            converter = InstantConverter.class,
                            description = "When the key stops working: " + InstantConverter.FORMAT)
                    Instant expiresAt,
            @Option(names = "--model", description = "A model the key may call (repeat; default: all)")
                    List<String> models,
            @Option(names = "--meta", description = "Metadata key=value (repeat)") Map<String, String> metadata) {
        return admin.run(
                AdminOptions.Access.WRITE,
                COLUMNS,
                (s, actor) -> s.keys()
                        .create(actor, tenant, new CreateKey(name, team, user, expiresAt, models, metadata, null)));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's keys and tokens.")
    int list(
            @Mixin AdminOptions admin,
            @Option(names = "--tenant", required = true, description = "Tenant id") String tenant,
            @Option(names = "--cursor", description = "next_cursor of the previous page") String cursor,
            @Option(names = "--limit", description = "page size, 1 to 500 (default 100)") Integer limit) {
        return admin.run(
                AdminOptions.Access.READ, COLUMNS, (s, actor) -> s.keys().list(actor, tenant, cursor, limit));
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Give a key a new secret (printed once); the old one works for the grace period.")
    int rotate(
            @Mixin AdminOptions admin,
            @Option(names = "--tenant", required = true, description = "Tenant id") String tenant,
            @Parameters(paramLabel = "KEY_ID", description = "Id of the key to rotate (key_...)") String key,
            @Option(
                            names = "--grace-seconds",
                            description = "How long the old secret keeps working (default" + " 3600)")
                    Long grace) {
        return admin.run(
                AdminOptions.Access.WRITE,
                COLUMNS,
                (s, actor) -> s.keys().rotate(actor, tenant, key, new RotateKey(grace)));
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key for good.")
    int revoke(
            @Mixin AdminOptions admin,
            @Option(names = "--tenant", required = true, description = "Tenant id") String tenant,
            @Parameters(paramLabel = "KEY_ID", description = "Id of the key to revoke") String key) {
        return admin.run(
                AdminOptions.Access.WRITE, COLUMNS, (s, actor) -> s.keys().revoke(actor, tenant, key));
    }
}
