/**
 * What models cost and how much they take and write: the dated catalogue shipped with the gateway ({@link
 * dev.meridian.core.pricing.PriceCatalogue}). Pure data, read once from the build's resources.
 */
package dev.meridian.core.pricing;
