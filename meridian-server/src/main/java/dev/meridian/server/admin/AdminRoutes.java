package dev.meridian.server.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import dev.meridian.server.admin.AdminRequests.CreateBudget;
import dev.meridian.server.admin.AdminRequests.CreateKey;
import dev.meridian.server.admin.AdminRequests.CreatePlan;
import dev.meridian.server.admin.AdminRequests.CreateTeam;
import dev.meridian.server.admin.AdminRequests.CreateTenant;
import dev.meridian.server.admin.AdminRequests.CreateToken;
import dev.meridian.server.admin.AdminRequests.CreateUser;
import dev.meridian.server.admin.AdminRequests.RequestFilter;
import dev.meridian.server.admin.AdminRequests.RotateKey;
import dev.meridian.server.admin.AdminRequests.UpdateBudget;
import dev.meridian.server.admin.AdminRequests.UpdateKey;
import dev.meridian.server.admin.AdminRequests.UpdatePlan;
import dev.meridian.server.admin.AdminRequests.UpdateTenant;
import dev.meridian.server.admin.AdminRequests.UpdateUser;
import dev.meridian.server.config.PiiConfig;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every endpoint of the admin API in one list, mapped onto the parts of {@link AdminService}. The OpenAPI document
 * ({@code openapi.yaml} beside this class) must describe exactly these; a test holds the two together.
 */
final class AdminRoutes {

    /** Served without authentication: it describes the API and holds no data. */
    static final String OPENAPI = "/openapi.json";

    static final Set<String> PAGING = Set.of("cursor", "limit");
    static final Set<String> USAGE_QUERY = Set.of("from", "to", "group_by", "format");
    static final Set<String> WINDOW_QUERY = Set.of("from", "to");
    static final Set<String> ALERT_QUERY = Set.of("status", "cursor", "limit");
    static final Set<String> REQUEST_FILTERS = Set.of("from", "to", "key_id", "model", "status", "cursor", "limit");
    static final Set<String> SUBJECT_QUERY = Set.of("user_id", "key_id", "cursor", "limit");

    private AdminRoutes() {}

