package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.Permission;
import dev.meridian.store.model.Role;
import dev.meridian.store.repo.Dialect;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration, the embedded default location, and the fixed plan and permission tables. */
class DatabaseConfigTest {
    @Test
    void dialect_followsTheUrl() {
        assertThat(DatabaseConfig.embedded().dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(new DatabaseConfig("jdbc:sqlite:/tmp/x.db", null, null, 1).dialect())
                .isEqualTo(Dialect.SQLITE);
        assertThat(new DatabaseConfig("jdbc:postgresql://db/meridian", "u", "p", 1).dialect())
                .isEqualTo(Dialect.POSTGRESQL);
    }

    @Test
    void config_unsupportedUrlOrPoolSize_isRejected() {
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:mysql://db/x", null, null, 4))
                .hasMessageContaining("jdbc:sqlite: or jdbc:postgresql:");
        assertThatThrownBy(() -> new DatabaseConfig(null, null, null, 0)).hasMessageContaining("maxPoolSize");
    }

    @Test
    void toString_hidesThePassword() {
        assertThat(new DatabaseConfig("jdbc:postgresql://db/x", "u", "hunter2", 4).toString())
                .doesNotContain("hunter2");
    }

    @Test
    void defaultSqliteFile_isUnderMeridianHomeOrData() {
        assertThat(Database.defaultSqliteFile(Map.of("MERIDIAN_HOME", "/var/lib/meridian")))
                .isEqualTo(Path.of("/var/lib/meridian/meridian.db"));
        assertThat(Database.defaultSqliteFile(Map.of())).isEqualTo(Path.of("data/meridian.db"));
    }

    @Test
    void roles_followThePermissionTable() {
        assertThat(Role.ADMIN.permissions()).isEqualTo(EnumSet.allOf(Permission.class));
        assertThat(Role.DEVELOPER.permissions())
                .containsExactlyInAnyOrder(Permission.API_CALL, Permission.VIEW_USAGE, Permission.MANAGE_KEYS);
        assertThat(Role.VIEWER.permissions()).containsExactlyInAnyOrder(Permission.VIEW_USAGE, Permission.VIEW_LOGS);
        assertThat(Role.BILLING.permissions())
                .containsExactlyInAnyOrder(Permission.MANAGE_BILLING, Permission.VIEW_USAGE);
        assertThat(List.of(Role.values())).noneMatch(r -> r != Role.ADMIN && r.allows(Permission.VIEW_AUDIT));
    }
}
