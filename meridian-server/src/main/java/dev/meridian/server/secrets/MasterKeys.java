package dev.meridian.server.secrets;

import dev.meridian.server.config.ConfigException;
import dev.meridian.store.crypto.BadMasterKeyException;
import dev.meridian.store.crypto.KeyRing;
import java.util.function.Function;

/** The master keys of the gateway's environment, read once at start. */
public final class MasterKeys {
    private MasterKeys() {}

    /**
     * The keys of {@code MERIDIAN_MASTER_KEY} and {@code MERIDIAN_MASTER_KEY_PREVIOUS}.
     *
     * @throws ConfigException when one is malformed: the start stops, naming the variable, never its value
     */
    public static KeyRing fromEnvironment(Function<String, String> env) {
        try {
            return KeyRing.fromEnvironment(env);
        } catch (BadMasterKeyException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
