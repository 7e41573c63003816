package dev.meridian.bench;

import dev.meridian.store.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** The request-log benchmark's markdown report. */
final class RequestLogReport {

    private RequestLogReport() {}

    static String markdown(
            Machine machine,
            List<RequestLogWrites.Result> writes,
            List<String> readNotes,
            List<RequestLogQueries.Timing> reads) {
        StringBuilder b = new StringBuilder("## Request log, ")
                .append(ZonedDateTime.now().withNano(0))
                .append("\n\n");
        b.append(machine.markdown()).append('\n');
        if (!writes.isEmpty()) {
            b.append("### Writes\n\n| database | records | batch | insertBatch records/s | appender threads |"
                    + " journal append records/s | ns per append | journal → database records/s |"
                    + " insertBatch CPU µs/record | writer CPU µs/record, full speed | paced rate |"
                    + " writer CPU µs/record, paced | database server CPU µs/record: insertBatch, full, paced |\n"
                    + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            for (RequestLogWrites.Result w : writes) {
                b.append(String.format(
                        "| %s | %,d | %d | %,.0f | %d | %,.0f | %,.0f | %,.0f | %.1f | %.1f | %,d | %.1f | %s |%n",
                        w.database(),
                        w.records(),
                        w.batchSize(),
                        w.insertPerSecond(),
                        w.threads(),
                        w.appendPerSecond(),
                        w.appendNanos(),
                        w.endToEndPerSecond(),
                        w.insertCpuMicros(),
                        w.writerCpuMicros(),
                        w.pacedRate(),
                        w.pacedCpuMicros(),
                        Double.isNaN(w.serverCpuMicros()[0])
                                ? "in-process"
                                : String.format(
                                        "%.1f, %.1f, %.1f",
                                        w.serverCpuMicros()[0], w.serverCpuMicros()[1], w.serverCpuMicros()[2])));
            }
        }
        if (!reads.isEmpty()) {
            b.append("\n### Reads on PostgreSQL\n\n");
            readNotes.forEach(n -> b.append("- ").append(n).append('\n'));
            b.append("\nThrough RequestLogRepository, warm, median and slowest of 11 runs; the plan from EXPLAIN"
                    + " (ANALYZE, BUFFERS) of the same SQL with the same values.\n\n"
                    + "| tenant | read | median ms | max ms | index used | intended | generic plan's index | EXPLAIN time |"
                    + " buffers |\n| --- | --- | ---: | ---: | --- | --- | --- | ---: | --- |\n");
            for (RequestLogQueries.Timing t : reads) {
                b.append(String.format(
                        "| %s | %s | %.2f | %.2f | %s | %s | %s | %s | %s |%n",
                        t.tenant(),
                        t.query(),
                        t.medianMs(),
                        t.maxMs(),
                        String.join(", ", t.indexes()),
                        t.usesExpected() ? "yes" : "**no**",
                        String.join(", ", t.genericIndexes()),
                        t.planTime(),
                        t.buffers()));
            }
        }
        return b.toString();
    }

    /**
     * The SQLite read check: each read on the earlier schema beside the same read after the migration, paired by
     * tenant and name (a retention delete removes a different day on each, so its name differs).
     */
    static String sqliteReads(List<String> notes, List<RequestLogSqliteReads.Read> reads) {
        StringBuilder b = new StringBuilder("\n### Reads on SQLite, before and after the migration\n\n");
        notes.forEach(n -> b.append("- ").append(n).append('\n'));
        b.append(
                "\nThrough RequestLogRepository, warm, median / slowest of 11 runs, ms; the plan from EXPLAIN QUERY PLAN"
                        + " of the same SQL with the same values.\n\n| tenant | read | before | plan before | after | plan after |\n"
                        + "| --- | --- | ---: | --- | ---: | --- |\n");
        String first = reads.isEmpty() ? "" : reads.get(0).schema();
        List<RequestLogSqliteReads.Read> after =
                reads.stream().filter(r -> !r.schema().equals(first)).toList();
        int i = 0;
        for (RequestLogSqliteReads.Read r : reads) {
            if (!r.schema().equals(first)) {
                continue;
            }
            RequestLogSqliteReads.Read a = i < after.size() ? after.get(i) : null;
            i++;
            b.append(String.format(
                    "| %s | %s | %.2f / %.2f | %s | %s | %s |%n",
                    r.tenant(),
                    r.query(),
                    r.medianMs(),
                    r.maxMs(),
                    r.plan(),
                    a == null ? "" : String.format("%.2f / %.2f", a.medianMs(), a.maxMs()),
                    a == null ? "" : a.plan()));
        }
        return b.toString();
    }

    /** The sizes of request_log and each of its indexes, with PostgreSQL's version. */
    static String sizes(Database db) throws SQLException {
        List<String> parts = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT current_setting('server_version'),"
                            + " pg_size_pretty(pg_relation_size('request_log'))")) {
                rs.next();
                parts.add("PostgreSQL " + rs.getString(1) + "; heap " + rs.getString(2));
            }
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT indexrelid::regclass::text,"
                            + " pg_size_pretty(pg_relation_size(indexrelid)) FROM pg_index"
                            + " WHERE indrelid = 'request_log'::regclass ORDER BY 1")) {
                while (rs.next()) {
                    parts.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return String.join(", ", parts);
    }
}
