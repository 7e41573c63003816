-- A tenant's home country: where its data lives (ISO 3166 alpha-2 code, UK or EU), for residency evidence. A request
-- of the tenant whose call goes to a deployment outside it is a residency.transfer audit entry. NULL: the gateway's
-- audit.residency.homeCountry applies. Kept in step with postgresql/V18__tenant_home_country.sql.
ALTER TABLE tenants ADD COLUMN home_country TEXT;
