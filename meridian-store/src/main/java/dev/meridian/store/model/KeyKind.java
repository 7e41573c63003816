package dev.meridian.store.model;

/** What a key authenticates: calls to models, or the admin API. */
public enum KeyKind {
    CALLER,
    ADMIN_TOKEN
}
