/**
 * Personal data and secrets in requests: detection in one pass ({@link dev.meridian.core.pii.PiiScanner}), a
 * tenant's policy per data class ({@link dev.meridian.core.pii.PiiPolicy}), masking of a canonical chat request
 * ({@link dev.meridian.core.pii.RequestMasker}) and the restoration of its placeholders in the answer, complete
 * ({@link dev.meridian.core.pii.AnswerRestorer}) or streamed ({@link dev.meridian.core.pii.RestoreFilter}).
 *
 * <p>Pure: no I/O, no Vert.x. Depends on the canonical model and the relay's filter interface only.
 */
package dev.meridian.core.pii;
