package dev.meridian.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.Actor;
import dev.meridian.server.admin.AdminCatalog;
import dev.meridian.server.admin.AdminJson;
import dev.meridian.server.admin.AdminService;
import dev.meridian.server.admin.AuditTrail;
import dev.meridian.server.budget.Budgets;
import dev.meridian.server.config.ConfigLoader;
import dev.meridian.server.config.EmbeddedDefaults;
import dev.meridian.server.config.MeridianConfig;
import dev.meridian.server.config.StorageConfig;
import dev.meridian.server.pii.TenantPiiPolicies;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.storage.GatewayStorage;
import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * What every admin sub-command shares: where the database is ({@code --config}, {@code --home}), how to print
 * ({@code --output}), how much to log ({@code --verbose}), and running one {@link AdminService} call as the super-admin. The service is the HTTP API's
 * own, so validation, audit (actor {@code cli}) and permissions are the same; other replicas see key changes at
 * their next change poll, within about a second.
 */
final class AdminOptions {

    /** A service call, given the service and the acting super-admin. */
    @FunctionalInterface
    interface Call {
        Object run(AdminService service, Actor actor);
    }

    @Option(
            names = {"-c", "--config"},
            description = "YAML configuration file whose storage section names the"
                    + " database (default: $MERIDIAN_CONFIG, else the SQLite file in the data directory)")
    Path config;

    @Option(
            names = "--home",
            description = "Data directory holding meridian.db and audit.jsonl, the gateway's MERIDIAN_HOME"
                    + " (default: $MERIDIAN_HOME, else ./data in the current directory)")
    Path home;

    @Option(
            names = {"-o", "--output"},
            description = "Output format: table, json or yaml (default: table)",
            defaultValue = "table",
            converter = OutputFormat.Converter.class)
    OutputFormat output;

    @Option(
            names = {"-v", "--verbose"},
            description = "Also print the libraries' INFO logs (database pool, migrations)")
    boolean verbose;

    /** Whether a command only reads: then it refuses to create a database that is not there. */
    enum Access {
        READ,
        WRITE
    }

    /** Opens the database, runs {@code call}, prints its result; returns the exit code (1 refused, 2 no database). */
    int run(Access access, List<String> columns, Call call) {
        return withDatabase(access, (db, dir, config) -> {
            AdminService service = new AdminService(
                    db,
                    new AuditTrail(db.audit(), dir.resolve(AuditTrail.FILE)),
                    () -> {},
                    Clock.systemUTC(),
                    AdminCatalog.of(new RouteTable(config)),
                    Budgets.fromLog(db, Clock.systemUTC()),
                    new TenantPiiPolicies(config.pii()));
            Object result = call.run(service, Actor.superAdmin("cli"));
            print(AdminJson.tree(result), columns);
            return 0;
        });
    }

    /** Work on the open database, given the data directory and the configuration; returns the exit code. */
    @FunctionalInterface
    interface DatabaseWork {
        int run(Database db, Path dir, MeridianConfig config);
    }

    /** Opens the database (see {@link #run}) and runs {@code work} on it; returns its exit code, or 1 or 2. */
    int withDatabase(Access access, DatabaseWork work) {
        Path dir = home != null ? home : GatewayStorage.home(System::getenv);
        Path file = config != null ? config : ServeCommand.envPath("MERIDIAN_CONFIG");
        MeridianConfig config = configuration(file);
        StorageConfig storage = file == null ? StorageConfig.defaults() : config.storage();
        DatabaseConfig database = GatewayStorage.databaseConfig(storage, dir);
        Path sqlite = storage.url() == null
                ? dir.resolve(Database.SQLITE_FILE).toAbsolutePath().normalize()
                : null;
        if (sqlite != null && !Files.exists(sqlite)) {
            if (access == Access.READ) {
                System.err.println(noDatabase(sqlite, dir));
                return 2;
            }
            System.err.println("Creating a new database: " + sqlite);
        } else {
            System.err.println("Database: " + (sqlite != null ? sqlite : withoutQuery(storage.url())));
        }
        try (CliLogging quiet = CliLogging.quiet(verbose);
                Database db = Database.open(
                        database,
                        java.time.Clock.systemUTC(),
                        dev.meridian.store.crypto.KeyRing.fromEnvironment(System::getenv))) {
            return work.run(db, dir, config);
        } catch (GatewayException e) {
            System.err.println("error: " + e.getMessage() + (e.param() == null ? "" : " (" + e.param() + ")"));
            return 1;
        } catch (dev.meridian.store.MasterKeyMissingException | dev.meridian.store.crypto.BadMasterKeyException e) {
            // The database holds encrypted values this process cannot read, or the key setting is malformed.
            System.err.println("error: " + e.getMessage());
            return 3;
        }
    }

