package dev.meridian.core.pricing;

import dev.meridian.core.routing.ModelPrice;

/**
 * One model in the price catalogue.
 *
 * @param id            the provider's own name for the model, without a date or version suffix
 * @param provider      who makes it ({@code openai}, {@code anthropic}, {@code google}, ...)
 * @param price         its list price
 * @param contextWindow the most input tokens it takes, or 0 when not published
 * @param maxOutput     the most output tokens it writes in one answer, or 0 when not published
 */
public record CatalogueEntry(String id, String provider, ModelPrice price, int contextWindow, int maxOutput) {}
