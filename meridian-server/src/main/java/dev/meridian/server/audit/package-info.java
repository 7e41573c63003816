/**
 * Where audit entries go besides the database's hash chain: a rotated JSON-lines file and a signed SIEM webhook.
 * Sinks never fail or block an admin action; their failures are counted and retried. Depends on the store's model
 * and the alerts' webhook signature and backoff, never on the admin API.
 */
package dev.meridian.server.audit;
