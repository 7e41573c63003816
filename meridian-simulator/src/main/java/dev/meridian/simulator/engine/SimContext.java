package dev.meridian.simulator.engine;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * State shared by every protocol handler of one simulator: configuration, the id counter and the
 * prompt-cache ledger. Thread-safe.
 *
 * @param apiKey the key clients must present; empty accepts any non-empty key
 * @param models the models the simulator knows; empty knows every model name
 */
public record SimContext(Optional<String> apiKey, List<String> models, Ids ids, PromptCacheLedger promptCache) {

    public SimContext {
        requireNonNull(apiKey, "apiKey");
        models = List.copyOf(models);
        requireNonNull(ids, "ids");
        requireNonNull(promptCache, "promptCache");
    }

    public static SimContext of(Optional<String> apiKey, List<String> models) {
        return new SimContext(apiKey, models, new Ids(), new PromptCacheLedger());
    }

    /** The outcome of checking the key a request presented. */
    public enum KeyCheck {
        VALID,
        MISSING,
        WRONG
    }

    public KeyCheck checkKey(Optional<String> presented) {
        if (presented.isEmpty() || presented.get().isBlank()) {
            return KeyCheck.MISSING;
        }
        return apiKey.isEmpty() || apiKey.get().equals(presented.get()) ? KeyCheck.VALID : KeyCheck.WRONG;
    }

    public boolean knowsModel(String model) {
        return models.isEmpty() || models.contains(model);
    }

    /** The configured models, or {@code defaults} (a protocol's own catalog) when none are configured. */
    public List<String> catalog(List<String> defaults) {
        return models.isEmpty() ? defaults : models;
    }
}
