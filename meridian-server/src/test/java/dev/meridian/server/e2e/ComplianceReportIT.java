package dev.meridian.server.e2e;

/** The compliance report on the default SQLite database; see {@link ComplianceReportContract}. */
class ComplianceReportIT extends ComplianceReportContract {

    @Override
    String storage() {
        return "";
    }
}
