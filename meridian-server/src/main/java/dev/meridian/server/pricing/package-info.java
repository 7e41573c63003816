/**
 * What the gateway's requests cost: each deployment's effective price ({@link
 * dev.meridian.server.pricing.EffectivePrice}), from its configuration or the bundled catalogue.
 */
package dev.meridian.server.pricing;
