package dev.meridian.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import dev.meridian.store.crypto.KeyRing;
import dev.meridian.testkit.KnownSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 8 of issue 14, on the real jar as a separate process: a master key that is not 32 bytes in base64, or a
 * database holding values encrypted under a key the process was not given, stops the start with a message naming
 * the environment variable and the key id (never a key) and a non-zero exit; never a silent fallback to plaintext.
 */
class MasterKeyStartIT {

    @TempDir
    Path home;

    private Path config() throws Exception {
        Path config = home.resolve("meridian.yaml");
        Files.writeString(config, """
                server: {port: 0, eventLoops: 1, accessLog: false}
                auth:
                  apiKeys: [{name: t, key: sk-master-key-start-test}]
                providers:
                  sim: {type: openai, baseUrl: http://127.0.0.1:9/v1, apiKey: sim}
                models:
                  gpt: {provider: sim, model: gpt-4o-mini}
                routing:
                  healthChecks: {enabled: false}
                """);
        return config;
    }

    /** Runs {@code serve} with {@code env}; its exit status and everything it printed. */
    private Map.Entry<Integer, String> serve(Map<String, String> env) throws Exception {
        return run(env, "serve", "--config", config().toString());
    }

    /** Runs the jar with {@code args} and {@code env}; its exit status and everything it printed. */
    private Map.Entry<Integer, String> run(Map<String, String> env, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = home.resolve("gateway.out");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-jar",
                Path.of("target", "meridian.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().remove(KeyRing.CURRENT_ENV);
        pb.environment().remove(KeyRing.PREVIOUS_ENV);
        pb.environment().put("MERIDIAN_HOME", home.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the gateway did not stop: " + Files.readString(out));
        }
        return Map.entry(p.exitValue(), Files.readString(out));
    }

    /** A database holding a provider credential sealed under {@link KnownSecrets#MASTER_KEY}; its key id. */
    private String sealedDatabase() {
        KeyRing a = KeyRing.fromEnvironment(Map.of(KeyRing.CURRENT_ENV, KnownSecrets.MASTER_KEY)::get);
        DatabaseConfig db = new DatabaseConfig(
                "jdbc:sqlite:" + home.resolve(Database.SQLITE_FILE), null, null, DatabaseConfig.DEFAULT_POOL_SIZE);
        try (Database d = Database.open(db, Clock.systemUTC(), a)) {
            d.providerCredentials().set("sim", KnownSecrets.STORED_PROVIDER_KEY, "test");
        }
        return a.currentId();
    }

    @Test
    void encryptedDataWithoutAMasterKey_stopsTheStart_namingTheVariableAndTheKeyId() throws Exception {
        String keyId = sealedDatabase();

        Map.Entry<Integer, String> run = serve(Map.of());

        assertThat(run.getKey()).as(run.getValue()).isNotZero();
        assertThat(run.getValue())
                .contains("MERIDIAN_MASTER_KEY is not set")
                .contains("master key id " + keyId)
                .contains("refusing to start")
                .doesNotContain(KnownSecrets.MASTER_KEY)
                .doesNotContain(KnownSecrets.STORED_PROVIDER_KEY);
    }

    @Test
    void encryptedDataUnderAnotherKey_stopsTheStart_namingTheMissingKeyId() throws Exception {
        String keyId = sealedDatabase();

        Map.Entry<Integer, String> run = serve(Map.of(KeyRing.CURRENT_ENV, KnownSecrets.NEXT_MASTER_KEY));

        assertThat(run.getKey()).as(run.getValue()).isNotZero();
        assertThat(run.getValue())
                .contains(keyId)
                .contains("MERIDIAN_MASTER_KEY_PREVIOUS")
                .doesNotContain(KnownSecrets.MASTER_KEY)
                .doesNotContain(KnownSecrets.NEXT_MASTER_KEY);
    }

    @Test
    void theCommandLineAdminTools_refuseTheSameWay() throws Exception {
        String keyId = sealedDatabase();

        Map.Entry<Integer, String> run = run(Map.of(), "tenants", "list", "--home", home.toString());

        assertThat(run.getKey()).as(run.getValue()).isEqualTo(3);
        assertThat(run.getValue()).contains("MERIDIAN_MASTER_KEY is not set").contains(keyId);
        Map.Entry<Integer, String> withKey =
                run(Map.of(KeyRing.CURRENT_ENV, KnownSecrets.MASTER_KEY), "tenants", "list", "--home", home.toString());
        assertThat(withKey.getKey()).as(withKey.getValue()).isZero();
    }

    @Test
    void aMasterKeyThatIsNot32BytesInBase64_stopsTheStart_withoutPrintingIt() throws Exception {
        String bad = "c2hvcnQta25vd24tbWFzdGVyLWtleQ==";

        Map.Entry<Integer, String> run = serve(Map.of(KeyRing.CURRENT_ENV, bad));

        assertThat(run.getKey()).as(run.getValue()).isNotZero();
        assertThat(run.getValue())
                .contains("MERIDIAN_MASTER_KEY decodes to 22 bytes")
                .contains("32 random bytes")
                .doesNotContain(bad);
    }

    @Test
    void configCheck_reportsABadMasterKey_beforeAStartWould_withoutPrintingIt() throws Exception {
        String bad = "c2hvcnQta25vd24tbWFzdGVyLWtleQ==";

        Map.Entry<Integer, String> run =
                run(Map.of(KeyRing.CURRENT_ENV, bad), "config", "check", "--config", config().toString());

        assertThat(run.getKey()).as(run.getValue()).isEqualTo(2);
        assertThat(run.getValue())
                .contains("is valid, but the environment is not")
                .contains("MERIDIAN_MASTER_KEY decodes to 22 bytes")
                .doesNotContain(bad);
        assertThat(run(
                                Map.of(KeyRing.CURRENT_ENV, KnownSecrets.MASTER_KEY),
                                "config",
                                "check",
                                "--config",
                                config().toString())
                        .getKey())
                .as("a good key passes")
                .isZero();
    }
}
