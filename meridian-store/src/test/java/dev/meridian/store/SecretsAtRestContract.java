package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.crypto.MasterKey;
import dev.meridian.store.crypto.UnreadableSecretException;
import dev.meridian.store.model.EncryptionStatus;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.SavedResponse;
import dev.meridian.store.repo.MasterKeyRequiredException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Secrets at rest in the store: bodies, stored responses and provider credentials sealed under the master key, read
 * back in the clear, moved to a new key by the re-encryption, and a database that holds values under a key the
 * process lacks refused at open. Every test has a database of its own.
 */
public abstract class SecretsAtRestContract extends StoreContract {
    private static final MasterKey A = MasterKey.parse("A", key(1));
    private static final MasterKey B = MasterKey.parse("B", key(2));
    private static final String PROMPT = "{\"messages\":[{\"content\":\"prompt-plaintext-7f3a\"}]}";
    private static final String COMPLETION = "{\"content\":\"completion-plaintext-91c2\"}";
    private static final String CREDENTIAL = "sk-stored-credential-5d1e";

    protected SecretsAtRestContract(TestBackend backend) {
        super(backend);
    }

    private static String key(int seed) {
        byte[] b = new byte[32];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 17 + i);
        }
        return Base64.getEncoder().encodeToString(b);
    }

    private static KeyRing only(MasterKey k) {
        return KeyRing.of(k, List.of());
    }

    private static RequestRecord withBodies(String id, String tenant) {
        RequestRecord r = new RequestRecord(
                id,
                Instant.parse("2026-03-01T10:00:00Z"),
                tenant,
                null,
                null,
                "gpt",
                "gpt-2024",
                "dep",
                "openai",
                "eu-west",
                200,
                null,
                10.0,
                9.0,
                null,
                1,
                1,
                0,
                0,
                0.0,
                false,
                1,
                0,
                PROMPT,
                COMPLETION,
                false);
        return r;
    }

    private static SavedResponse response(String owner, String id) {
        return new SavedResponse(
                owner,
                id,
                null,
                "gpt",
                Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2099-01-01T00:00:00Z"),
                PROMPT,
                "[" + COMPLETION + "]");
    }

    /** Every text of every row of the sealed tables, as stored. */
    private static String dump(Database d) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = d.dataSource().getConnection();
                Statement s = c.createStatement()) {
            for (String table : List.of("request_body", "responses", "provider_credential")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            all.append(rs.getString(i)).append('\n');
                        }
                    }
                }
            }
        }
        return all.toString();
    }

    private void with(DatabaseConfig config, KeyRing keys, Consumer<Database> work) {
        try (Database d = Database.open(config, clock, keys)) {
            work.accept(d);
        }
    }

    private static String tenantOf(Database d) {
        return d.tenants()
                .create(
                        unique("tenant"),
                        dev.meridian.store.model.Plan.PROFESSIONAL,
                        dev.meridian.store.model.TenantStatus.ACTIVE,
                        null)
                .id();
    }

    @Test
    void withAMasterKey_bodiesResponsesAndCredentials_areStoredSealed_andReadBackInTheClear() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        try (Database d = Database.open(config, clock, only(A))) {
            String tenant = tenantOf(d);
            d.requestLog().insertBatch(List.of(withBodies("req-1", tenant)));
            d.responses().save(response(tenant, "resp_1"));
            d.providerCredentials().set("openai", CREDENTIAL, "admin-key");

            String stored = dump(d);
            assertThat(stored)
                    .doesNotContain("prompt-plaintext-7f3a")
                    .doesNotContain("completion-plaintext-91c2")
                    .doesNotContain(CREDENTIAL)
                    .contains("mk1:" + A.id() + ":");
            RequestRecord read = d.requestLog().get(tenant, "req-1").orElseThrow();
            assertThat(read.prompt()).isEqualTo(PROMPT);
            assertThat(read.completion()).isEqualTo(COMPLETION);
            SavedResponse found =
                    d.responses().find(tenant, "resp_1", clock.instant()).orElseThrow();
            assertThat(found.response()).isEqualTo(PROMPT);
            assertThat(found.items()).isEqualTo("[" + COMPLETION + "]");
            assertThat(d.providerCredentials().apiKeys()).containsEntry("openai", CREDENTIAL);
            assertThat(d.providerCredentials().find("openai").orElseThrow().keyId())
                    .isEqualTo(A.id());
            assertThat(d.encryption().keyIdsInUse()).containsExactly(A.id());
        }
    }

    @Test
    void withoutAMasterKey_bodiesAreStoredAsBefore_butACredentialIsRefused() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        try (Database d = Database.open(config, clock, KeyRing.none())) {
            String tenant = tenantOf(d);
            d.requestLog().insertBatch(List.of(withBodies("req-1", tenant)));

            assertThat(dump(d)).contains("prompt-plaintext-7f3a");
            assertThatThrownBy(() -> d.providerCredentials().set("openai", CREDENTIAL, "admin-key"))
                    .isInstanceOf(MasterKeyRequiredException.class)
                    .hasMessageContaining("MERIDIAN_MASTER_KEY")
                    .hasMessageNotContaining(CREDENTIAL);
            assertThat(d.encryption().keyIdsInUse()).isEmpty();
        }
        // Bodies in the clear need no key at a later start.
        with(
                config,
                KeyRing.none(),
                d -> assertThat(d.encryption().keyIdsInUse()).isEmpty());
    }

    @Test
    void anEnvelopeCopiedToAnotherRow_doesNotOpen() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        try (Database d = Database.open(config, clock, only(A))) {
            String tenant = tenantOf(d);
            d.requestLog().insertBatch(List.of(withBodies("req-1", tenant), withBodies("req-2", tenant)));
            try (Connection c = d.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE request_body SET prompt = (SELECT prompt FROM request_body WHERE request_id ="
                        + " 'req-1') WHERE request_id = 'req-2'");
            }

            assertThatThrownBy(() -> d.requestLog().get(tenant, "req-2"))
                    .isInstanceOf(UnreadableSecretException.class)
                    .hasMessageContaining("request_body.prompt:req-2");
        }
    }

    @Test
    void aStartWithoutTheKey_whenSealedValuesExist_isRefusedNamingTheVariableAndTheKeyId() {
        DatabaseConfig config = backend.newDatabase();
        with(config, only(A), d -> d.requestLog().insertBatch(List.of(withBodies("req-1", tenantOf(d)))));

        assertThatThrownBy(() -> Database.open(config, clock, KeyRing.none()))
                .isInstanceOf(MasterKeyMissingException.class)
                .hasMessageContaining("MERIDIAN_MASTER_KEY is not set")
                .hasMessageContaining(A.id())
                .hasMessageContaining("refusing to start")
                .hasMessageNotContaining(key(1));
        assertThatThrownBy(() -> Database.open(config, clock, only(B)))
                .isInstanceOf(MasterKeyMissingException.class)
                .hasMessageContaining(A.id())
                .hasMessageContaining("MERIDIAN_MASTER_KEY_PREVIOUS")
                .hasMessageNotContaining(key(1))
                .hasMessageNotContaining(key(2));
    }

    @Test
    void reencryption_movesEveryValueToTheNewKey_thenTheOldKeyIsNoLongerNeeded() throws SQLException {
        DatabaseConfig config = backend.newDatabase();
        String[] tenant = new String[1];
        with(config, KeyRing.none(), d -> {
            tenant[0] = tenantOf(d);
            d.requestLog().insertBatch(List.of(withBodies("clear-1", tenant[0])));
        });
        with(config, only(A), d -> {
            List<RequestRecord> many = new ArrayList<>();
            for (int i = 0; i < 450; i++) {
                many.add(withBodies("a-" + i, tenant[0]));
            }
            d.requestLog().insertBatch(many);
            d.responses().save(response(tenant[0], "resp_a"));
            d.providerCredentials().set("openai", CREDENTIAL, "admin-key");
        });

        try (Database d = Database.open(config, clock, KeyRing.of(B, List.of(A)))) {
            EncryptionStatus before = d.encryption().status();
            assertThat(before.sealedUnder(A.id())).isEqualTo(450 * 2 + 2 + 1);
            assertThat(before.notUnder(B.id())).isEqualTo(450 * 2 + 2 + 1 + 2);

            long moved = d.encryption().reencrypt(100);

            assertThat(moved).isEqualTo(450 * 2 + 2 + 1 + 2);
            EncryptionStatus after = d.encryption().status();
            assertThat(after.notUnder(B.id())).isZero();
            assertThat(after.sealedUnder(B.id())).isEqualTo(moved);
            assertThat(after.keyIdsInUse()).containsExactly(B.id());
            assertThat(d.encryption().reencrypt(100))
                    .as("a second pass finds nothing")
                    .isZero();
            assertThat(dump(d)).doesNotContain("mk1:" + A.id()).doesNotContain("plaintext");
        }
        try (Database d = Database.open(config, clock, only(B))) {
            assertThat(d.requestLog().get(tenant[0], "a-449").orElseThrow().prompt())
                    .isEqualTo(PROMPT);
            assertThat(d.requestLog().get(tenant[0], "clear-1").orElseThrow().completion())
                    .isEqualTo(COMPLETION);
            assertThat(d.responses()
                            .find(tenant[0], "resp_a", clock.instant())
                            .orElseThrow()
                            .response())
                    .isEqualTo(PROMPT);
            assertThat(d.providerCredentials().apiKeys()).containsEntry("openai", CREDENTIAL);
        }
        assertThatThrownBy(() -> Database.open(config, clock, only(A)))
                .isInstanceOf(MasterKeyMissingException.class)
                .hasMessageContaining(B.id());
    }

    @Test
    void deletingACredential_bumpsTheChangeVersion_andLeavesNothing() {
        DatabaseConfig config = backend.newDatabase();
        with(config, only(A), d -> {
            long v0 = d.apiKeys().changeVersion();
            d.providerCredentials().set("anthropic", CREDENTIAL, "admin-key");
            long v1 = d.apiKeys().changeVersion();
            assertThat(d.providerCredentials().delete("anthropic")).isTrue();
            assertThat(d.providerCredentials().delete("anthropic")).isFalse();

            assertThat(v1).isGreaterThan(v0);
            assertThat(d.apiKeys().changeVersion()).isGreaterThan(v1);
            assertThat(d.providerCredentials().apiKeys()).isEmpty();
            assertThat(d.providerCredentials().find("anthropic")).isEmpty();
        });
    }
}
