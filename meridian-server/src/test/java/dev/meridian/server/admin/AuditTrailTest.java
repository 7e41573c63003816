package dev.meridian.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.store.Database;
import dev.meridian.store.DatabaseConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail keeps every entry in both places, whatever text it holds. */
class AuditTrailTest {

    @TempDir
    Path home;

    @Test
    void record_loneSurrogate_reachesFileAndDatabaseUnchanged() throws Exception {
        String broken = "half \ud83d and \ude00 alone, whole \ud83d\ude00";
        DatabaseConfig config = new DatabaseConfig(
                "jdbc:sqlite:" + home.resolve("meridian.db"), null, null, DatabaseConfig.DEFAULT_POOL_SIZE);
        try (Database db = Database.open(config)) {
            AuditTrail trail = new AuditTrail(db.audit(), home.resolve(AuditTrail.FILE));

            trail.record(
                    Actor.superAdmin("test"),
                    "ten_1",
                    "tenant.update",
                    "tenant",
                    "ten_1",
                    null,
                    Map.of("name", broken));

            List<String> lines = Files.readAllLines(home.resolve(AuditTrail.FILE), StandardCharsets.UTF_8);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("half \\ud83d and \\ude00 alone, whole \ud83d\ude00");
            JsonNode line = AdminJson.mapper().readTree(lines.get(0));
            assertThat(line.at("/after/name").asText()).isEqualTo(broken);
            JsonNode stored = AuditTrail.line(
                    db.audit().list("ten_1", null, null, null, 10).items().get(0));
            assertThat(stored.at("/after/name").asText()).isEqualTo(broken);
        }
    }

    @Test
    void encodable_leavesValidTextAlone() {
        String json = "{\"name\":\"caf\u00e9 \ud83d\ude00\"}";
        assertThat(AuditTrail.encodable(json)).isSameAs(json);
    }
}
