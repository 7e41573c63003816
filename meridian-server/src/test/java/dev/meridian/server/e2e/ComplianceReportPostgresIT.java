package dev.meridian.server.e2e;

/** The compliance report on PostgreSQL (a fresh schema); see {@link ComplianceReportContract}. */
class ComplianceReportPostgresIT extends ComplianceReportContract {

    private PostgresSchema schema;

    @Override
    String storage() throws Exception {
        schema = PostgresSchema.create("t_compliance");
        return schema.storageYaml(5432);
    }

    @Override
    void dropStorage() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
