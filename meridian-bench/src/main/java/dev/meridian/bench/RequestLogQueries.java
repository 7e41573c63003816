package dev.meridian.bench;

import dev.meridian.store.Database;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.RequestLogQuery;
import dev.meridian.store.model.RequestRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The admin API's request-log reads on a large PostgreSQL table: fills {@code request_log} with generated rows on
 * the server (the migration's indexes and keys are dropped for the load and re-created from their own
 * definitions), then times each read through {@code RequestLogRepository} and shows its plan.
 */
final class RequestLogQueries {

    private static final int PAGE = 50;
    private static final Pattern INDEX =
            Pattern.compile("(?:Index Only Scan|Index Scan|Bitmap Index Scan)" + "(?: Backward)? (?:using|on) (\\w+)");
    private static final Pattern SEQ_SCAN = Pattern.compile("Seq Scan on (\\w+)");
    private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");
    private static final Pattern BUFFERS = Pattern.compile("Buffers: (shared [^\\n]*)");

    /** One read: its median and slowest time through the repository, the indexes its plan uses and the plan. */
    record Timing(
            String tenant,
            String query,
            double medianMs,
            double maxMs,
            String expected,
            Set<String> indexes,
            Set<String> genericIndexes,
            String planTime,
            String buffers,
            String plan) {
        boolean usesExpected() {
            return Arrays.stream(expected.split("\\|")).anyMatch(indexes::contains);
        }
    }

    private final Database db;
    private final long now = System.currentTimeMillis();

    RequestLogQueries(Database db) {
        this.db = db;
    }

