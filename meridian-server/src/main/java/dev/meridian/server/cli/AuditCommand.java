package dev.meridian.server.cli;

import dev.meridian.store.model.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code meridian audit verify}: checks the audit log's hash chain in the configured database. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the audit log.")
final class AuditCommand {

    /** The exit code when the chain is broken (1 is a refused command, 2 a missing database). */
    static final int BROKEN = 3;

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Check the audit log's hash chain; name the first broken entry and exit "
                    + BROKEN
                    + " if it is broken, exit 0 if it is intact.")
    int verify(@Mixin AdminOptions admin) {
        return admin.withDatabase(AdminOptions.Access.READ, (db, dir, config) -> {
            AuditVerification result = db.audit().verify();
            if (result.isIntact()) {
                System.out.println("Audit chain intact: " + result.checked() + " entries checked.");
                return 0;
            }
            System.out.println("Audit chain BROKEN at "
                    + (result.brokenEntryId() == null ? "the end" : "entry id " + result.brokenEntryId())
                    + (result.brokenSeq() == null ? "" : " (chain position " + result.brokenSeq() + ")")
                    + ", after " + result.checked() + " intact entries: " + result.problem());
            return BROKEN;
        });
    }
}
