/**
 * Secrets at rest: AES-256-GCM envelopes under the master key from {@code MERIDIAN_MASTER_KEY}, each carrying the id
 * of the key that sealed it, and the key ring that opens envelopes of older keys during a rotation.
 */
package dev.meridian.store.crypto;
