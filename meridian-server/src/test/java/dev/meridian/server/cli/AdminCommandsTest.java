package dev.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meridian.server.admin.AuditTrail;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin commands against a temporary SQLite database, through the same service as the HTTP API. */
class AdminCommandsTest {

    @TempDir
    Path home;

    /** The models keys may name: a gateway configured with this file serves gpt and claude. */
    private static final String CONFIG = """
            providers:
              openai: {type: openai, apiKey: sk-test}
              anthropic: {type: anthropic, apiKey: sk-ant-test}
            models:
              gpt: {provider: openai, model: gpt-4o-mini}
              claude: {provider: anthropic, model: claude-sonnet-4-5}
            """;

    private CommandRun run(String... args) {
        Path config = home.resolve("meridian.yaml");
        try {
            Files.writeString(config, CONFIG);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String[] withHome = new String[args.length + 4];
        System.arraycopy(args, 0, withHome, 0, args.length);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.toString();
        withHome[args.length + 2] = "--config";
        withHome[args.length + 3] = config.toString();
        return CommandRun.of(withHome);
    }

    @Test
    void tenantsUsersKeys_fullCycle() throws Exception {
        CommandRun created = run("tenants", "create", "acme", "--plan", "Professional", "-o", "json");
        assertThat(created.exit()).as(created.err()).isZero();
        String tenant = created.json().path("id").asText();
        assertThat(created.json().path("plan").asText()).isEqualTo("professional");

        CommandRun table = run("tenants", "list");
        assertThat(table.out())
                .startsWith("ID")
                .contains(tenant)
                .contains("acme")
                .contains("active");

        assertThat(run("tenants", "suspend", tenant, "-o", "json")
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("suspended");
        assertThat(run("tenants", "activate", tenant, "-o", "json")
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("active");
        assertThat(run("tenants", "get", tenant).out()).contains("acme");

        CommandRun user = run(
                "users",
                "create",
                "--tenant",
                tenant,
                "--email",
                "Dev@Acme.example",
                "--name",
                "Dev",
                "--role",
                "viewer",
                "-o",
                "json");
        assertThat(user.exit()).as(user.err()).isZero();
        assertThat(user.json().path("email").asText()).isEqualTo("dev@acme.example");
        assertThat(run("users", "list", "--tenant", tenant).out())
                .contains("dev@acme.example")
                .contains("viewer");

        CommandRun key = run(
                "keys",
                "create",
                "--tenant",
                tenant,
                "--name",
                "ci",
                "--model",
                "gpt",
                "--model",
                "claude",
                "--meta",
                "env=ci");
        assertThat(key.exit()).as(key.err()).isZero();
        assertThat(key.out()).contains("Secret (shown once").contains("sk-mer-");
        String keyId = key.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        CommandRun rotated = run("keys", "rotate", "--tenant", tenant, keyId, "--grace-seconds", "0", "-o", "json");
        assertThat(rotated.json().path("secret").asText()).startsWith("sk-mer-");
        CommandRun revoked = run("keys", "revoke", "--tenant", tenant, keyId, "-o", "json");
        assertThat(revoked.json().path("status").asText()).isEqualTo("revoked");
        CommandRun listed = run("keys", "list", "--tenant", tenant, "-o", "json");
        assertThat(listed.json().path("data").get(0).path("allowed_models").toString())
                .contains("gpt", "claude");
        assertThat(listed.out()).doesNotContain(rotated.json().path("secret").asText());

        String audit = Files.readString(home.resolve(AuditTrail.FILE));
        assertThat(audit.lines()).hasSize(7).allSatisfy(l -> assertThat(l).contains("\"actor\":\"cli\""));
        assertThat(audit).doesNotContain(rotated.json().path("secret").asText());
    }

    @Test
    void refusedInput_exitsOne_namingTheField() {
        String tenant =
                run("tenants", "create", "dup", "-o", "json").json().path("id").asText();
        CommandRun dup = run("tenants", "create", "dup");
        assertThat(dup.exit()).isEqualTo(1);
        assertThat(dup.err()).contains("already exists").contains("(name)");
        CommandRun plan = run("tenants", "create", "other", "--plan", "gold");
        assertThat(plan.exit()).isEqualTo(1);
        assertThat(plan.err()).contains("--plan");
        CommandRun model = run("keys", "create", "--tenant", tenant, "--name", "k", "--model", "gpt-9");
        assertThat(model.exit()).isEqualTo(1);
        assertThat(model.err()).contains("names no configured model").contains("(allowed_models[0])");
        CommandRun missing = run("keys", "list", "--tenant", "ten_missing");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("No tenant");
    }

    @Test
    void readCommand_inADirectoryWithoutDatabase_refusesNamingThePathAndCreatesNothing() {
        Path empty = home.resolve("elsewhere");
        CommandRun list = CommandRun.of("tenants", "list", "--home", empty.toString());
        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.err())
                .contains("no Meridian database at "
                        + empty.resolve("meridian.db").toAbsolutePath())
                .contains("from --home")
                .contains("MERIDIAN_HOME")
                .contains("--config");
        assertThat(list.out()).isEmpty();
        assertThat(empty.resolve("meridian.db")).doesNotExist();
    }

    @Test
    void writeCommand_namesTheDatabaseItCreatesThenTheOneItUses() {
        CommandRun first = run("tenants", "create", "acme");
        assertThat(first.err()).contains("Creating a new database: " + home.resolve("meridian.db"));
        CommandRun second = run("tenants", "list");
        assertThat(second.err()).contains("Database: " + home.resolve("meridian.db"));
    }

    @Test
    void commands_printNoLibraryInfoLines_unlessVerbose() {
        CommandRun quiet = run("tenants", "create", "acme");
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.err().lines()).noneMatch(l -> l.contains(" INFO "));
        assertThat(quiet.err().lines()).hasSize(1); // the database line

        CommandRun verbose = run("tenants", "list", "--verbose");
        assertThat(verbose.err()).contains(" INFO ");
    }

    @Test
    void outputYaml_printsTheResultAsYaml() throws Exception {
        CommandRun created = run("tenants", "create", "acme", "-o", "yaml");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out())
                .contains("name: acme")
                .contains("status: active")
                .doesNotContain("{");
        JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(created.out());
        assertThat(tree.path("plan").asText()).isEqualTo("basic");

        CommandRun list = run("tenants", "list", "-o", "YAML");
        assertThat(new ObjectMapper(new YAMLFactory())
                        .readTree(list.out())
                        .path("data")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("acme");
    }

    @Test
    void outputUnknown_isRefusedNamingTheFormats() {
        CommandRun xml = run("tenants", "list", "-o", "xml");
        assertThat(xml.exit()).isEqualTo(2);
        assertThat(xml.err()).contains("unknown output format 'xml'; use table, json or yaml");
    }

    @Test
    void expiresAt_takesADateAsMidnightUtcOrAnInstant() {
        String tenant =
                run("tenants", "create", "acme", "-o", "json").json().path("id").asText();
        CommandRun date =
                run("keys", "create", "--tenant", tenant, "--name", "a", "--expires-at", "2030-01-01", "-o", "json");
        assertThat(date.exit()).as(date.err()).isZero();
        assertThat(date.json().path("expires_at").asText()).isEqualTo("2030-01-01T00:00:00Z");
        CommandRun instant = run(
                "keys",
                "create",
                "--tenant",
                tenant,
                "--name",
                "b",
                "--expires-at",
                "2030-01-01T12:30:00+02:00",
                "-o",
                "json");
        assertThat(instant.json().path("expires_at").asText()).isEqualTo("2030-01-01T10:30:00Z");
    }

    @Test
    void expiresAt_badFormat_explainsTheFormat() {
        CommandRun bad = run("keys", "create", "--tenant", "ten_x", "--name", "a", "--expires-at", "next week");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err())
                .contains("--expires-at")
                .contains("'next week' is not a date or instant")
                .contains("2030-01-01 (midnight UTC)")
                .contains("2030-01-01T12:00:00Z")
                .doesNotContain("Exception");
    }
}
