package dev.meridian.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.Actor;
import dev.meridian.server.admin.AdminCatalog;
import dev.meridian.server.admin.AdminJson;
import dev.meridian.server.admin.AdminService;
import dev.meridian.server.admin.AuditTrail;
import dev.meridian.server.config.ConfigLoader;
import dev.meridian.server.config.EmbeddedDefaults;
import dev.meridian.server.config.MeridianConfig;
import dev.meridian.server.config.StorageConfig;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.storage.GatewayStorage;
import dev.meridian.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * What every admin sub-command shares: where the database is ({@code --config}, {@code --home}), how to print
 * ({@code --output}), and running one {@link AdminService} call as the super-admin. The service is the HTTP API's
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
                    + " database (default: $MERIDIAN_CONFIG, else the embedded SQLite file)")
    Path config;

    @Option(
            names = "--home",
            description =
                    "Data directory holding meridian.db and audit.jsonl (default:" + " $MERIDIAN_HOME, else ./data)")
    Path home;

    @Option(
            names = {"-o", "--output"},
            description = "table or json (default: table)",
            defaultValue = "table")
    String output;

    /** Opens the database, runs {@code call}, prints its result; returns the exit code (1 when refused). */
    int run(List<String> columns, Call call) {
        Path dir = home != null ? home : GatewayStorage.home(System::getenv);
        Path file = config != null ? config : ServeCommand.envPath("MERIDIAN_CONFIG");
        MeridianConfig config = configuration(file);
        StorageConfig storage = file == null ? StorageConfig.defaults() : config.storage();
        try (Database db = Database.open(GatewayStorage.databaseConfig(storage, dir))) {
            AdminService service = new AdminService(
                    db,
                    new AuditTrail(db.audit(), dir.resolve(AuditTrail.FILE)),
                    () -> {},
                    Clock.systemUTC(),
                    AdminCatalog.of(new RouteTable(config)));
            Object result = call.run(service, Actor.superAdmin("cli"));
            print(AdminJson.tree(result), columns);
            return 0;
        } catch (GatewayException e) {
            System.err.println("error: " + e.getMessage() + (e.param() == null ? "" : " (" + e.param() + ")"));
            return 1;
        }
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
        if (output.equalsIgnoreCase("json")) {
            System.out.println(result.toPrettyString());
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
