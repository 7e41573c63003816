package dev.meridian.testkit;

import java.util.List;

/**
 * The secrets the test suite configures and sends: the gateway's caller and admin keys, the providers' keys and the
 * wrong keys callers present. Each is distinctive, so that finding one in any output of the suite (test output,
 * logs, access log, database dumps) can only mean it leaked; {@code SuiteOutputHasNoKnownSecretsIT} in meridian-bench
 * greps everything the whole suite wrote for them.
 */
public final class KnownSecrets {

    /** The key the test gateways accept from callers. */
    public static final String CALLER_KEY = "sk-known-caller-4d1c7b93e2";
    /** The super-admin key of the test gateways that have one. */
    public static final String ADMIN_KEY = "sk-known-admin-8a2f61c0d7";
    /** A wrong key callers present. */
    public static final String PRESENTED_KEY = "sk-known-presented-7f3a9c1d2e";
    /** A second wrong key, for ambiguous credentials. */
    public static final String OTHER_PRESENTED_KEY = "sk-known-presented-b71c0e94";

    public static final String OPENAI_KEY = "sk-known-upstream-openai-5e0b";
    public static final String ANTHROPIC_KEY = "sk-known-upstream-anthropic-93c1";
    public static final String GEMINI_KEY = "known-upstream-gemini-2f7d8a";
    public static final String AZURE_KEY = "known-upstream-azure-61b4e0";
    public static final String COMPAT_KEY = "known-upstream-compat-c83a57";

    /** The signing secret of the alert tests' webhook channels. */
    public static final String WEBHOOK_SECRET = "known-webhook-secret-9d04c1e7b2";
    /** The password of the alert tests' SMTP login. */
    public static final String SMTP_PASSWORD = "known-smtp-password-3a6f0e81";

    /** The master key (MERIDIAN_MASTER_KEY) of the secrets-at-rest tests: 32 bytes in base64. */
    public static final String MASTER_KEY = "a25vd24tbWFzdGVyLWtleS1BLTNmOWMyZDdlMWI0YTA=";
    /** The master key those tests rotate to; {@link #MASTER_KEY} is then the previous one. */
    public static final String NEXT_MASTER_KEY = "a25vd24tbWFzdGVyLWtleS1CLThlMmQ0YzZhMGYxYjM=";
    /** A provider credential stored through the admin API (encrypted at rest, never returned). */
    public static final String STORED_PROVIDER_KEY = "sk-known-stored-credential-6b2e9f";

    private KnownSecrets() {}

    public static List<String> all() {
        return List.of(
                CALLER_KEY,
                ADMIN_KEY,
                PRESENTED_KEY,
                OTHER_PRESENTED_KEY,
                OPENAI_KEY,
                ANTHROPIC_KEY,
                GEMINI_KEY,
                AZURE_KEY,
                COMPAT_KEY,
                WEBHOOK_SECRET,
                SMTP_PASSWORD,
                MASTER_KEY,
                NEXT_MASTER_KEY,
                STORED_PROVIDER_KEY);
    }
}
