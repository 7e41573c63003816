package dev.meridian.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Model groups set through the admin API, laid over the configuration file's {@code models} on every replica. Every
 * method blocks (file and database IO): call it on a worker thread.
 */
public interface ModelOverlays {

    /**
     * Every problem the whole configuration would have with {@code document} as {@code models.<name>} (null: with the
     * API's group of that name removed), in {@code config check}'s words; empty when it may be stored.
     */
    List<String> problemsWith(String name, JsonNode document);

    /** Reads the stored groups now and puts the resulting configuration in force when they changed. */
    void reloadStored();

    /** The groups set through the API, as stored. */
    java.util.Map<String, JsonNode> stored();

    /** The names of {@link #stored}. */
    default Set<String> names() {
        return stored().keySet();
    }
}
