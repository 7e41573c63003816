package dev.meridian.store;

import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.repo.StoreException;
import java.util.List;

/**
 * The database holds values sealed under a master key this process was not given. Starting would mean failing every
 * read of them, or worse, so the start stops instead; the message names the environment variables and the key ids,
 * never a key.
 */
public final class MasterKeyMissingException extends StoreException {
    private final List<String> missing;

    public MasterKeyMissingException(List<String> missing, KeyRing keys) {
        super(message(missing, keys));
        this.missing = List.copyOf(missing);
    }

    /** The key ids that have sealed values here and that no configured key has. */
    public List<String> missing() {
        return missing;
    }

    private static String message(List<String> missing, KeyRing keys) {
        String ids = String.join(", ", missing);
        if (!keys.enabled()) {
            return "The database holds values encrypted under master key id " + ids + ", and " + KeyRing.CURRENT_ENV
                    + " is not set; refusing to start (encrypted data is never read or written in the clear instead)."
                    + " Set " + KeyRing.CURRENT_ENV + " to the key of id " + missing.get(missing.size() - 1)
                    + (missing.size() > 1 ? " and the others in " + KeyRing.PREVIOUS_ENV : "") + ".";
        }
        return "The database holds values encrypted under master key id " + ids + ", which none of the configured keys"
                + " has (" + KeyRing.CURRENT_ENV + " is id " + keys.currentId() + ", configured ids " + keys.ids()
                + "); refusing to start. Add the key of id " + ids + " to " + KeyRing.PREVIOUS_ENV
                + " until the re-encryption job has moved its values to the current key.";
    }
}
