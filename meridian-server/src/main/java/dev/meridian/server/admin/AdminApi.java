package dev.meridian.server.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.protocol.openai.OpenAiErrors;
import dev.meridian.server.alerts.Alerts;
import dev.meridian.server.async.OpenWait;
import dev.meridian.server.auth.PresentedKey;
import dev.meridian.server.cache.ResponseCache;
import dev.meridian.server.config.ConfigControl;
import dev.meridian.server.routing.Admission;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.tls.ServerTls;
import dev.meridian.store.repo.SqlFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API over HTTP: everything under {@code /admin/v1/}. Each request is matched against
 * {@link AdminRoutes}, authenticated (the configured admin key or a platform admin token makes the super-admin; a
 * user's admin token makes that user), its body read ({@link AdminBodies}), changes refused to users of a suspended or
 * expired tenant ({@link AdminService#checkMayChange}), and the service call run on a worker thread;
 * the answer is JSON, errors in OpenAI's shape. {@code GET /admin/v1/openapi.json} describes it all and needs no key.
 */
public final class AdminApi {

    public static final String PREFIX = "/admin/v1";
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    /** How long an admin call waits for a database that is still opening before it answers 503. */
    private static final long OPEN_WAIT_MILLIS = 5_000;
    /** Parsed on first use: reading YAML at start-up would cost readiness for a document rarely asked for. */
    private static final class OpenApi {
        static final byte[] JSON = loadOpenApi();
    }

    private final Vertx vertx;
    private final Future<AdminService> service;
    private final Supplier<String> requestIds;
    private final List<AdminRoute> routes;
    private final byte[] adminKey;
    private final AdminRoute deployments;
    private final boolean clientCertificates;
    private final Runnable changed;

    /**
     * @param service    the admin service; completes once the database is open
     * @param adminKey   the configured super-admin key, or null when there is none
     * @param routeTable the routes whose live state {@code GET /deployments} shows
     * @param admission  the admission whose in-flight count, queue and load it shows
     * @param requestIds makes each answer's {@code x-request-id}
     * @param alerts     the alert delivery the alert endpoints queue into and read
     * @param secrets    provider credentials and the encryption status
     * @param config     the configuration's version and last reload, and the model groups set through the API
     * @param clientCertificates whether every admin request needs a verified TLS client certificate (mutual TLS)
     * @param changed    run on an event loop after every call that may have changed the store (a method other than
     *                   GET whose handler ran, whether it succeeded or not), to tell the other replicas at once
     */
    public AdminApi(
            Vertx vertx,
            Future<AdminService> service,
            String adminKey,
            RouteTable routeTable,
            Admission admission,
            Supplier<String> requestIds,
            Alerts alerts,
            ResponseCache cache,
            SecretsAdmin secrets,
            ConfigControl config,
            boolean clientCertificates,
            Runnable changed) {
        this.vertx = vertx;
        this.changed = changed;
        this.clientCertificates = clientCertificates;
        this.service = service;
        this.requestIds = requestIds;
        this.routes = AdminRoutes.all(new LiveAdmin(routeTable, admission, alerts, cache, secrets, config));
        this.deployments = routes.stream()
                .filter(r -> r.template().equals("/deployments"))
                .findFirst()
                .orElseThrow();
        this.adminKey = adminKey == null ? null : adminKey.getBytes(StandardCharsets.UTF_8);
    }

    /** The OpenAPI 3.1 document of this API, as served. */
    public static byte[] openApiJson() {
        return OpenApi.JSON.clone();
    }

    public void handle(HttpServerRequest request) {
        String requestId = requestIds.get();
        HttpServerResponse response = request.response().putHeader("x-request-id", requestId);
        if (clientCertificates && !ServerTls.verifiedClient(request)) {
            fail(
                    response,
                    GatewayException.of(
                            ErrorCode.PERMISSION_DENIED,
                            "The admin API needs a TLS client certificate signed by the admin client CA"
                                    + " (server.tls.adminClientCa)."));
            return;
        }
        String rel = request.path().substring(PREFIX.length());
        if (rel.equals(AdminRoutes.OPENAPI) && request.method() == HttpMethod.GET) {
            response.putHeader("content-type", "application/json").end(Buffer.buffer(OpenApi.JSON));
            return;
        }
        try {
            dispatch(request, rel);
        } catch (GatewayException e) {
            fail(response, e);
        }
    }

    private void dispatch(HttpServerRequest request, String rel) {
        List<String> segments = List.of(rel.substring(1).split("/", -1));
        AdminRoute route = null;
        Map<String, String> params = null;
        List<HttpMethod> others = new java.util.ArrayList<>();
        for (AdminRoute r : routes) {
            Map<String, String> m = r.match(segments);
            if (m == null) {
                continue;
            }
            if (r.method().equals(request.method())) {
                route = r;
                params = m;
                break;
            }
            others.add(r.method());
        }
        if (route == null) {
            if (others.isEmpty()) {
                throw GatewayException.of(
                        ErrorCode.NOT_FOUND, "Unknown request URL: " + request.method() + " " + request.path() + ".");
            }
            String allow = others.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
            request.response().putHeader("allow", allow);
            throw GatewayException.of(
                    ErrorCode.METHOD_NOT_ALLOWED,
                    "Method " + request.method() + " is not allowed" + " for " + request.path() + "; use " + allow
                            + ".");
        }
        Map<String, String> query = new HashMap<>();
        for (Map.Entry<String, String> q : request.params()) {
            if (!route.queryParams().contains(q.getKey())) {
                throw GatewayException.invalid(q.getKey(), "Unknown query parameter `" + q.getKey() + "`.");
            }
            query.putIfAbsent(q.getKey(), q.getValue());
        }
        String key = PresentedKey.of(request);
        if (key == null) {
            throw GatewayException.of(
                    ErrorCode.INVALID_API_KEY,
                    "You didn't provide an admin key. Provide it in the" + " Authorization header as 'Bearer <key>'.");
        }
        AdminRoute chosen = route;
        Map<String, String> pathParams = params;
        String accept = request.getHeader("accept");
        String ip =
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        boolean withBody = request.method() == HttpMethod.POST
                || request.method() == HttpMethod.PATCH
                || request.method() == HttpMethod.PUT;
        Future<byte[]> body = withBody ? AdminBodies.read(request) : Future.succeededFuture(new byte[0]);
        // The configured key reads the deployments even while the database is still opening.
        Future<AdminService> ready = chosen == deployments && isAdminKey(key)
                ? Future.succeededFuture(null)
                : OpenWait.within(vertx, service, OPEN_WAIT_MILLIS, AdminApi::notOpenYet);
        // Set once an actor allowed to change things reaches the handler: callers without a valid key cannot make
        // every replica read the database.
        AtomicBoolean mayHaveChanged = new AtomicBoolean();
        body.compose(bytes -> ready.compose(s -> vertx.executeBlocking(
                        () -> {
                            Actor actor = resolve(s, key).from(ip);
                            if (chosen.changes()) {
                                s.checkMayChange(actor);
                                mayHaveChanged.set(true);
                            }
                            return chosen.handler().handle(s, actor, new AdminCall(pathParams, query, bytes, accept));
                        },
                        false)))
                .onComplete(ar -> {
                    if (mayHaveChanged.get()) {
                        // Also when it failed: it may have failed after its change committed, and a needless
                        // message costs each replica one read of the change version.
                        changed.run();
                    }
                    if (ar.succeeded() && ar.result() instanceof AdminText text) {
                        request.response()
                                .setStatusCode(chosen.status())
                                .putHeader("content-type", text.contentType())
                                .end(text.body());
                    } else if (ar.succeeded()) {
                        request.response()
                                .setStatusCode(chosen.status())
                                .putHeader("content-type", "application/json")
                                .end(Buffer.buffer(AdminJson.bytes(ar.result())));
                    } else {
                        fail(request.response(), error(ar.cause()));
                    }
                });
    }

    private boolean isAdminKey(String key) {
        return adminKey != null && MessageDigest.isEqual(adminKey, key.getBytes(StandardCharsets.UTF_8));
    }

    private Actor resolve(AdminService service, String key) {
        if (isAdminKey(key)) {
            return Actor.superAdmin("admin-key");
        }
        return service.authenticate(key)
                .orElseThrow(() -> GatewayException.of(ErrorCode.INVALID_API_KEY, "Incorrect admin key provided."));
    }

    private static GatewayException notOpenYet() {
        return GatewayException.builder(
                        ErrorCode.DATABASE_UNAVAILABLE,
                        "The database is not open yet; nothing was changed. Retry shortly.")
                .retryAfter("1")
                .build();
    }

    private static GatewayException error(Throwable cause) {
        if (cause instanceof GatewayException e) {
            return e;
        }
        if (SqlFailure.unavailable(cause)) {
            LOG.warn("admin API call: the database is busy or unreachable: {}", cause.toString());
            return GatewayException.builder(
                            ErrorCode.DATABASE_UNAVAILABLE,
                            "The database is busy or unreachable; nothing was changed. Retry shortly.")
                    .retryAfter("1")
                    .cause(cause)
                    .build();
        }
        LOG.error("admin API call failed", cause);
        return GatewayException.builder(ErrorCode.INTERNAL, "The admin action failed: " + cause.getMessage())
                .cause(cause)
                .build();
    }

    private static void fail(HttpServerResponse out, GatewayException e) {
        if (out.ended() || out.closed()) {
            return;
        }
        if (e.retryAfter() != null) {
            out.putHeader("retry-after", e.retryAfter());
        }
        out.setStatusCode(e.status())
                .putHeader("content-type", "application/json")
                .end(Buffer.buffer(OpenAiErrors.encode(e)));
    }

    private static byte[] loadOpenApi() {
        try (InputStream in = AdminApi.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            ObjectMapper yaml = new YAMLMapper();
            return new ObjectMapper().writeValueAsBytes(yaml.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
