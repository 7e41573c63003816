/**
 * The OpenAI Chat Completions / Embeddings / Models wire protocol, and its Azure OpenAI routes
 * ({@code /openai/deployments/{deployment}/...} and the {@code /openai/v1/...} API).
 */
package dev.meridian.simulator.openai;
