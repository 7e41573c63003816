// What one request-log row costs SQLite from Java, whatever the gateway does around it: the request log's table and
// its three b-trees besides the table (schema V21 on SQLite), written as RequestLogWriter writes it (a prepared
// single-row INSERT ... ON CONFLICT DO NOTHING stepped per record through JDBC batches of 500, 5,000 records per
// transaction, WAL, synchronous=NORMAL, a 16 MiB page cache), against the same without indexes, without indexes in
// memory (the driver's binding and SQLite's record encoding alone), and against one row per 500 records holding
// them as one blob (what a block-organised log would write). CPU of the inserting thread per record.
//
//   java -cp ~/.m2/repository/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar \
//       bench/sqlite-floor/SqliteFloor.java rows|rows-no-index|memory-no-index|blocks [tenants]
//
// Not built with the project (a single-file program): the numbers are in docs/benchmarks.md.
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collections;

public class SqliteFloor {
    static final String COLUMNS = "request_id, ts, tenant_id, key_id, user_id, model_asked, model_served, deployment,"
            + " provider, region, status, error_code, total_ms, upstream_ms, ttft_ms, input_tokens, output_tokens,"
            + " cached_tokens, reasoning_tokens, cost_usd, cache_hit, attempts, fallbacks, usage_estimated,"
            + " billed_cost_usd, prompt_fingerprint, cache_write_tokens, prompt_cache_saved_usd, cache_status,"
            + " cache_saved_usd, pii";
    static final String TABLE = "CREATE TABLE request_log (request_id TEXT PRIMARY KEY, ts BIGINT NOT NULL,"
            + " tenant_id TEXT, key_id TEXT, user_id TEXT, model_asked TEXT, model_served TEXT, deployment TEXT,"
            + " provider TEXT, region TEXT, status INTEGER NOT NULL, error_code TEXT, total_ms REAL NOT NULL,"
            + " upstream_ms REAL, ttft_ms REAL, input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL,"
            + " cached_tokens BIGINT NOT NULL, reasoning_tokens BIGINT NOT NULL, cost_usd REAL,"
            + " cache_hit INTEGER NOT NULL, attempts INTEGER NOT NULL, fallbacks INTEGER NOT NULL,"
            + " usage_estimated INTEGER NOT NULL DEFAULT 0, billed_cost_usd REAL, prompt_fingerprint BIGINT,"
            + " cache_status VARCHAR(16), cache_saved_usd REAL, cache_write_tokens BIGINT NOT NULL DEFAULT 0,"
            + " prompt_cache_saved_usd REAL, pii TEXT)";
    static final int RECORDS = 300_000, PER_TRANSACTION = 5_000, PER_BATCH = 500;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Object[][] rows = new Object[RECORDS][];
        for (int k = 0; k < RECORDS; k++) {
            rows[k] = new Object[] {String.format("req_%012d%08x", k, k * 2654435761L & 0xffffffffL),
                1_764_900_000_000L + k / 20, "ten_" + k % tenants, "key_" + k % (tenants * 10), null, "gpt-4o-mini",
                "gpt-4o-mini-2024-07-18", "dep-1", "openai", "us", 200, null, 12.5, 10.1, null, 241L, 64L, 0L, 0L,
                0.00012, false, 1, 0, false, 0.00012, 123456789L, 0L, null, null, null, null};
        }
        // The blocks' bytes exist before the clock starts, as the journal's encoded records do in the gateway.
        byte[][] blocks = new byte[RECORDS / PER_BATCH][];
        for (int b = 0; b < RECORDS; b += PER_BATCH) {
            StringBuilder block = new StringBuilder(PER_BATCH * 300);
            for (int k = b; k < b + PER_BATCH; k++) {
                line(block, rows[k]);
            }
            blocks[b / PER_BATCH] = block.toString().getBytes(StandardCharsets.UTF_8);
        }
        Path file = Files.createTempFile("sqlite-floor", ".db");
        boolean memory = mode.equals("memory-no-index");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + (memory ? ":memory:" : file))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA cache_size=-16384");
                if (mode.equals("blocks")) {
                    s.execute("CREATE TABLE request_block (tenant_id TEXT, first_ts BIGINT, last_ts BIGINT, records BLOB)");
                    s.execute("CREATE INDEX request_block_tenant_ts ON request_block (tenant_id, first_ts)");
                } else {
                    s.execute(mode.equals("rows") ? TABLE : TABLE.replace("TEXT PRIMARY KEY", "TEXT"));
                }
                if (mode.equals("rows")) {
                    s.execute("CREATE INDEX request_log_tenant_ts ON request_log"
                            + " (tenant_id, ts DESC, request_id DESC, key_id, model_asked, status)");
                    s.execute("CREATE INDEX request_log_ts ON request_log (ts)");
                }
            }
            c.setAutoCommit(false);
            String insert = mode.equals("blocks")
                    ? "INSERT INTO request_block VALUES (?, ?, ?, ?)"
                    : "INSERT INTO request_log (" + COLUMNS + ") VALUES ("
                            + String.join(", ", Collections.nCopies(31, "?")) + ")"
                            + (mode.equals("rows") ? " ON CONFLICT (request_id) DO NOTHING" : "");
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                for (int t = 0; t < RECORDS; t += PER_TRANSACTION) {
                    for (int b = t; b < t + PER_TRANSACTION; b += PER_BATCH) {
                        if (mode.equals("blocks")) {
                            ps.setString(1, (String) rows[b][2]);
                            ps.setLong(2, (Long) rows[b][1]);
                            ps.setLong(3, (Long) rows[b + PER_BATCH - 1][1]);
                            ps.setBytes(4, blocks[b / PER_BATCH]);
                            ps.executeUpdate();
                            continue;
                        }
                        for (int k = b; k < b + PER_BATCH; k++) {
                            Object[] r = rows[k];
                            for (int i = 0; i < r.length; i++) {
                                Object v = r[i];
                                if (v == null) ps.setNull(i + 1, Types.VARCHAR);
                                else if (v instanceof String s) ps.setString(i + 1, s);
                                else if (v instanceof Long l) ps.setLong(i + 1, l);
                                else if (v instanceof Integer n) ps.setInt(i + 1, n);
                                else if (v instanceof Double d) ps.setDouble(i + 1, d);
                                else ps.setBoolean(i + 1, (Boolean) v);
                            }
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    c.commit();
                }
                cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
                System.out.printf("%s, %d tenant(s): %.2f µs of CPU per record%n", mode, tenants, cpu / 1e3 / RECORDS);
            }
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
        }
    }

    /** The record as a JSON array line, roughly the journal's size. */
    static void line(StringBuilder out, Object[] r) {
        out.append('[');
        for (int i = 0; i < r.length; i++) {
            out.append(i == 0 ? "" : ",");
            Object v = r[i];
            out.append(v instanceof String s ? "\"" + s + "\"" : String.valueOf(v));
        }
        out.append("]\n");
    }
}
