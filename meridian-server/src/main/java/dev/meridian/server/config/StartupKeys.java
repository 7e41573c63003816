package dev.meridian.server.config;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The keys a gateway starts with, from wherever they come: caller keys from {@code auth.apiKeys}, else
 * {@code MERIDIAN_API_KEY}, else one generated for this run; the admin key from {@code auth.adminKey}, else
 * {@code MERIDIAN_ADMIN_KEY}. All of them meet {@link KeyRules} before the gateway starts: the configuration file
 * was checked as written, and keys from the environment only meet the others here.
 *
 * @param callerKeys   caller keys by name
 * @param generatedKey the key generated for this run, or null when keys were configured
 * @param adminKey     the admin key, or null for none
 */
public record StartupKeys(Map<String, String> callerKeys, String generatedKey, String adminKey) {

    /** @throws ConfigException when a key breaks a rule, naming its source, never the key */
    public static StartupKeys resolve(MeridianConfig config, Function<String, String> env) {
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> keySources = new LinkedHashMap<>();
        List<MeridianConfig.ApiKeyConfig> configured = config.auth().apiKeys();
        for (int i = 0; i < configured.size(); i++) {
            keys.put(configured.get(i).name(), configured.get(i).key());
            keySources.put("auth.apiKeys[" + i + "].key", configured.get(i).key());
        }
        String generatedKey = null;
        if (keys.isEmpty()) {
            String fromEnv = env.apply("MERIDIAN_API_KEY");
            if (fromEnv != null && !fromEnv.isBlank()) {
                keys.put("default", fromEnv);
                keySources.put("MERIDIAN_API_KEY", fromEnv);
            } else {
                generatedKey = "sk-mer-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
                keys.put("default", generatedKey);
            }
        }
        String adminKey = config.auth().adminKey();
        String adminSource = "auth.adminKey";
        if (adminKey == null || adminKey.isBlank()) {
            adminKey = env.apply("MERIDIAN_ADMIN_KEY");
            adminSource = "MERIDIAN_ADMIN_KEY";
        }
        if (adminKey != null && adminKey.isBlank()) {
            adminKey = null;
        }
        KeyRules.check(keySources, adminKey, adminSource);
        return new StartupKeys(Map.copyOf(keys), generatedKey, adminKey);
    }
}