    /** Fills the table with {@code rows} rows on two connections, restores keys and indexes, vacuums and analyzes. */
    double generate(long rows) throws Exception {
        long t0 = System.nanoTime();
        List<String> restore = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            // Dropped in dependency order, restored in the reverse one, each from the definition PostgreSQL holds.
            for (String[] fk : strings(
                    c,
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                            + " WHERE conrelid = 'request_body'::regclass AND contype = 'f'")) {
                s.execute("ALTER TABLE request_body DROP CONSTRAINT " + fk[0]);
                restore.add(0, "ALTER TABLE request_body ADD CONSTRAINT " + fk[0] + " " + fk[1]);
            }
            for (String[] index : strings(
                    c,
                    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'request_log'"
                            + " AND schemaname = current_schema() AND indexname <> 'request_log_pkey'")) {
                s.execute("DROP INDEX " + index[0]);
                restore.add(0, index[1]);
            }
            s.execute("ALTER TABLE request_log DROP CONSTRAINT request_log_pkey");
            restore.add(0, "ALTER TABLE request_log ADD CONSTRAINT request_log_pkey PRIMARY KEY (request_id, ts)");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> halves = new ArrayList<>();
            for (long[] range : new long[][] {{1, rows / 2}, {rows / 2 + 1, rows}}) {
                halves.add(pool.submit(() -> insert(range[0], range[1])));
            }
            for (Future<?> f : halves) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf(
                "generated %,d rows in %.0f s; re-creating keys and indexes%n", rows, (System.nanoTime() - t0) / 1e9);
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '512MB'");
            s.execute("SET max_parallel_maintenance_workers = 2");
            for (String ddl : restore) {
                s.execute(ddl);
            }
            // VACUUM sets the visibility map, as autovacuum would on a live table, so counts can be index-only.
            s.execute("VACUUM (ANALYZE) request_log");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private Void insert(long from, long to) throws SQLException {
        String models = arrayLiteral(SyntheticRecords.MODELS);
        String providers = arrayLiteral(SyntheticRecords.PROVIDERS);
        // The same distributions as SyntheticRecords: tenant = 200·u³, model = 8·u², 96 % 200, 2 % 429, 2 % 502,
        // timestamps spread over the last 30 days, ids "req_" + 32 hex digits.
        String sql = """
                INSERT INTO request_log (request_id, ts, tenant_id, key_id, user_id, model_asked, model_served,
                  deployment, provider, region, status, error_code, total_ms, upstream_ms, ttft_ms, input_tokens,
                  output_tokens, cached_tokens, reasoning_tokens, cost_usd, cache_hit, attempts, fallbacks)
                SELECT 'req_' || md5(g::text || 'meridian'), %d - (random() * 2592000000)::bigint,
                  'ten_' || lpad(t::text, 4, '0'), 'key_' || lpad(t::text, 4, '0') || '_' || lpad(k::text, 2, '0'),
                  'usr_' || lpad(t::text, 4, '0') || '_0' || (k %% 5), (%s)[m], (%s)[m] || '-2025',
                  'dep-' || (%s)[m] || '-1', (%s)[m], CASE WHEN k < 5 THEN 'us-east-1' ELSE 'eu-west-1' END,
                  status, CASE status WHEN 200 THEN NULL WHEN 429 THEN 'rate_limit_exceeded' ELSE 'upstream_error' END,
                  total, CASE WHEN status <> 502 THEN total - 1.5 END, CASE WHEN k %% 2 = 0 THEN total / 4 END,
                  tokens_in, tokens_out, 0, 0, (tokens_in * 0.15 + tokens_out * 0.6) / 1000000, false,
                  CASE WHEN status = 502 THEN 2 ELSE 1 END, CASE WHEN status = 502 THEN 1 ELSE 0 END
                FROM (SELECT g, floor(200 * power(random(), 3))::int AS t, floor(10 * random())::int AS k,
                        1 + floor(8 * power(random(), 2))::int AS m,
                        CASE WHEN r < 0.96 THEN 200 WHEN r < 0.98 THEN 429 ELSE 502 END AS status,
                        300 + random() * 5000 AS total, 200 + floor(random() * 4000)::bigint AS tokens_in,
                        CASE WHEN r < 0.96 THEN 20 + floor(random() * 800)::bigint ELSE 0 END AS tokens_out
                      FROM (SELECT g, random() AS r FROM generate_series(?::bigint, ?::bigint) g) a) x
                """.formatted(now, models, models, providers, providers);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                ps.executeUpdate();
            }
            c.commit();
        }
        return null;
    }

    /** Times every admin read for {@code tenant} and explains it. */
    List<Timing> measure(String tenant) throws SQLException {
        String key = "key_" + tenant.substring(4) + "_03";
        String model = SyntheticRecords.MODELS[6];
        Instant from = Instant.ofEpochMilli(now).minus(8, ChronoUnit.DAYS);
        Instant to = from.plus(1, ChronoUnit.DAYS);
        Page<RequestRecord> first = db.requestLog().query(RequestLogQuery.forTenant(tenant, PAGE));
        RequestRecord last = first.items().get(first.items().size() - 1);
        Page<RequestRecord> window = db.requestLog()
                .query(new RequestLogQuery(
                        tenant,
                        null,
                        Instant.ofEpochMilli(now).minus(15, ChronoUnit.DAYS),
                        null,
                        null,
                        null,
                        null,
                        PAGE));
        RequestRecord deep = window.items().get(window.items().size() - 1);
        String id = first.items().get(PAGE / 2).requestId();
        String page = " ORDER BY ts DESC, request_id DESC LIMIT " + (PAGE + 1);
        String base = "SELECT * FROM request_log WHERE tenant_id = ?";
        // The repository's own cursor condition (RequestLogRepository.query).
        String afterCursor = " AND ts <= ? AND (ts < ? OR request_id < ?)";
        List<Timing> out = new ArrayList<>();
        out.add(time(
                tenant,
                "newest page",
                "request_log_tenant_ts",
                () -> db.requestLog().query(RequestLogQuery.forTenant(tenant, PAGE)),
                base + page,
                tenant));
        out.add(time(
                tenant,
                "key page",
                "request_log_tenant_key_ts",
                () -> db.requestLog().query(new RequestLogQuery(tenant, null, null, key, null, null, null, PAGE)),
                base + " AND key_id = ?" + page,
                tenant,
                key));
        out.add(time(
                tenant,
                "model page (" + model + ")",
                "request_log_tenant_model_ts",
                () -> db.requestLog().query(new RequestLogQuery(tenant, null, null, null, model, null, null, PAGE)),
                base + " AND model_asked = ?" + page,
                tenant,
                model));
        out.add(time(
                tenant,
                "one-day window, 8 days back",
                "request_log_tenant_ts",
                () -> db.requestLog().query(new RequestLogQuery(tenant, from, to, null, null, null, null, PAGE)),
                base + " AND ts >= ? AND ts < ?" + page,
                tenant,
                from.toEpochMilli(),
                to.toEpochMilli()));
        out.add(time(
                tenant,
                "next page (cursor of page 1)",
                "request_log_tenant_ts",
                () -> db.requestLog()
                        .query(RequestLogQuery.forTenant(tenant, PAGE).withCursor(first.nextCursor())),
                base + afterCursor + page,
                tenant,
                last.ts().toEpochMilli(),
                last.ts().toEpochMilli(),
                last.requestId()));
        out.add(time(
                tenant,
                "next page, cursor 15 days back",
                "request_log_tenant_ts",
                () -> db.requestLog()
                        .query(RequestLogQuery.forTenant(tenant, PAGE).withCursor(window.nextCursor())),
                base + afterCursor + page,
                tenant,
                deep.ts().toEpochMilli(),
                deep.ts().toEpochMilli(),
                deep.requestId()));
        out.add(time(
                tenant,
                "get by request id",
                "request_log_pkey",
                () -> db.requestLog().get(tenant, id),
                "SELECT l.*, b.prompt, b.completion FROM request_log l LEFT JOIN request_body b"
                        + " ON b.request_id = l.request_id WHERE l.request_id = ? AND l.tenant_id = ?",
                id,
                tenant));
        out.add(time(
                tenant,
                "count",
                "request_log_tenant_ts|request_log_tenant_key_ts|request_log_tenant_model_ts",
                () -> db.requestLog().count(tenant),
                "SELECT COUNT(*) FROM request_log WHERE tenant_id = ?",
                tenant));
        return out;
    }

    long rowsOf(String tenant) {
        return db.requestLog().count(tenant);
    }

    private Timing time(String tenant, String name, String expected, Supplier<?> read, String sql, Object... params)
            throws SQLException {
        ReadTimes times = ReadTimes.of(read);
        String custom = explain(sql, false, params);
        String generic = explain(sql, true, params);
        Matcher exec = EXECUTION.matcher(custom);
        Matcher buffers = BUFFERS.matcher(custom);
        return new Timing(
                tenant,
                name,
                times.medianMs(),
                times.maxMs(),
                expected,
                indexes(custom),
                indexes(generic),
                exec.find() ? exec.group(1) + " ms" : "?",
                buffers.find() ? buffers.group(1) : "?",
                "-- " + tenant + ", " + name + "\n" + sql + "\n-- plan for these values:\n" + custom
                        + "\n-- generic plan (what a statement prepared by the driver may switch to):\n" + generic);
    }

    private static Set<String> indexes(String plan) {
        Set<String> indexes = new LinkedHashSet<>();
        for (Matcher m = INDEX.matcher(plan); m.find(); ) {
            indexes.add(m.group(1));
        }
        for (Matcher m = SEQ_SCAN.matcher(plan); m.find(); ) {
            indexes.add("Seq Scan " + m.group(1));
        }
        return indexes;
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) of {@code sql} with {@code params}: planned for these values, or (generic) as a
     * statement prepared once and run many times is after PostgreSQL's first five executions may be planned.
     */
    private String explain(String sql, boolean generic, Object... params) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement()) {
            List<String> lines = new ArrayList<>();
            if (generic) {
                String numbered = sql;
                for (int i = 1; numbered.contains("?"); i++) {
                    numbered = numbered.replaceFirst("\\?", "\\$" + i);
                }
                String values = Arrays.stream(params)
                        .map(p -> p instanceof String v ? "'" + v.replace("'", "''") + "'" : p.toString())
                        .collect(Collectors.joining(", "));
                s.execute("SET plan_cache_mode = force_generic_plan");
                s.execute("PREPARE bench_read AS " + numbered);
                try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_read(" + values + ")")) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                } finally {
                    s.execute("DEALLOCATE bench_read");
                    s.execute("RESET plan_cache_mode");
                }
                return String.join("\n", lines);
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
            }
            return String.join("\n", lines);
        }
    }

    private static List<String[]> strings(Connection c, String sql) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return rows;
    }

    private static String arrayLiteral(String[] values) {
        return Arrays.stream(values).map(v -> "'" + v + "'").collect(Collectors.joining(", ", "ARRAY[", "]"));
    }
}
