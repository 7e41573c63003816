package dev.meridian.server.admin;

import dev.meridian.core.error.GatewayException;
import java.time.Instant;
import java.util.Map;

/**
 * What a handler gets from the HTTP request: path parameters, query parameters, the body bytes and the Accept header
 * (null when absent), for the routes that answer in more than one format.
 */
record AdminCall(Map<String, String> path, Map<String, String> query, byte[] body, String accept) {

    AdminCall(Map<String, String> path, Map<String, String> query, byte[] body) {
        this(path, query, body, null);
    }

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
        Instant value = Validation.instant(v);
        if (value == null) {
            throw GatewayException.invalid(name, "`" + name + "` must be " + Validation.INSTANT_FORM + ".");
        }
        return value;
    }
}
