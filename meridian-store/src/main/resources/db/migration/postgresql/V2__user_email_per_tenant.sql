-- Emails are unique within a tenant, no longer across the platform. A platform-wide constraint told any tenant admin
-- whether an email existed in another tenant ("already exists"), and kept one person from belonging to two tenants.
-- Super-admins (no tenant) stay unique among themselves. Kept in step with sqlite/V2__user_email_per_tenant.sql.
ALTER TABLE users DROP CONSTRAINT users_email_key;
CREATE UNIQUE INDEX users_tenant_email ON users (tenant_id, email) WHERE tenant_id IS NOT NULL;
CREATE UNIQUE INDEX users_platform_email ON users (email) WHERE tenant_id IS NULL;
-- (tenant_id, email) serves every per-tenant read, and pages users in email order.
DROP INDEX users_tenant;
