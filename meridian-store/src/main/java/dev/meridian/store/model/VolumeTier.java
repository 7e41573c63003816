package dev.meridian.store.model;

/**
 * One volume discount tier of a tenant, as stored: from {@code fromTokens} tokens this month (inclusive),
 * {@code percent} is taken off the list price. The store keeps what it is given; the admin API validates it.
 */
public record VolumeTier(long fromTokens, double percent) {}
