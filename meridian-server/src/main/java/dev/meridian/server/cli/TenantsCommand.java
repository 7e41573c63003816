package dev.meridian.server.cli;

import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.CreateTenant;
import dev.meridian.server.admin.AdminRequests.UpdateTenant;
import dev.meridian.store.model.TenantStatus;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meridian tenants create|list|get|suspend|activate}: the admin API's tenant calls, as the super-admin. */
@Command(name = "tenants", mixinStandardHelpOptions = true, description = "Manage tenants (as the super-admin).")
final class TenantsCommand {

    private static final List<String> COLUMNS = List.of("id", "name", "status", "plan", "trial_ends_at", "created_at");

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a tenant.")
    int create(
            @Mixin AdminOptions admin,
            @Parameters(paramLabel = "NAME", description = "Unique tenant name") String name,
            @Option(
                            names = "--plan",
                            description =
                                    "the name of a plan: basic, professional, enterprise or a custom one (default basic)")
                    String plan,
            @Option(
                            names = "--trial-ends-at",
                            converter = InstantConverter.class,
                            description = "End of a trial, making the tenant a trial: " + InstantConverter.FORMAT)
                    Instant trialEndsAt) {
        return admin.run(AdminOptions.Access.WRITE, COLUMNS, (s, actor) -> {
            // Plan names are lower-case; the option names the field in errors, as the other options do.
            String planName = plan == null ? null : plan.strip().toLowerCase(Locale.ROOT);
            try {
                return s.tenants()
                        .create(
                                actor,
                                new CreateTenant(
                                        name, planName, null, trialEndsAt, null, null, null, null, null, null));
            } catch (GatewayException e) {
                if ("plan".equals(e.param())) {
                    throw GatewayException.invalid("--plan", e.getMessage());
                }
                throw e;
            }
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tenants.")
    int list(
            @Mixin AdminOptions admin,
            @Option(names = "--cursor", description = "next_cursor of the previous page") String cursor,
            @Option(names = "--limit", description = "page size, 1 to 500 (default 100)") Integer limit) {
        return admin.run(
                AdminOptions.Access.READ, COLUMNS, (s, actor) -> s.tenants().list(actor, cursor, limit));
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one tenant.")
    int get(@Mixin AdminOptions admin, @Parameters(paramLabel = "TENANT_ID", description = "Tenant id") String id) {
        return admin.run(
                AdminOptions.Access.READ, COLUMNS, (s, actor) -> s.tenants().get(actor, id));
    }

    @Command(
            name = "suspend",
            mixinStandardHelpOptions = true,
            description = "Suspend a tenant: its keys get 403 tenant_inactive on every replica within seconds.")
    int suspend(
            @Mixin AdminOptions admin,
            @Parameters(paramLabel = "TENANT_ID", description = "Tenant to suspend") String id) {
        return setStatus(admin, id, TenantStatus.SUSPENDED);
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "Make a tenant active again.")
    int activate(
            @Mixin AdminOptions admin,
            @Parameters(paramLabel = "TENANT_ID", description = "Tenant to activate") String id) {
        return setStatus(admin, id, TenantStatus.ACTIVE);
    }

    private static int setStatus(AdminOptions admin, String id, TenantStatus status) {
        return admin.run(
                AdminOptions.Access.WRITE,
                COLUMNS,
                (s, actor) -> s.tenants().update(actor, id, UpdateTenant.status(status)));
    }
}
