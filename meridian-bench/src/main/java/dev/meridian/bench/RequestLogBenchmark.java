package dev.meridian.bench;

import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The request-log benchmark: write throughput on SQLite and PostgreSQL (the repository's batch insert alone, and
 * journal → writer → database as the gateway does it), then the admin API's reads on a generated PostgreSQL
 * table of ten million rows, or a SQLite file before and after its newest migration, timed through the repository,
 * with the plan of each. PostgreSQL work happens in
 * fresh schemas that are dropped at the end; SQLite in a temporary directory.
 */
@Command(
        name = "requestlog",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Request-log write throughput (SQLite, PostgreSQL) and reads on a large PostgreSQL table or SQLite file.")
final class RequestLogBenchmark implements Callable<Integer> {

    @Option(names = "--records", description = "Records written per database and per mode (default: ${DEFAULT-VALUE}).")
    int records = 200_000;

    @Option(names = "--batch-size", description = "Records per insertBatch (default: ${DEFAULT-VALUE}).")
    int batchSize = 500;

    @Option(
            names = "--flush-interval",
            description = "The request log's flushInterval in the journal → database runs, ISO-8601 or like 200ms"
                    + " (default: ${DEFAULT-VALUE}, the gateway's default).")
    String flushInterval = "200ms";

    @Option(names = "--threads", description = "Threads appending to the journal (default: ${DEFAULT-VALUE}).")
    int threads = 2;

    @Option(
            names = "--rate",
            description = "Records per second of the paced journal → database run; 0 skips it"
                    + " (default: ${DEFAULT-VALUE}).")
    int rate = 20_000;

    @Option(
            names = "--ordered",
            description = "Write records as the gateway does (ids and timestamps rising with time) rather than"
                    + " random ids over 30 days.")
    boolean ordered;

    @Option(
            names = "--query-rows",
            description = "Rows generated for the read check; 0 skips it" + " (default: ${DEFAULT-VALUE}).")
    long queryRows = 10_000_000;

    @Option(
            names = "--query-databases",
            split = ",",
            description = "Databases of the read check: postgresql (the indexes re-created after the load), sqlite"
                    + " (on the schema of --sqlite-from-version, then after migrating the same file to the newest)"
                    + " (default: ${DEFAULT-VALUE}).")
    List<String> queryDatabases = List.of("postgresql");

    @Option(
            names = "--sqlite-from-version",
            description = "The schema version the SQLite read check fills and reads first (default: ${DEFAULT-VALUE}).")
    String sqliteFromVersion = "2";

    @Option(
            names = "--databases",
            split = ",",
            description = "Write benchmark on sqlite, postgresql; none skips it" + " (default: ${DEFAULT-VALUE}).")
    List<String> databases = List.of("sqlite", "postgresql");

    @Option(
            names = "--pg-url",
            description = "PostgreSQL database to create the schemas in (default: ${DEFAULT-VALUE}).")
    String pgUrl = "jdbc:postgresql://127.0.0.1:5432/test";

    @Option(names = "--pg-user", description = "(default: ${DEFAULT-VALUE})")
    String pgUser = "postgres";

    @Option(names = "--pg-password", description = "(default: none)")
    String pgPassword;

    @Option(
            names = "--repo",
            description = "Repository root; results go under meridian-bench/target" + " (default: ${DEFAULT-VALUE}).")
    Path repo = Path.of(".");

    @Override
    public Integer call() throws Exception {
        Path out = BenchProcesses.outputDirectory(repo, "requestlog");
        System.out.println("Writing to " + out);
        List<RequestLogWrites.Result> writes = new ArrayList<>();
        for (String database : databases) {
            switch (database) {
                case "sqlite" -> writes.add(onSqlite(out));
                case "postgresql" ->
                    writes.add(onPostgres(
                            "bench_rl_writes",
                            (db, schema) -> RequestLogWrites.measure(
                                    "PostgreSQL",
                                    db,
                                    out.resolve("journal-postgresql"),
                                    workload(),
                                    localServerCpu())));
                case "none" -> {}
                default ->
                    throw new IllegalArgumentException("unknown database '" + database + "' (sqlite, postgresql)");
            }
        }
        List<RequestLogQueries.Timing> reads = new ArrayList<>();
        List<String> readNotes = new ArrayList<>();
        String sqliteReads = "";
        if (queryRows > 0 && queryDatabases.contains("sqlite")) {
            sqliteReads = sqliteReads();
        }
        if (queryRows > 0 && queryDatabases.contains("postgresql")) {
            onPostgres("bench_rl_reads", (db, schema) -> {
                RequestLogQueries queries = new RequestLogQueries(db);
                double seconds = queries.generate(queryRows);
                readNotes.add(String.format(
                        "%,d rows generated, keys and indexes re-created, VACUUM ANALYZE: %.0f s", queryRows, seconds));
                readNotes.add("table and indexes: " + RequestLogReport.sizes(db));
                for (String tenant : List.of(SyntheticRecords.tenant(0), SyntheticRecords.tenant(100))) {
                    readNotes.add(String.format("%s: %,d rows", tenant, queries.rowsOf(tenant)));
                    reads.addAll(queries.measure(tenant));
                }
                return null;
            });
        }
        String markdown = RequestLogReport.markdown(Machine.describe("nginx"), writes, readNotes, reads) + sqliteReads;
        System.out.println();
        System.out.println(markdown);
        Files.writeString(out.resolve("results.md"), markdown);
        Files.writeString(
                out.resolve("plans.txt"),
                String.join(
                                "\n\n",
                                reads.stream()
                                        .map(RequestLogQueries.Timing::plan)
                                        .toList()) + "\n");
        System.out.println("Plans: " + out.resolve("plans.txt"));
        return reads.stream().allMatch(RequestLogQueries.Timing::usesExpected) ? 0 : 1;
    }

    /** The SQLite read check in a temporary directory, as markdown. */
    private String sqliteReads() throws Exception {
        Path dir = Files.createTempDirectory("meridian-requestlog-reads-");
        try {
            RequestLogSqliteReads check = new RequestLogSqliteReads(dir.resolve("reads.db"));
            List<RequestLogSqliteReads.Read> reads = check.run(queryRows, sqliteFromVersion);
            return RequestLogReport.sqliteReads(check.notes(), reads);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private RequestLogWrites.Result onSqlite(Path out) throws Exception {
        Path dir = Files.createTempDirectory("meridian-requestlog-");
        try (Database db = Database.open(new DatabaseConfig(
                "jdbc:sqlite:" + dir.resolve("bench.db"), null, null, DatabaseConfig.DEFAULT_POOL_SIZE))) {
            return RequestLogWrites.measure("SQLite", db, out.resolve("journal-sqlite"), workload(), null);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The CPU of the local PostgreSQL's processes in µs, when the benchmark's PostgreSQL runs on this machine: what
     * a write costs the database besides the gateway's share. Null for a remote server.
     */
    private LongSupplier localServerCpu() {
        if (!pgUrl.contains("//127.0.0.1") && !pgUrl.contains("//localhost")) {
            return null;
        }
        return () -> ProcStats.cpuOfCommand("postgres").total() * ProcStats.TICK_MICROS;
    }

    private RequestLogWrites.Workload workload() {
        return new RequestLogWrites.Workload(records, batchSize, flush(), threads, rate, ordered);
    }

    private Duration flush() {
        String s = flushInterval.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s") && !s.startsWith("p")) {
            return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
        }
        return Duration.parse(flushInterval);
    }

    /** A unit of work on a freshly migrated schema of its own. */
    private interface SchemaWork<T> {
        T run(Database db, String schema) throws Exception;
    }

    /** Runs {@code work} in a new schema {@code prefix_<pid>}, dropped afterwards whatever happens. */
    private <T> T onPostgres(String prefix, SchemaWork<T> work) throws Exception {
        String schema = prefix + "_" + ProcessHandle.current().pid();
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        try (Database db = Database.open(new DatabaseConfig(
                pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                pgUser,
                pgPassword,
                DatabaseConfig.DEFAULT_POOL_SIZE))) {
            return work.run(db, schema);
        } finally {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword);
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
