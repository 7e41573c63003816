package dev.meridian.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminRoutesTest {

    @Test
    void openApi_describesExactlyTheImplementedRoutes() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(AdminApi.openApiJson());
        assertThat(doc.path("openapi").asText()).startsWith("3.1");
        Set<String> documented = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (!m.equals("parameters")) {
                    documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                }
            });
        }
        Set<String> implemented = new HashSet<>();
        AdminRoutes.all(null).forEach(r -> implemented.add(r.method().name() + " " + r.template()));
        implemented.add("GET " + AdminRoutes.OPENAPI);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(implemented);
    }

    @Test
    void openApi_documentsTheQueryParametersEachRouteTakes() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(AdminApi.openApiJson());
        for (AdminRoute r : AdminRoutes.all(null)) {
            JsonNode op =
                    doc.path("paths").path(r.template()).path(r.method().name().toLowerCase(java.util.Locale.ROOT));
            Set<String> names = new HashSet<>();
            op.path("parameters").forEach(p -> {
                JsonNode resolved =
                        p.has("$ref") ? doc.at(p.get("$ref").asText().substring(1)) : p;
                if (resolved.path("in").asText().equals("query")) {
                    names.add(resolved.path("name").asText());
                }
            });
            assertThat(names).as(r.method() + " " + r.template()).isEqualTo(r.queryParams());
        }
    }

    @Test
    void match_capturesPathParameters() {
        AdminRoute route = new AdminRoute(
                io.vertx.core.http.HttpMethod.GET,
                "/tenants/{tenantId}/keys/{keyId}",
                Set.of(),
                200,
                (s, a, c) -> null);
        assertThat(route.match(java.util.List.of("tenants", "t1", "keys", "k1")))
                .isEqualTo(Map.of("tenantId", "t1", "keyId", "k1"));
        assertThat(route.match(java.util.List.of("tenants", "t1", "keys"))).isNull();
        assertThat(route.match(java.util.List.of("tenants", "", "keys", "k1"))).isNull();
    }
}