    /** @param live the endpoints that read the running gateway (routing, prices, alert delivery) */
    static List<AdminRoute> all(LiveAdmin live) {
        return List.of(
                route(POST, "/plans", 201, (s, a, c) -> s.plans().create(a, c.body(CreatePlan.class))),
                route(GET, "/plans", (s, a, c) -> s.plans().list(a)),
                route(GET, "/plans/{planName}", (s, a, c) -> s.plans().get(a, c.path("planName"))),
                route(
                        PATCH,
                        "/plans/{planName}",
                        (s, a, c) -> s.plans().update(a, c.path("planName"), c.body(UpdatePlan.class))),
                route(
                        DELETE,
                        "/plans/{planName}",
                        (s, a, c) -> deleted(
                                "plan", s.plans().delete(a, c.path("planName")).name())),
                route(POST, "/tenants", 201, (s, a, c) -> s.tenants().create(a, c.body(CreateTenant.class))),
                route(
                        GET,
                        "/tenants",
                        PAGING,
                        (s, a, c) -> s.tenants().list(a, c.query("cursor"), c.intQuery("limit"))),
                route(GET, "/tenants/{tenantId}", (s, a, c) -> s.tenants().get(a, c.path("tenantId"))),
                route(
                        PATCH,
                        "/tenants/{tenantId}",
                        (s, a, c) -> s.tenants().update(a, c.path("tenantId"), c.body(UpdateTenant.class))),
                route(
                        POST,
                        "/tenants/{tenantId}/teams",
                        201,
                        (s, a, c) -> s.teams().create(a, c.path("tenantId"), c.body(CreateTeam.class))),
                route(
                        GET,
                        "/tenants/{tenantId}/teams",
                        PAGING,
                        (s, a, c) -> s.teams().list(a, c.path("tenantId"), c.query("cursor"), c.intQuery("limit"))),
                route(
                        DELETE,
                        "/tenants/{tenantId}/teams/{teamId}",
                        (s, a, c) -> deleted(
                                "team",
                                s.teams()
                                        .delete(a, c.path("tenantId"), c.path("teamId"))
                                        .id())),
                route(
                        POST,
                        "/tenants/{tenantId}/users",
                        201,
                        (s, a, c) -> s.users().create(a, c.path("tenantId"), c.body(CreateUser.class))),
                route(
                        GET,
                        "/tenants/{tenantId}/users",
                        PAGING,
                        (s, a, c) -> s.users().list(a, c.path("tenantId"), c.query("cursor"), c.intQuery("limit"))),
                route(
                        GET,
                        "/tenants/{tenantId}/users/{userId}",
                        (s, a, c) -> s.users().get(a, c.path("tenantId"), c.path("userId"))),
                route(
                        PATCH,
                        "/tenants/{tenantId}/users/{userId}",
                        (s, a, c) ->
                                s.users().update(a, c.path("tenantId"), c.path("userId"), c.body(UpdateUser.class))),
                route(
                        DELETE,
                        "/tenants/{tenantId}/users/{userId}",
                        (s, a, c) -> deleted(
                                "user",
                                s.users()
                                        .delete(a, c.path("tenantId"), c.path("userId"))
                                        .id())),
                route(
                        POST,
                        "/tenants/{tenantId}/users/{userId}/tokens",
                        201,
                        (s, a, c) -> s.users()
                                .createToken(a, c.path("tenantId"), c.path("userId"), c.body(CreateToken.class))),
                route(
                        POST,
                        "/tenants/{tenantId}/keys",
                        201,
                        (s, a, c) -> s.keys().create(a, c.path("tenantId"), c.body(CreateKey.class))),
                route(
                        GET,
                        "/tenants/{tenantId}/keys",
                        PAGING,
                        (s, a, c) -> s.keys().list(a, c.path("tenantId"), c.query("cursor"), c.intQuery("limit"))),
                route(
                        GET,
                        "/tenants/{tenantId}/keys/{keyId}",
                        (s, a, c) -> s.keys().get(a, c.path("tenantId"), c.path("keyId"))),
                route(
                        PATCH,
                        "/tenants/{tenantId}/keys/{keyId}",
                        (s, a, c) -> s.keys().update(a, c.path("tenantId"), c.path("keyId"), c.body(UpdateKey.class))),
                route(
                        POST,
                        "/tenants/{tenantId}/keys/{keyId}/rotate",
                        (s, a, c) -> s.keys().rotate(a, c.path("tenantId"), c.path("keyId"), c.body(RotateKey.class))),
                route(POST, "/tenants/{tenantId}/keys/{keyId}/revoke", (s, a, c) -> {
                    c.body(Empty.class);
                    return s.keys().revoke(a, c.path("tenantId"), c.path("keyId"));
                }),
                route(
                        POST,
                        "/tenants/{tenantId}/budgets",
                        201,
                        (s, a, c) -> s.budgets().create(a, c.path("tenantId"), c.body(CreateBudget.class))),
                route(
                        GET,
                        "/tenants/{tenantId}/budgets",
                        PAGING,
                        (s, a, c) -> s.budgets().list(a, c.path("tenantId"), c.query("cursor"), c.intQuery("limit"))),
                route(
                        GET,
                        "/tenants/{tenantId}/budgets/{budgetId}",
                        (s, a, c) -> s.budgets().get(a, c.path("tenantId"), c.path("budgetId"))),
                route(
                        PATCH,
                        "/tenants/{tenantId}/budgets/{budgetId}",
                        (s, a, c) -> s.budgets()
                                .update(a, c.path("tenantId"), c.path("budgetId"), c.body(UpdateBudget.class))),
                route(
                        DELETE,
                        "/tenants/{tenantId}/budgets/{budgetId}",
                        (s, a, c) -> deleted(
                                "budget",
                                s.budgets()
                                        .delete(a, c.path("tenantId"), c.path("budgetId"))
                                        .id())),
                route(
                        GET,
                        "/tenants/{tenantId}/requests",
                        REQUEST_FILTERS,
                        (s, a, c) -> s.logs().queryRequests(a, c.path("tenantId"), requestFilter(c))),
                route(GET, "/requests", REQUEST_FILTERS, (s, a, c) -> s.logs().queryAllRequests(a, requestFilter(c))),
                route(GET, "/requests/{requestId}", (s, a, c) -> s.logs().getAnyRequest(a, c.path("requestId"))),
                route(
                        GET,
                        "/tenants/{tenantId}/usage",
                        USAGE_QUERY,
                        (s, a, c) -> s.usage().tenant(a, c.path("tenantId"), usageRequest(c))),
                route(GET, "/usage", USAGE_QUERY, (s, a, c) -> s.usage().platform(a, usageRequest(c))),
                route(
                        GET,
                        "/tenants/{tenantId}/compliance-report",
                        Set.of("from", "to", "format"),
                        (s, a, c) -> s.compliance()
                                .tenant(
                                        a,
                                        c.path("tenantId"),
                                        new ComplianceReports.Request(
                                                c.query("from"), c.query("to"), c.query("format"), c.accept()))),
                route(
                        GET,
                        "/tenants/{tenantId}/suggestions",
                        WINDOW_QUERY,
                        (s, a, c) -> s.suggestions()
                                .tenant(
                                        a,
                                        c.path("tenantId"),
                                        new SuggestionReports.Request(c.instantQuery("from"), c.instantQuery("to")),
                                        live::groupPrices)),
                route(
                        GET,
                        "/tenants/{tenantId}/requests/{requestId}",
                        (s, a, c) -> s.logs().getRequest(a, c.path("tenantId"), c.path("requestId"))),
                route(
                        POST,
                        "/tenants/{tenantId}/erasure",
                        (s, a, c) ->
                                s.subjects().erase(a, c.path("tenantId"), c.body(SubjectAdmin.ErasureRequest.class))),
                route(
                        GET,
                        "/tenants/{tenantId}/subjects/export",
                        SUBJECT_QUERY,
                        (s, a, c) -> s.subjects()
                                .export(
                                        a,
                                        c.path("tenantId"),
                                        c.query("user_id"),
                                        c.query("key_id"),
                                        c.query("cursor"),
                                        c.intQuery("limit"))),
                route(
                        GET,
                        "/tenants/{tenantId}/audit",
                        PAGING,
                        (s, a, c) -> s.logs().listAudit(a, c.path("tenantId"), c.query("cursor"), c.intQuery("limit"))),
                route(GET, "/tenants/{tenantId}/pii", (s, a, c) -> s.pii().get(a, c.path("tenantId"))),
                route(
                        PUT,
                        "/tenants/{tenantId}/pii",
                        (s, a, c) -> s.pii().put(a, c.path("tenantId"), c.body(PiiConfig.Settings.class))),
                route(DELETE, "/tenants/{tenantId}/pii", (s, a, c) -> s.pii().delete(a, c.path("tenantId"))),
                route(GET, "/audit/verify", (s, a, c) -> s.logs().verifyAudit(a)),
                route(
                        GET,
                        "/audit",
                        PAGING,
                        (s, a, c) -> s.logs().listAllAudit(a, c.query("cursor"), c.intQuery("limit"))),
                route(
                        POST,
                        "/alerts/test",
                        202,
                        (s, a, c) -> live.alerts().test(s.audit(), a, c.body(AlertAdmin.TestAlert.class))),
                route(
                        GET,
                        "/alerts",
                        ALERT_QUERY,
                        (s, a, c) -> live.alerts().list(a, c.query("status"), c.query("cursor"), c.intQuery("limit"))),
                route(
                        DELETE,
                        "/tenants/{tenantId}/cache",
                        Set.of("model"),
                        (s, a, c) -> live.cache().purgeTenant(s.audit(), a, c.path("tenantId"), c.query("model"))),
                route(
                        DELETE,
                        "/cache",
                        Set.of("tenant_id", "model"),
                        (s, a, c) -> live.cache().purgeAll(s.audit(), a, c.query("tenant_id"), c.query("model"))),
                route(
                        PUT,
                        "/providers/{name}/credential",
                        (s, a, c) ->
                                live.secrets().set(s, a, c.path("name"), c.body(SecretsAdmin.SetCredential.class))),
                route(
                        GET,
                        "/providers/{name}/credential",
                        (s, a, c) -> live.secrets().get(s, a, c.path("name"))),
                route(DELETE, "/providers/{name}/credential", (s, a, c) -> {
                    c.body(Empty.class);
                    return live.secrets().delete(s, a, c.path("name"));
                }),
                route(GET, "/security/encryption", (s, a, c) -> live.secrets().encryption(s, a)),
                route(GET, "/deployments", (s, a, c) -> live.deployments(a)),
                route(GET, "/prices", (s, a, c) -> live.prices(a)),
                route(GET, "/config", (s, a, c) -> live.config(a)),
                route(
                        PUT,
                        "/config/models/{name}",
                        (s, a, c) -> live.configAdmin()
                                .putModel(s, a, c.path("name"), c.body(com.fasterxml.jackson.databind.JsonNode.class))),
                route(DELETE, "/config/models/{name}", (s, a, c) -> {
                    c.body(Empty.class);
                    return live.configAdmin().deleteModel(s, a, c.path("name"));
                }));
    }

    private static UsageReports.Request usageRequest(AdminCall c) {
        return new UsageReports.Request(
                c.instantQuery("from"), c.instantQuery("to"), c.query("group_by"), c.query("format"));
    }

    private static RequestFilter requestFilter(AdminCall c) {
        return new RequestFilter(
                c.instantQuery("from"),
                c.instantQuery("to"),
                c.query("key_id"),
                c.query("model"),
                c.intQuery("status"),
                c.query("cursor"),
                c.intQuery("limit"));
    }

    /** A body that must be empty or {@code {}}. */
    record Empty() {}

    private static Map<String, Object> deleted(String object, String id) {
        return Map.of("id", id, "object", object, "deleted", true);
    }

    private static AdminRoute route(HttpMethod method, String template, AdminRoute.Handler handler) {
        return new AdminRoute(method, template, Set.of(), 200, handler);
    }

    private static AdminRoute route(HttpMethod method, String template, int status, AdminRoute.Handler handler) {
        return new AdminRoute(method, template, Set.of(), status, handler);
    }

    private static AdminRoute route(HttpMethod method, String template, Set<String> query, AdminRoute.Handler handler) {
        return new AdminRoute(method, template, query, 200, handler);
    }
}
