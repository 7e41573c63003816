/**
 * Token counts the gateway makes itself, for usage a provider did not report: {@link
 * dev.meridian.core.tokens.TokenCounter} (jtokkit), the input of a request ({@link
 * dev.meridian.core.tokens.InputTokens}) and the output a caller received ({@link
 * dev.meridian.core.tokens.DeliveredText}).
 */
package dev.meridian.core.tokens;
