/**
 * The tables and heuristics behind smart routing: which kind of task a request is ({@link
 * dev.meridian.core.routing.TaskClassifier}), which public models suit that task at a quality tier ({@link
 * dev.meridian.core.routing.SmartCandidates}) and what they cost ({@link dev.meridian.core.routing.ModelPrice}),
 * where a caller's data may be processed ({@link dev.meridian.core.routing.ResidencyRules}) and which deployment
 * regions are near a caller ({@link dev.meridian.core.routing.RegionTable}).
 *
 * <p>Everything here is pure: immutable values, no I/O, no Vert.x, safe to share between threads. Arguments are
 * non-null unless a method says otherwise. The defaults and rules are documented in {@code docs/routing-tables.md}.
 */
package dev.meridian.core.routing;
