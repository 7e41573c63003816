package dev.meridian.server.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meridian.server.auth.DatabaseAuthenticator;
import dev.meridian.server.config.ModelOverlays;
import dev.meridian.store.Database;
import dev.meridian.store.repo.ConfigOverlayRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model groups set through the admin API ({@code config_overlay}), in force on this replica: read when the
 * database opens and whenever the store's change version moves (a change on any replica), and laid over the file's
 * models by {@link LiveConfig}, which reloads when they changed.
 */
final class StoredModels implements ModelOverlays {

    private static final Logger LOG = LoggerFactory.getLogger(StoredModels.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveConfig live;
    private final Future<Database> database;

    StoredModels(LiveConfig live, Future<Database> database) {
        this.live = live;
        this.database = database;
    }

    /** Applies the stored groups once the database opens, and again after every change of the store. */
    void start(Vertx vertx, DatabaseAuthenticator keys) {
        Runnable read = () -> vertx.executeBlocking(
                        () -> {
                            reloadStored();
                            return null;
                        },
                        false)
                .onFailure(e ->
                        LOG.warn("the model groups set through the admin API could not be read: {}", e.toString()));
        database.onSuccess(db -> read.run());
        keys.onStoreChanged(read);
    }

    @Override
    public List<String> problemsWith(String name, JsonNode document) {
        Map<String, JsonNode> candidate = new LinkedHashMap<>(live.stored());
        if (document == null) {
            candidate.remove(name);
        } else {
            candidate.put(name, document);
        }
        return live.problemsWith(candidate);
    }

    @Override
    public synchronized void reloadStored() { // one read-and-apply at a time: an older read never wins
        if (!database.succeeded()) {
            return;
        }
        Map<String, JsonNode> now = new LinkedHashMap<>();
        database.result().configOverlays().all(ConfigOverlayRepository.MODELS).forEach((name, text) -> {
            try {
                now.put(name, JSON.readTree(text));
            } catch (JsonProcessingException e) {
                LOG.error("the stored model group {} is not JSON; it is left out", name);
            }
        });
        if (!now.equals(live.stored())) {
            live.apply(now);
        }
    }

    @Override
    public Map<String, JsonNode> stored() {
        return live.stored();
    }
}
