// What one request-log row costs SQLite from Java, whatever the gateway does around it: the request log's table and
// its three b-trees besides the table (schema V21 on SQLite), written as RequestLogWriter writes it (a prepared
// single-row INSERT ... ON CONFLICT DO NOTHING stepped per record through JDBC batches of 500, 5,000 records per
// transaction, WAL, synchronous=NORMAL, a 16 MiB page cache), against the same without indexes, without indexes in
// memory (the driver's binding and SQLite's record encoding alone), and against one row per 500 records holding
// them as one blob (what a block-organised log would write). CPU of the inserting thread per record.
// `zones`: a rowid table with only the unique request id, each transaction's records sorted by tenant and time and
// numbered in that order, and one (tenant, first, last, min ts, max ts) zone row per tenant per transaction in place
// of the tenant index. `blocks-read`: what reading such blocks back through SQLite's JSON functions costs per
// record (wall time of three aggregates over 400,000 records in blocks of 500, as text and as JSONB).
//
//   java -cp ~/.m2/repository/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar \
//       bench/sqlite-floor/SqliteFloor.java rows|rows-no-index|memory-no-index|blocks|zones|blocks-read [tenants]
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
        if (mode.equals("blocks-read")) {
            BlocksRead.run();
            return;
        }
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
                } else if (mode.equals("zones")) {
                    s.execute(TABLE.replace("(request_id TEXT PRIMARY KEY", "(seq INTEGER PRIMARY KEY, request_id TEXT NOT NULL UNIQUE"));
                    s.execute("CREATE TABLE request_log_zone (tenant_id TEXT, first_seq INTEGER, last_seq INTEGER,"
                            + " min_ts BIGINT, max_ts BIGINT, records INTEGER)");
                    s.execute("CREATE INDEX request_log_zone_tenant ON request_log_zone (tenant_id, max_ts)");
                    s.execute("CREATE INDEX request_log_zone_ts ON request_log_zone (max_ts)");
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
            if (mode.equals("zones")) {
                zones(c, rows);
                return;
            }
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
                            bind(ps, rows[k], 1);
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

    /** Binds the record's values as RequestLogWriter does, from parameter {@code first} on. */
    static void bind(PreparedStatement ps, Object[] r, int first) throws java.sql.SQLException {
        for (int i = 0; i < r.length; i++) {
            Object v = r[i];
            int at = first + i;
            if (v == null) ps.setNull(at, Types.VARCHAR);
            else if (v instanceof String s) ps.setString(at, s);
            else if (v instanceof Long l) ps.setLong(at, l);
            else if (v instanceof Integer n) ps.setInt(at, n);
            else if (v instanceof Double d) ps.setDouble(at, d);
            else ps.setBoolean(at, (Boolean) v);
        }
    }

    /** Each transaction's records sorted by tenant and time, numbered in that order, and one zone per tenant. */
    static void zones(Connection c, Object[][] rows) throws Exception {
        String insert = "INSERT INTO request_log (seq, " + COLUMNS + ") VALUES ("
                + String.join(", ", Collections.nCopies(32, "?")) + ") ON CONFLICT (request_id) DO NOTHING";
        try (PreparedStatement ps = c.prepareStatement(insert);
                PreparedStatement zone = c.prepareStatement("INSERT INTO request_log_zone VALUES (?, ?, ?, ?, ?, ?)")) {
            long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long seq = 0;
            for (int t = 0; t < RECORDS; t += PER_TRANSACTION) {
                Object[][] batch = java.util.Arrays.copyOfRange(rows, t, t + PER_TRANSACTION);
                java.util.Arrays.sort(batch, java.util.Comparator.comparing((Object[] r) -> (String) r[2])
                        .thenComparing(r -> (Long) r[1]).thenComparing(r -> (String) r[0]));
                int zoneStart = 0;
                for (int k = 0; k < batch.length; k++) {
                    Object[] r = batch[k];
                    ps.setLong(1, ++seq);
                    bind(ps, r, 2);
                    ps.addBatch();
                    if ((k + 1) % PER_BATCH == 0) ps.executeBatch();
                    if (k + 1 == batch.length || !batch[k + 1][2].equals(r[2])) {
                        zone.setString(1, (String) r[2]);
                        zone.setLong(2, seq - (k - zoneStart));
                        zone.setLong(3, seq);
                        zone.setLong(4, (Long) batch[zoneStart][1]);
                        zone.setLong(5, (Long) r[1]);
                        zone.setLong(6, k - zoneStart + 1);
                        zone.addBatch();
                        zoneStart = k + 1;
                    }
                }
                ps.executeBatch();
                zone.executeBatch();
                c.commit();
            }
            cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
            System.out.printf("zones: %.2f µs of CPU per record%n", cpu / 1e3 / RECORDS);
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

/** Blocks of 500 journal-shaped JSON records per row, read back through json_each: µs of wall time per record. */
class BlocksRead {
    static final int RECORDS = 400_000, PER_BLOCK = 500;
    static final String[] QUERIES = {
        "spend: SELECT SUM(j.value->>'in' + j.value->>'out'), SUM(j.value->>'cost') FROM b, json_each(b.r) j",
        "by key and model: SELECT j.value->>'key', j.value->>'asked', COUNT(*), SUM(j.value->>'cost')"
                + " FROM b, json_each(b.r) j GROUP BY 1, 2",
        "count: SELECT SUM(json_array_length(r)) FROM b"
    };

    static void run() throws Exception {
        for (String encoding : new String[] {"", "jsonb"}) {
            Path file = Files.createTempFile("sqlite-blocks", ".db");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, tenant TEXT, min_ts INT, max_ts INT, r BLOB)");
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO b (tenant, min_ts, max_ts, r) VALUES (?, ?, ?, " + encoding + "(?))")) {
                    for (int k = 0; k < RECORDS; k += PER_BLOCK) {
                        ps.setString(1, "ten_" + k / PER_BLOCK % 200);
                        ps.setLong(2, k);
                        ps.setLong(3, k + PER_BLOCK);
                        ps.setString(4, block(k));
                        ps.executeUpdate();
                    }
                }
                c.commit();
                for (int round = 0; round < 3; round++) {
                    for (String query : QUERIES) {
                        long start = System.nanoTime();
                        try (var rs = s.executeQuery(query.substring(query.indexOf(": ") + 2))) {
                            while (rs.next()) {}
                        }
                        System.out.printf("%s, %s: %.2f µs per record%n", encoding.isEmpty() ? "text" : encoding,
                                query.substring(0, query.indexOf(':')), (System.nanoTime() - start) / 1e3 / RECORDS);
                    }
                }
            } finally {
                for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                    Files.deleteIfExists(Path.of(file + suffix));
                }
            }
        }
    }

    /** A JSON array of PER_BLOCK records in the journal's field names. */
    static String block(int first) {
        StringBuilder out = new StringBuilder("[");
        for (int i = first; i < first + PER_BLOCK; i++) {
            out.append(i == first ? "" : ",")
                    .append(String.format("{\"id\":\"req_%012x%020x\",\"ts\":%d", i, i, 1_764_900_000_000_000L + i * 50L))
                    .append(",\"tenant\":\"ten_").append(first / PER_BLOCK % 200).append("\",\"key\":\"key_")
                    .append(i % 2000).append("\",\"asked\":\"gpt-4o-mini\",\"served\":\"gpt-4o-mini-2024-07-18\",")
                    .append("\"deployment\":\"dep-1\",\"provider\":\"openai\",\"region\":\"us\",\"status\":200,")
                    .append("\"total\":12.5,\"upstream\":10.1,\"in\":241,\"out\":64,\"cached\":0,\"reasoning\":0,")
                    .append("\"cost\":0.00012,\"cacheHit\":false,\"attempts\":1,\"fallbacks\":0,\"fp\":123456789}");
        }
        return out.append(']').toString();
    }
}
