/**
 * The Google Gemini API wire protocol ({@code /v1beta/models/{model}:generateContent},
 * {@code :streamGenerateContent}, {@code :embedContent}, {@code :batchEmbedContents},
 * {@code :countTokens}, models list/get).
 */
package dev.meridian.simulator.gemini;
