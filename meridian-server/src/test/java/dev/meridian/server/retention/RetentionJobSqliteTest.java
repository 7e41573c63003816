package dev.meridian.server.retention;

import dev.meridian.store.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

class RetentionJobSqliteTest extends RetentionJobContract {
    @Override
    DatabaseConfig database() {
        try {
            Path dir = Files.createTempDirectory("retention-job");
            return new DatabaseConfig("jdbc:sqlite:" + dir.resolve("meridian.db"), null, null, 4);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
