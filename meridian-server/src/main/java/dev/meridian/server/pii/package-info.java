/**
 * Tenants' PII policies as the running gateway applies them: the configuration's, replaced per tenant by settings
 * stored through the admin API and reloaded on every replica when the store changes.
 */
package dev.meridian.server.pii;
