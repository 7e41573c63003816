package dev.meridian.store.model;

/**
 * What checking the audit chain found.
 *
 * @param checked how many chained entries were checked
 * @param brokenEntryId the id of the first entry at which the chain is broken, or null if none (or if the break
 *     is a missing tail, which has no entry to name)
 * @param brokenSeq the chain position where it broke, or null when intact
 * @param problem what is wrong there, or null when intact
 */
public record AuditVerification(long checked, Long brokenEntryId, Long brokenSeq, String problem) {

    public static AuditVerification intact(long checked) {
        return new AuditVerification(checked, null, null, null);
    }

    public boolean isIntact() {
        return problem == null;
    }
}
