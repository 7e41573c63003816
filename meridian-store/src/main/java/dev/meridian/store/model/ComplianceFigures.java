package dev.meridian.store.model;

import java.util.List;

/**
 * What a tenant's compliance report says about a period, each part aggregated by the database.
 *
 * @param traffic requests by region and provider
 * @param transfers cross-border transfers by residency rule, source and destination country
 * @param pii PII detections by data class and action
 * @param adminActions audit entries by actor and action (residency evidence left out: it has its own part)
 * @param keyEvents key creations, rotations and revocations, oldest first, at most {@code MAX_EVENTS}
 * @param erasures erasures, oldest first, at most {@code MAX_EVENTS}
 */
public record ComplianceFigures(
        List<Traffic> traffic,
        List<Transfer> transfers,
        List<Detections> pii,
        List<AdminActions> adminActions,
        List<AuditEntry> keyEvents,
        List<AuditEntry> erasures) {

    /** The most key events, and the most erasures, a report lists; more are reported as truncated. */
    public static final int MAX_EVENTS = 1000;

    public ComplianceFigures {
        traffic = List.copyOf(traffic);
        transfers = List.copyOf(transfers);
        pii = List.copyOf(pii);
        adminActions = List.copyOf(adminActions);
        keyEvents = List.copyOf(keyEvents);
        erasures = List.copyOf(erasures);
    }

    /** Requests served from (or refused before) one region by one provider; both null when none was reached. */
    public record Traffic(
            String region, String provider, long requests, long inputTokens, long outputTokens, double costUsd) {}

    public record Transfer(String rule, String sourceCountry, String destinationCountry, long requests) {}

    /** {@code values} found of a class under an action, in {@code requests} requests. */
    public record Detections(String type, String action, long values, long requests) {}

    public record AdminActions(String actor, String action, long count) {}
}
