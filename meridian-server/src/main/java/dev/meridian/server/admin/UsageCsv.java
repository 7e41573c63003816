package dev.meridian.server.admin;

import dev.meridian.store.model.UsageDimension;
import dev.meridian.store.model.UsageRow;
import java.util.List;

/**
 * A usage report as CSV (RFC 4180): one header line, one line per group, costs (list, then billed after volume
 * discounts) in full precision.
 */
final class UsageCsv {

    private UsageCsv() {}

    static String write(List<UsageDimension> dims, List<UsageRow> rows) {
        StringBuilder out = new StringBuilder(64 + 96 * rows.size());
        for (UsageDimension d : dims) {
            out.append(d.wireName()).append(',');
        }
        out.append("requests,input_tokens,output_tokens,cached_tokens,reasoning_tokens,cost_usd,billed_cost_usd,"
                + "unpriced_requests,cache_write_tokens,prompt_cache_saved_usd,cache_hits,cache_saved_usd\r\n");
        for (UsageRow row : rows) {
            for (UsageDimension d : dims) {
                out.append(field(row.groups().get(d))).append(',');
            }
            out.append(row.requests())
                    .append(',')
                    .append(row.inputTokens())
                    .append(',')
                    .append(row.outputTokens())
                    .append(',')
                    .append(row.cachedTokens())
                    .append(',')
                    .append(row.reasoningTokens())
                    .append(',')
                    .append(row.costUsd())
                    .append(',')
                    .append(row.billedCostUsd())
                    .append(',')
                    .append(row.unpricedRequests())
                    .append(',')
                    .append(row.cacheWriteTokens())
                    .append(',')
                    .append(row.promptCacheSavedUsd())
                    .append(',')
                    .append(row.cacheHits())
                    .append(',')
                    .append(row.cacheSavedUsd())
                    .append("\r\n");
        }
        return out.toString();
    }

    /** A value quoted when it holds a comma, quote or line break, with quotes doubled; nothing for null. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
