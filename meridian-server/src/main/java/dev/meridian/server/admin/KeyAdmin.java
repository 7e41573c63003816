package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;
import static dev.meridian.server.admin.Access.notFound;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.CreateKey;
import dev.meridian.server.admin.AdminRequests.RotateKey;
import dev.meridian.server.admin.AdminRequests.UpdateKey;
import dev.meridian.server.admin.AdminViews.IssuedKey;
import dev.meridian.server.admin.AdminViews.KeyView;
import dev.meridian.server.admin.AdminViews.ListView;
import dev.meridian.store.model.ApiKey;
import dev.meridian.store.model.NewApiKey;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.Permission;
import dev.meridian.store.model.RateLimits;
import dev.meridian.store.repo.ApiKeyRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A tenant's caller keys: its admins manage them all, developers only their own. */
public final class KeyAdmin {

    static final long DEFAULT_GRACE_SECONDS = 3600;

    private final ApiKeyRepository keys;
    private final Lookups lookups;
    private final AuditTrail audit;
    private final Runnable keysChanged;
    private final Clock clock;
    private final AdminCatalog catalog;

    KeyAdmin(
            ApiKeyRepository keys,
            Lookups lookups,
            AuditTrail audit,
            Runnable keysChanged,
            Clock clock,
            AdminCatalog catalog) {
        this.keys = keys;
        this.catalog = catalog;
        this.lookups = lookups;
        this.audit = audit;
        this.keysChanged = keysChanged;
        this.clock = clock;
    }

    /** A caller key; a developer's key is always their own, and bound to their own team or to none. */
    public IssuedKey create(Actor actor, String tenantId, CreateKey req) {
        check(actor, tenantId, Permission.MANAGE_KEYS);
        lookups.tenant(tenantId);
        String userId = req.userId();
        if (!actor.managesAllKeys()) {
            if (userId != null && !userId.equals(actor.userId())) {
                throw GatewayException.builder(
                                ErrorCode.PERMISSION_DENIED, "Developers create keys for themselves only.")
                        .param("user_id")
                        .build();
            }
            userId = actor.userId();
            String ownTeam = lookups.user(tenantId, userId).teamId();
            if (req.teamId() != null && !req.teamId().equals(ownTeam)) {
                throw GatewayException.builder(
                                ErrorCode.PERMISSION_DENIED,
                                "Developers bind keys to their own team only"
                                        + (ownTeam == null ? " (you are in no team)." : " (`" + ownTeam + "`)."))
                        .param("team_id")
                        .build();
            }
        } else if (userId != null) {
            lookups.checkUser(tenantId, userId, "user_id");
        }
        String name = Validation.name("name", req.name());
        Validation.future("expires_at", req.expiresAt(), clock.instant());
        List<String> models = Validation.models("allowed_models", req.allowedModels());
        if (req.allowedModels() != null) {
            catalog.checkModels("allowed_models", req.allowedModels());
        }
        RateLimits rates = LimitRules.rates("rate_limits", req.rateLimits(), RateLimits.NONE);
        NewApiKey spec = NewApiKey.caller(tenantId, name)
                .withRateLimits(rates)
                .withTeam(lookups.team(tenantId, req.teamId()))
                .withUser(userId)
                .withExpiresAt(req.expiresAt())
                .withAllowedModels(models)
                .withMetadata(Validation.metadata("metadata", req.metadata()));
        ApiKeyRepository.Created created = keys.create(spec);
        KeyView view = KeyView.of(created.key());
        audit.record(actor, tenantId, "key.create", "api_key", view.id(), null, view);
        return new IssuedKey(view, created.secret());
    }

    /** One page of the tenant's keys and admin tokens, newest first; developers see their own. */
    public ListView<KeyView> list(Actor actor, String tenantId, String cursor, Integer limit) {
        check(actor, tenantId, Permission.MANAGE_KEYS);
        lookups.tenant(tenantId);
        String owner = actor.managesAllKeys() ? null : actor.userId();
        Page<ApiKey> page = Paging.page(
                "cursor",
                () -> keys.list(tenantId, null, owner, cursor, Paging.limit(limit, ApiKeyRepository.MAX_PAGE)));
        return new ListView<>(page.items().stream().map(KeyView::of).toList(), page.nextCursor());
    }

    public KeyView get(Actor actor, String tenantId, String keyId) {
        return KeyView.of(ownKey(actor, tenantId, keyId));
    }

    /** A new secret; the old one keeps working for {@code grace_seconds} (default 3600, at most 30 days). */
    public IssuedKey rotate(Actor actor, String tenantId, String keyId, RotateKey req) {
        ApiKey before = ownKey(actor, tenantId, keyId);
        long grace = req.graceSeconds() == null ? DEFAULT_GRACE_SECONDS : req.graceSeconds();
        if (grace < 0 || grace > Validation.MAX_GRACE_SECONDS) {
            throw GatewayException.invalid(
                    "grace_seconds", "`grace_seconds` must be 0 to " + Validation.MAX_GRACE_SECONDS + ".");
        }
        ApiKeyRepository.Created rotated = keys.rotate(keyId, Duration.ofSeconds(grace))
                .orElseThrow(() ->
                        GatewayException.invalid(null, "Key `" + keyId + "` is revoked; it cannot be" + " rotated."));
        keysChanged.run();
        KeyView view = KeyView.of(rotated.key());
        audit.record(actor, tenantId, "key.rotate", "api_key", keyId, KeyView.of(before), view);
        return new IssuedKey(view, rotated.secret());
    }

    /**
     * Sets the key's own rates: fields absent stay, null ones remove the limit. Whoever manages the key may (a
     * developer their own keys): a key's limit only narrows what its tenant's limits already allow.
     */
    public KeyView update(Actor actor, String tenantId, String keyId, UpdateKey req) {
        ApiKey before = ownKey(actor, tenantId, keyId);
        RateLimits rates = LimitRules.rates("rate_limits", req.rateLimits(), before.rateLimits());
        ApiKey stored = keys.setRateLimits(keyId, rates).orElseThrow(() -> notFound("key", keyId));
        keysChanged.run();
        KeyView after = KeyView.of(stored);
        audit.record(actor, tenantId, "key.update", "api_key", keyId, KeyView.of(before), after);
        return after;
    }

    /** Revokes a key for good; revoking a revoked key changes nothing and records nothing. */
    public KeyView revoke(Actor actor, String tenantId, String keyId) {
        ApiKey before = ownKey(actor, tenantId, keyId);
        if (!keys.revoke(keyId)) {
            return KeyView.of(before);
        }
        keysChanged.run();
        KeyView after = KeyView.of(keys.get(keyId).orElseThrow());
        audit.record(actor, tenantId, "key.revoke", "api_key", keyId, KeyView.of(before), after);
        return after;
    }

    private ApiKey ownKey(Actor actor, String tenantId, String keyId) {
        check(actor, tenantId, Permission.MANAGE_KEYS);
        ApiKey key =
                keys.get(keyId).filter(k -> tenantId.equals(k.tenantId())).orElseThrow(() -> notFound("key", keyId));
        if (!actor.managesAllKeys() && !actor.userId().equals(key.userId())) {
            throw Access.denied("Developers manage their own keys only.");
        }
        return key;
    }
}
