package dev.meridian.store.model;

/** A key is active until revoked; revocation is final. Expiry is a date on the key, not a status. */
public enum KeyStatus {
    ACTIVE,
    REVOKED
}
