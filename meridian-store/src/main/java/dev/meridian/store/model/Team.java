package dev.meridian.store.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A group of users and keys inside one tenant; its name is unique within the tenant. */
public record Team(String id, String tenantId, String name, Instant createdAt) {
    public Team {
        requireNonNull(id, "id");
        requireNonNull(tenantId, "tenantId");
        requireNonNull(name, "name");
        requireNonNull(createdAt, "createdAt");
    }
}
