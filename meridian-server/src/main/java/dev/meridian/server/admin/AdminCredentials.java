package dev.meridian.server.admin;

import dev.meridian.server.admin.AdminViews.IssuedKey;
import dev.meridian.server.admin.AdminViews.KeyView;
import dev.meridian.store.model.ApiKey;
import dev.meridian.store.model.KeyKind;
import dev.meridian.store.model.NewApiKey;
import dev.meridian.store.model.Role;
import dev.meridian.store.repo.ApiKeyRepository;
import dev.meridian.store.repo.ApiKeySecrets;
import dev.meridian.store.repo.UserRepository;
import java.time.Clock;
import java.util.Optional;

/**
 * The admin tokens as credentials: who presents one, and the platform's first super-admin token, made on the first
 * start. (The configured admin key is checked by {@link AdminApi} without the database.)
 */
final class AdminCredentials {

    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final AuditTrail audit;
    private final Clock clock;

    AdminCredentials(ApiKeyRepository keys, UserRepository users, AuditTrail audit, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** See {@link AdminService#authenticate}. */
    Optional<Actor> authenticate(String presentedKey) {
        if (presentedKey == null || !presentedKey.startsWith(ApiKeySecrets.SECRET_PREFIX)) {
            return Optional.empty();
        }
        String hash = ApiKeySecrets.hash(presentedKey);
        Optional<ApiKey> found = keys.findBySecretHash(hash)
                .filter(k -> k.kind() == KeyKind.ADMIN_TOKEN && k.acceptsAt(hash, clock.instant()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiKey key = found.get();
        if (key.tenantId() == null) {
            return Optional.of(Actor.superAdmin(key.id()));
        }
        if (key.userId() == null) {
            return Optional.of(new Actor(key.id(), key.tenantId(), null, Role.ADMIN, false, null));
        }
        return users.get(key.userId())
                .filter(u -> key.tenantId().equals(u.tenantId()))
                .map(u -> Actor.user(u.id(), u.tenantId(), u.role()));
    }

    /** See {@link AdminService#bootstrap}. */
    Optional<IssuedKey> bootstrap() {
        if (keys.platformTokenExists()) {
            return Optional.empty();
        }
        ApiKeyRepository.Created created = keys.create(NewApiKey.adminToken(null, "bootstrap super-admin"));
        KeyView view = KeyView.of(created.key());
        audit.record(Actor.superAdmin("system"), null, "admin_token.bootstrap", "api_key", view.id(), null, view);
        return Optional.of(new IssuedKey(view, created.secret()));
    }
}
