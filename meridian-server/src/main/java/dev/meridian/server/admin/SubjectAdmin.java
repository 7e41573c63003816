package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.Permission;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.model.SavedResponse;
import dev.meridian.store.model.Subject;
import dev.meridian.store.repo.ErasureRepository;
import dev.meridian.store.repo.RequestLogRepository;
import dev.meridian.store.repo.ResponseRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A data subject's rights over the request data of one tenant: erasure (GDPR article 17) and export (article 15),
 * for a user or a virtual key. The tenant's admin or the super-admin acts; each action is audited with only its
 * fact: the subject's type, a hash of its id, and counts.
 */
public final class SubjectAdmin {

    /** How long an erasure is applied again to records that were still in a replica's journal when it ran. */
    static final Duration RECHECK = Duration.ofHours(24);
    /** The largest export page. */
    static final int MAX_EXPORT_PAGE = 200;

    private static final String REQUESTS = "q.";
    private static final String RESPONSES = "r.";

    private final ErasureRepository erasures;
    private final RequestLogRepository requestLog;
    private final ResponseRepository responses;
    private final Lookups lookups;
    private final AuditTrail audit;
    private final Clock clock;
    private final int batch;

    SubjectAdmin(
            ErasureRepository erasures,
            RequestLogRepository requestLog,
            ResponseRepository responses,
            Lookups lookups,
            AuditTrail audit,
            Clock clock,
            int batch) {
        this.erasures = erasures;
        this.requestLog = requestLog;
        this.responses = responses;
        this.lookups = lookups;
        this.audit = audit;
        this.clock = clock;
        this.batch = batch;
    }

    /** {@code POST /tenants/{id}/erasure}: exactly one of the two. */
    public record ErasureRequest(String userId, String keyId) {}

    /** What an erasure did: how many request-log rows were anonymised, bodies and stored responses deleted. */
    public record ErasureView(String subjectType, long requestsAnonymised, long bodiesDeleted, long responsesDeleted) {}

    /**
     * Erases the subject's request data of every request made until now, and remembers the erasure for
     * {@link #RECHECK} so the retention job applies it again to records still in flight.
     */
    public ErasureView erase(Actor actor, String tenantId, ErasureRequest req) {
        check(actor, tenantId, Permission.MANAGE_TENANT);
        lookups.tenant(tenantId);
        Subject subject = subject(req == null ? null : req.userId(), req == null ? null : req.keyId());
        Instant now = clock.instant();
        erasures.remember(tenantId, subject, now, now.plus(RECHECK));
        ErasureRepository.Counts n = erasures.erase(tenantId, subject, now, batch);
        ErasureView view = new ErasureView(type(subject), n.requests(), n.bodies(), n.responses());
        audit.record(
                actor,
                tenantId,
                "tenant.erasure",
                type(subject),
                fingerprint(tenantId, subject),
                null,
                new ErasureFact(n.requests(), n.bodies(), n.responses()));
        return view;
    }

    /**
     * One page of the subject's export: its request-log records with their stored bodies, newest first, then its
     * stored responses. Each page is audited as the fact of an export.
     */
    public ExportPage export(Actor actor, String tenantId, String userId, String keyId, String cursor, Integer limit) {
        check(actor, tenantId, Permission.MANAGE_TENANT);
        lookups.tenant(tenantId);
        Subject subject = subject(userId, keyId);
        int size = Paging.limit(limit, MAX_EXPORT_PAGE);
        String position = cursor == null ? REQUESTS : cursor;
        List<JsonNode> items = new ArrayList<>();
        String next;
        if (position.startsWith(REQUESTS)) {
            String inner = innerCursor(position, REQUESTS);
            Page<String> ids = Paging.page("cursor", () -> erasures.requestIds(tenantId, subject, inner, size));
            for (String id : ids.items()) {
                requestLog.get(tenantId, id).ifPresent(r -> items.add(request(r)));
            }
            next = ids.nextCursor() != null ? REQUESTS + ids.nextCursor() : RESPONSES;
        } else if (position.startsWith(RESPONSES)) {
            String inner = innerCursor(position, RESPONSES);
            Page<String> ids = Paging.page("cursor", () -> erasures.responseIds(tenantId, subject, inner, size));
            Instant now = clock.instant();
            for (String id : ids.items()) {
                responses.find(tenantId, id, now).ifPresent(r -> items.add(response(r)));
            }
            next = ids.nextCursor() == null ? null : RESPONSES + ids.nextCursor();
        } else {
            throw badCursor();
        }
        audit.record(
                actor,
                tenantId,
                "tenant.subject_export",
                type(subject),
                fingerprint(tenantId, subject),
                null,
                new ExportFact(items.size()));
        return new ExportPage(type(subject), subject.id(), items, next);
    }

    /** An export page: {@code data} holds {"type": "request" | "response", ...} items. */
    public record ExportPage(String subjectType, String subjectId, List<JsonNode> data, String nextCursor) {}

    /** What the audit log keeps of an erasure: counts only (the compliance report lists them). */
    record ErasureFact(long requests, long bodies, long responses) {}

    /** What the audit log keeps of an export page. */
    record ExportFact(int records) {}

    private static String innerCursor(String position, String phase) {
        String inner = position.substring(phase.length());
        return inner.isEmpty() ? null : inner;
    }

    private static GatewayException badCursor() {
        return GatewayException.invalid("cursor", "Invalid `cursor`: use the `next_cursor` of a previous page.");
    }

    private static ObjectNode request(RequestRecord r) {
        ObjectNode n = AdminJson.mapper().createObjectNode().put("type", "request");
        n.set("request", AdminJson.mapper().valueToTree(r));
        return n;
    }

    private static ObjectNode response(SavedResponse r) {
        ObjectNode n = AdminJson.mapper().createObjectNode().put("type", "response");
        ObjectNode body = n.putObject("response");
        body.put("id", r.id());
        body.put("key_id", r.keyId());
        body.put("model", r.model());
        body.put("created_at", r.createdAt().toString());
        body.put("expires_at", r.expiresAt().toString());
        body.set("response", json(r.response()));
        body.set("items", json(r.items()));
        return n;
    }

    private static JsonNode json(String text) {
        try {
            return AdminJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            return AdminJson.mapper().getNodeFactory().textNode(text);
        }
    }

    /** The subject named by exactly one of the two parameters; 400 on the one at fault otherwise. */
    static Subject subject(String userId, String keyId) {
        if (userId != null && keyId != null) {
            throw GatewayException.invalid("key_id", "Give `user_id` or `key_id`, not both.");
        }
        if (userId == null && keyId == null) {
            throw GatewayException.invalid("user_id", "`user_id` or `key_id` is required.");
        }
        String param = userId != null ? "user_id" : "key_id";
        String id = userId != null ? userId : keyId;
        if (id.isBlank() || id.length() > 200 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw GatewayException.invalid(param, "`" + param + "` must be an id: 1 to 200 printable characters.");
        }
        return userId != null ? Subject.user(id) : Subject.key(id);
    }

    private static String type(Subject s) {
        return s.type().name().toLowerCase(Locale.ROOT);
    }

    /**
     * What the audit log keeps of the subject: SHA-256 of tenant and id, so an operator holding the id can show the
     * erasure happened, while the log itself names nobody.
     */
    static String fingerprint(String tenantId, Subject s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((tenantId + "\n" + type(s) + "\n" + s.id()).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
