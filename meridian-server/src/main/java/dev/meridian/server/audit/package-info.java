/**
 * Where audit entries go besides the database's hash chain: a rotated JSON-lines file and a signed SIEM webhook;
 * and residency evidence, the cross-border requests written to the chain in batches. Sinks never fail or block an
 * admin action; their failures are counted and retried. Uses the store's model, the configuration, the request
 * context and the alerts' webhook signature and backoff; never the admin API, which uses it.
 */
package dev.meridian.server.audit;