    /** Where the data directory came from, and how to point at the gateway's. */
    private String noDatabase(Path file, Path dir) {
        String source = home != null
                ? "--home"
                : ServeCommand.envPath("MERIDIAN_HOME") != null
                        ? "MERIDIAN_HOME"
                        : "the default ./data under the current directory "
                                + Path.of("").toAbsolutePath();
        return "error: no Meridian database at " + file + " (data directory "
                + dir.toAbsolutePath().normalize()
                + ", from " + source + ").\n"
                + "A read command does not create one. Point at the gateway's data directory with --home DIR"
                + " or MERIDIAN_HOME=DIR,\nor at its configuration with --config FILE (or MERIDIAN_CONFIG) when"
                + " its storage.url names a PostgreSQL database.";
    }

    /** A JDBC URL without its query, which may hold a password. */
    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /**
     * The configuration a gateway started the same way would serve, for the model names and residency rules input
     * may name: the file's, else the embedded default for the provider keys in the environment, else the demo's.
     */
    private static MeridianConfig configuration(Path file) {
        if (file != null) {
            return ConfigLoader.load(file, System::getenv);
        }
        return EmbeddedDefaults.hasProviderKey(System::getenv)
                ? EmbeddedDefaults.fromEnvironment(System::getenv)
                : EmbeddedDefaults.demo("http://127.0.0.1");
    }

    private void print(JsonNode result, List<String> columns) {
        if (output == OutputFormat.JSON) {
            System.out.println(result.toPrettyString());
            return;
        }
        if (output == OutputFormat.YAML) {
            System.out.print(OutputFormat.yaml(result));
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        if (result.has("data") && result.get("data").isArray()) {
            result.get("data").forEach(rows::add);
        } else {
            rows.add(result);
        }
        System.out.print(table(rows, columns));
        if (result.hasNonNull("next_cursor")) {
            System.out.println("\nMore: --cursor " + result.get("next_cursor").asText());
        }
        if (result.hasNonNull("secret")) {
            System.out.println("\nSecret (shown once, store it now):\n  "
                    + result.get("secret").asText());
        }
    }

    static String table(List<JsonNode> rows, List<String> columns) {
        int[] widths = new int[columns.size()];
        List<String[]> cells = new ArrayList<>();
        String[] header = columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toArray(String[]::new);
        cells.add(header);
        for (JsonNode row : rows) {
            String[] line = new String[columns.size()];
            for (int i = 0; i < line.length; i++) {
                JsonNode v = row.path(columns.get(i));
                line[i] = v.isMissingNode() || v.isNull() ? "-" : v.isValueNode() ? v.asText() : v.toString();
            }
            cells.add(line);
        }
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                b.append(i == line.length - 1 ? line[i] : String.format("%-" + widths[i] + "s  ", line[i]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** An enum value given on the command line, in any case; unknown values name the option. */
    static <E extends Enum<E>> E parse(Class<E> type, String option, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid(
                    option,
                    "unknown value '" + value + "'; use one of "
                            + java.util.Arrays.stream(type.getEnumConstants())
                                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                                    .toList());
        }
    }
}
