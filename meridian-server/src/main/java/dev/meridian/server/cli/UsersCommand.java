package dev.meridian.server.cli;

import dev.meridian.server.admin.AdminRequests.CreateUser;
import dev.meridian.store.model.Role;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meridian users create|list}: the admin API's user calls, as the super-admin. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage the users of a tenant.")
final class UsersCommand {

    private static final List<String> COLUMNS = List.of("id", "email", "name", "role", "team_id", "created_at");

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a user.")
    int create(
            @Mixin AdminOptions admin,
            @Option(names = "--tenant", required = true, description = "Tenant id") String tenant,
            @Option(names = "--email", required = true, description = "Email, unique in the tenant") String email,
            @Option(names = "--name", required = true, description = "Display name") String name,
            @Option(names = "--role", description = "admin, developer, viewer or billing (default developer)")
                    String role,
            @Option(names = "--team", description = "Team id") String team) {
        return admin.run(
                AdminOptions.Access.WRITE,
                COLUMNS,
                (s, actor) -> s.users()
                        .create(
                                actor,
                                tenant,
                                new CreateUser(email, name, AdminOptions.parse(Role.class, "--role", role), team)));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a tenant's users.")
    int list(
            @Mixin AdminOptions admin,
            @Option(names = "--tenant", required = true, description = "Tenant id") String tenant,
            @Option(names = "--cursor", description = "next_cursor of the previous page") String cursor,
            @Option(names = "--limit", description = "page size, 1 to 500 (default 100)") Integer limit) {
        return admin.run(
                AdminOptions.Access.READ, COLUMNS, (s, actor) -> s.users().list(actor, tenant, cursor, limit));
    }
}
