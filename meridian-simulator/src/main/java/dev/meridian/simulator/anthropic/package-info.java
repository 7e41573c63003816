/** The Anthropic Messages API wire protocol ({@code /v1/messages}, streaming, count_tokens, models). */
package dev.meridian.simulator.anthropic;
