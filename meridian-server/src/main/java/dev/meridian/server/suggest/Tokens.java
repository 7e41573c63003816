package dev.meridian.server.suggest;

import dev.meridian.core.routing.ModelPrice;
import dev.meridian.store.model.TrafficRow;

/**
 * Token sums of some requests, with what they cost as logged. A price is linear in the counts, so the sums priced
 * at another rate are what each request would have cost there: cached input at the cached rate, reasoning as output.
 */
public record Tokens(long requests, long input, long cached, long output, double loggedCostUsd) {

    static final Tokens NONE = new Tokens(0, 0, 0, 0, 0);

    static Tokens of(TrafficRow row) {
        return new Tokens(
                row.requests(),
                row.inputTokens(),
                Math.min(row.cachedTokens(), row.inputTokens()),
                row.outputTokens(),
                row.costUsd());
    }

    Tokens plus(Tokens o) {
        return new Tokens(
                requests + o.requests,
                input + o.input,
                cached + o.cached,
                output + o.output,
                loggedCostUsd + o.loggedCostUsd);
    }

    double costAt(ModelPrice price) {
        return price.cost(input, cached, output);
    }
}
