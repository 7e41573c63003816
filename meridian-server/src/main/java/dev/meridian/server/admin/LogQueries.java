package dev.meridian.server.admin;

import static dev.meridian.server.admin.Access.check;
import static dev.meridian.server.admin.Access.checkSuperAdmin;
import static dev.meridian.server.admin.Access.notFound;

import dev.meridian.core.error.GatewayException;
import dev.meridian.server.admin.AdminRequests.RequestFilter;
import dev.meridian.server.admin.AdminViews.AuditChainView;
import dev.meridian.server.admin.AdminViews.AuditView;
import dev.meridian.server.admin.AdminViews.ListView;
import dev.meridian.store.model.AuditEntry;
import dev.meridian.store.model.Page;
import dev.meridian.store.model.Permission;
import dev.meridian.store.model.RequestLogQuery;
import dev.meridian.store.model.RequestRecord;
import dev.meridian.store.repo.AuditRepository;
import dev.meridian.store.repo.RequestLogRepository;

/** Reads of the request log and the audit log, one tenant's at a time; the whole audit log is the super-admin's. */
public final class LogQueries {

    private final RequestLogRepository requestLog;
    private final AuditRepository auditLog;
    private final Lookups lookups;

    LogQueries(RequestLogRepository requestLog, AuditRepository auditLog, Lookups lookups) {
        this.requestLog = requestLog;
        this.auditLog = auditLog;
        this.lookups = lookups;
    }

    public ListView<RequestRecord> queryRequests(Actor actor, String tenantId, RequestFilter f) {
        check(actor, tenantId, Permission.VIEW_LOGS);
        lookups.tenant(tenantId);
        return page(tenantId, f);
    }

    private ListView<RequestRecord> page(String tenantId, RequestFilter f) {
        if (f.from() != null && f.to() != null && !f.from().isBefore(f.to())) {
            throw GatewayException.invalid("from", "`from` must be before `to`.");
        }
        RequestLogQuery query = new RequestLogQuery(
                tenantId,
                f.from(),
                f.to(),
                f.keyId(),
                f.model(),
                f.status(),
                f.cursor(),
                Paging.limit(f.limit(), RequestLogQuery.MAX_LIMIT));
        return ListView.of(Paging.page("cursor", () -> requestLog.query(query)));
    }

    /**
     * Every tenant's requests and those of the configuration's keys (no tenant; {@code key_id} {@code
     * config:<name>}), newest first: the super-admin's view.
     */
    public ListView<RequestRecord> queryAllRequests(Actor actor, RequestFilter f) {
        checkSuperAdmin(actor, "read the platform's request log");
        return page(null, f);
    }

    /** One request of any tenant, or of a configured key. */
    public RequestRecord getAnyRequest(Actor actor, String requestId) {
        checkSuperAdmin(actor, "read the platform's request log");
        return requestLog.get(null, requestId).orElseThrow(() -> notFound("request", requestId));
    }

    public RequestRecord getRequest(Actor actor, String tenantId, String requestId) {
        check(actor, tenantId, Permission.VIEW_LOGS);
        return requestLog.get(tenantId, requestId).orElseThrow(() -> notFound("request", requestId));
    }

    /** One tenant's audit entries, newest first. */
    public ListView<AuditView> listAudit(Actor actor, String tenantId, String cursor, Integer limit) {
        check(actor, tenantId, Permission.VIEW_AUDIT);
        lookups.tenant(tenantId);
        return auditPage(tenantId, cursor, limit);
    }

    /** Every audit entry of the platform, newest first: the super-admin's view. */
    public ListView<AuditView> listAllAudit(Actor actor, String cursor, Integer limit) {
        checkSuperAdmin(actor, "read the platform audit log");
        return auditPage(null, cursor, limit);
    }

    /** Checks the whole audit chain (every tenant's entries are in one chain): the super-admin's. */
    public AuditChainView verifyAudit(Actor actor) {
        checkSuperAdmin(actor, "verify the audit log");
        return AuditChainView.of(auditLog.verify());
    }

    private ListView<AuditView> auditPage(String tenantId, String cursor, Integer limit) {
        Page<AuditEntry> page = Paging.page(
                "cursor",
                () -> auditLog.list(tenantId, null, null, cursor, Paging.limit(limit, AuditRepository.MAX_PAGE)));
        return new ListView<>(
                page.items().stream()
                        .map(e -> new AuditView(AuditTrail.line(e)))
                        .toList(),
                page.nextCursor());
    }
}
