package dev.meridian.server.admin;

import dev.meridian.core.error.GatewayException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** What a handler gets from the HTTP request: path parameters, query parameters and the body bytes. */
record AdminCall(Map<String, String> path, Map<String, String> query, byte[] body) {

    String path(String name) {
        return path.get(name);
    }

    String query(String name) {
        return query.get(name);
    }

    <T> T body(Class<T> type) {
        return AdminJson.bind(body, type);
    }

    Integer intQuery(String name) {
        String v = query.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw GatewayException.invalid(name, "`" + name + "` must be an integer.");
        }
    }

    Instant instantQuery(String name) {
        String v = query.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw GatewayException.invalid(
                    name, "`" + name + "` must be an ISO-8601 instant such as" + " 2030-01-31T00:00:00Z.");
        }
    }
}
