package dev.meridian.server.admin;

import io.vertx.core.http.HttpMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One endpoint of the admin API: method, path template under {@code /admin/v1} ({@code /tenants/{tenantId}}), the
 * query parameters it takes, its success status, and the handler that runs it on a worker thread.
 */
record AdminRoute(HttpMethod method, String template, Set<String> queryParams, int status, Handler handler) {

    /** Runs the endpoint: blocking, on a worker thread; returns what to answer as JSON. */
    @FunctionalInterface
    interface Handler {
        Object handle(AdminService service, Actor actor, AdminCall call);
    }

    AdminRoute {
        queryParams = Set.copyOf(queryParams);
    }

    /** Whether this endpoint changes anything: every method but GET does. */
    boolean changes() {
        return !method.equals(HttpMethod.GET);
    }

    List<String> segments() {
        return List.of(template.substring(1).split("/"));
    }

    /** The path parameters when {@code path} (relative to /admin/v1) fits this template, else null. */
    Map<String, String> match(List<String> path) {
        List<String> t = segments();
        if (t.size() != path.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            String seg = t.get(i);
            if (seg.startsWith("{")) {
                if (path.get(i).isEmpty()) {
                    return null;
                }
                params.put(seg.substring(1, seg.length() - 1), path.get(i));
            } else if (!seg.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }
}
