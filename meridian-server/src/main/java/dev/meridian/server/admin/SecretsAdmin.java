package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.checkSuperAdmin;
import static java.util.Objects.requireNonNull;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.routing.RouteTable;
import dev.meridian.server.secrets.CredentialOverrides;
import dev.meridian.server.secrets.Reencryption;
import dev.meridian.server.upstream.Provider;
import dev.meridian.store.Database;
import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.model.EncryptionStatus;
import dev.meridian.store.model.ProviderCredential;
import dev.meridian.store.repo.MasterKeyRequiredException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets at rest, super-admin only: provider credentials set and removed through the API (never returned: a read
 * shows where the credential in force comes from, the master key id and when it changed), and the encryption status
 * per key id. Each change is audited without the secret, and in force on this replica before the answer leaves (on
 * the others at their next change poll). Runs on a worker thread.
 */
public final class SecretsAdmin {
    static final String SET = "provider.credential.set";
    static final String DELETE = "provider.credential.delete";

    private final RouteTable routes;
    private final CredentialOverrides credentials;

    public SecretsAdmin(RouteTable routes, CredentialOverrides credentials) {
        this.routes = requireNonNull(routes, "routes");
        this.credentials = requireNonNull(credentials, "credentials");
    }

    /** The body of {@code PUT /providers/{name}/credential}. */
    record SetCredential(String apiKey) {}

    /** {@code PUT /providers/{name}/credential}. */
    Object set(AdminService s, Actor actor, String name, SetCredential body) {
        checkSuperAdmin(actor, "set a provider credential");
        provider(name);
        if (body == null || body.apiKey() == null || body.apiKey().isBlank()) {
            throw GatewayException.invalid("api_key", "`api_key` is required: the provider's credential, non-blank.");
        }
        if (body.apiKey().length() > 4096 || !body.apiKey().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // It is sent in an HTTP header: printable ASCII only, and no spaces, so it cannot split or bend one.
            throw GatewayException.invalid(
                    "api_key", "`api_key` must be at most 4096 printable ASCII characters, without spaces.");
        }
        Database db = s.database();
        Optional<ProviderCredential> before = db.providerCredentials().find(name);
        ProviderCredential stored;
        try {
            stored = db.providerCredentials().set(name, body.apiKey(), actor.id());
        } catch (MasterKeyRequiredException e) {
            throw GatewayException.builder(
                            ErrorCode.MASTER_KEY_REQUIRED,
                            "No master key is set (" + KeyRing.CURRENT_ENV + "): provider credentials are only stored"
                                    + " encrypted. Set it on every replica, then retry.")
                    .param("api_key")
                    .build();
        }
        credentials.reloadNow(db);
        Map<String, Object> view = view(name, Optional.of(stored));
        s.audit()
                .record(
                        actor,
                        null,
                        SET,
                        "provider",
                        name,
                        before.map(b -> view(name, before)).orElse(null),
                        view);
        return view;
    }

    /** {@code DELETE /providers/{name}/credential}: the configured apiKey applies again. */
    Object delete(AdminService s, Actor actor, String name) {
        checkSuperAdmin(actor, "remove a provider credential");
        Database db = s.database();
        Optional<ProviderCredential> before = db.providerCredentials().find(name);
        if (before.isEmpty()) {
            provider(name); // a provider no longer configured can still have its stored credential removed
        }
        if (before.isEmpty() || !db.providerCredentials().delete(name)) {
            throw GatewayException.builder(
                            ErrorCode.NOT_FOUND, "Provider `" + name + "` has no credential stored through the API.")
                    .param("name")
                    .build();
        }
        credentials.reloadNow(db);
        s.audit().record(actor, null, DELETE, "provider", name, view(name, before), null);
        return Map.of("id", name, "object", "provider.credential", "deleted", true);
    }

    /** {@code GET /providers/{name}/credential}: where the credential in force comes from; never the credential. */
    Object get(AdminService s, Actor actor, String name) {
        checkSuperAdmin(actor, "read a provider credential's status");
        provider(name);
        return view(name, s.database().providerCredentials().find(name));
    }

    /** {@code GET /security/encryption}: the master key ids, and per sealed column the counts per key id. */
    Object encryption(AdminService s, Actor actor) {
        checkSuperAdmin(actor, "read the encryption status");
        Database db = s.database();
        EncryptionStatus status = db.encryption().status();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("object", "security.encryption");
        view.put("current_key_id", db.keys().currentId());
        view.put("configured_key_ids", db.keys().ids());
        view.put("key_ids_in_use", status.keyIdsInUse());
        view.put(
                "pending_reencryption",
                db.keys().enabled() ? status.notUnder(db.keys().currentId()) : 0L);
        Map<String, Object> columns = new LinkedHashMap<>();
        status.columns().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> columns.put(
                        e.getKey(),
                        Map.of(
                                "clear",
                                e.getValue().clear(),
                                "by_key_id",
                                e.getValue().byKeyId())));
        view.put("columns", columns);
        view.put("reencryption_interval_seconds", Reencryption.INTERVAL.toSeconds());
        return view;
    }

    private Provider provider(String name) {
        return routes.providers().stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> GatewayException.builder(
                                ErrorCode.NOT_FOUND, "No provider named `" + name + "` is configured.")
                        .param("name")
                        .build());
    }

    private static Map<String, Object> view(String name, Optional<ProviderCredential> stored) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("object", "provider.credential");
        view.put("provider", name);
        view.put("source", stored.isPresent() ? "admin" : "config");
        view.put("key_id", stored.map(ProviderCredential::keyId).orElse(null));
        view.put("updated_at", stored.map(c -> c.updatedAt().toString()).orElse(null));
        view.put("updated_by", stored.map(ProviderCredential::updatedBy).orElse(null));
        return view;
    }
}
