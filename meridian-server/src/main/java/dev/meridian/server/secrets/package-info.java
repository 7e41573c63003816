/**
 * Secrets at rest in the running gateway: provider credentials stored through the admin API applied to the upstream
 * calls on every replica, and the background re-encryption of sealed values to the current master key.
 */
package dev.meridian.server.secrets;
