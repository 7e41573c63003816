package dev.meridian.server.journal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Usage;
import dev.meridian.core.routing.ModelPrice;
import dev.meridian.core.routing.RoutingTrace;
import dev.meridian.server.auth.Principal;
import dev.meridian.server.pipeline.CacheUse;
import dev.meridian.server.pipeline.RequestContext;
import dev.meridian.server.pipeline.Timings;
import dev.meridian.store.model.RequestRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A request's record: built from its context, and its JSON form in the journal (short field names). */
final class RecordCodec {

    /**
     * The journal's own JSON: no duplicate detection (the journal holds only what {@link #encode} wrote, behind a
     * checksum), and doubles written and read by Jackson's Schubfach writer and FastDoubleParser, which round-trip
     * exactly like the JDK's {@code Double.toString} and {@code parseDouble} at a fraction of their cost (on the
     * request path when a record is appended, and on the writer thread when it is read back).
     */
    private static final JsonFactory JOURNAL = Json.SCAN_FACTORY
            .rebuild()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private RecordCodec() {}

    /**
     * What the request cost: the served answer's cost plus what its other attempts spent; null when neither is
     * known (unpriced, or nothing spent).
     */
    static Double total(Double served, double attempts) {
        if (attempts == 0) {
            return served;
        }
        return served == null ? attempts : served + attempts;
    }

    static RequestRecord toRecord(RequestContext ctx) {
        Principal p = ctx.principal();
        RequestContext.Outcome outcome = ctx.outcome();
        RequestContext.Served served = ctx.served();
        RoutingTrace trace = ctx.trace();
        Timings t = ctx.timings();
        Usage u = outcome.usage();
        long total = t.end() - t.start();
        Instant ts = Instant.now().minusNanos(total);
        Double upstream =
                t.upstreamSent() > 0 && t.upstreamAnswer() > 0 ? millis(t.upstreamAnswer() - t.upstreamSent()) : null;
        Double ttft = t.firstToken() > 0 ? millis(t.firstToken() - t.start()) : null;
        CacheUse cache = ctx.cache();
        boolean hit = cache != null && cache.hit();
        // A hit cost nothing upstream; what its answer had cost is what it saved.
        Double cost = hit ? Double.valueOf(0) : total(served == null ? null : served.cost(u), ctx.attemptSpendUsd());
        boolean bodies = p != null && p.storeBodies();
        byte[] body = ctx.pii().redacted(ctx.body()); // masked when the tenant's PII policy masked the request
        return new RequestRecord(
                ctx.requestId(),
                ts,
                p == null ? null : p.tenantId(),
                p == null ? null : p.loggedKeyId(),
                p == null ? null : p.userId(),
                ctx.model(),
                outcome.servedModel(),
                served == null ? null : served.deployment(),
                served == null ? null : served.route().provider().name(),
                served == null ? null : served.region(),
                outcome.status(),
                outcome.error() == null ? null : outcome.error().code().openAiCode(),
                millis(total),
                upstream,
                ttft,
                u == null ? 0 : u.inputTokens(),
                u == null ? 0 : u.outputTokens(),
                u == null ? 0 : u.cachedInputTokens(),
                u == null ? 0 : u.reasoningTokens(),
                cost,
                hit,
                trace == null ? 0 : trace.attempts(),
                trace == null ? 0 : trace.fallbacks(),
                bodies && body != null ? new String(body, StandardCharsets.UTF_8) : null,
                bodies ? ctx.pii().redacted(outcome.completion()) : null,
                outcome.usageEstimated(),
                ctx.billed(cost),
                PromptFingerprint.of(body),
                u == null ? 0 : u.cacheWriteTokens(),
                // A hit read nothing from the provider's prompt cache: its answer's reads saved once, upstream.
                hit ? Double.valueOf(0) : promptCacheSaving(served, u),
                cache == null ? null : cache.status().header(),
                hit ? Double.valueOf(cache.savedUsd()) : null,
                ctx.piiDetections().json());
    }

    /** What the served answer's prompt-cache reads saved; null when unpriced, 0 without reads. */
    private static Double promptCacheSaving(RequestContext.Served served, Usage u) {
        if (u == null || u.cachedInputTokens() <= 0) {
            return u == null ? null : 0.0;
        }
        ModelPrice price = served == null ? null : served.route().pricing().price();
        return price == null ? null : price.cacheReadSaving(u);
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    static byte[] encode(RequestRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        try (JsonGenerator g = JOURNAL.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", r.requestId());
            g.writeNumberField("ts", r.ts().toEpochMilli() * 1000 + r.ts().getNano() / 1000 % 1000);
            string(g, "tenant", r.tenantId());
            string(g, "key", r.keyId());
            string(g, "user", r.userId());
            string(g, "asked", r.modelAsked());
            string(g, "served", r.modelServed());
            string(g, "deployment", r.deployment());
            string(g, "provider", r.provider());
            string(g, "region", r.region());
            g.writeNumberField("status", r.status());
            string(g, "error", r.errorCode());
            g.writeNumberField("total", r.totalMs());
            if (r.upstreamMs() != null) {
                g.writeNumberField("upstream", r.upstreamMs());
            }
            if (r.ttftMs() != null) {
                g.writeNumberField("ttft", r.ttftMs());
            }
            g.writeNumberField("in", r.inputTokens());
            g.writeNumberField("out", r.outputTokens());
            g.writeNumberField("cached", r.cachedTokens());
            g.writeNumberField("reasoning", r.reasoningTokens());
            if (r.costUsd() != null) {
                g.writeNumberField("cost", r.costUsd());
            }
            // Only when discounted: without "billed" a record was billed at its list cost (older journals too).
            if (r.billedCostUsd() != null && !r.billedCostUsd().equals(r.costUsd())) {
                g.writeNumberField("billed", r.billedCostUsd());
            }
            g.writeBooleanField("cacheHit", r.cacheHit());
            g.writeNumberField("attempts", r.attempts());
            g.writeNumberField("fallbacks", r.fallbacks());
            if (r.usageEstimated()) {
                g.writeBooleanField("estimated", true);
            }
            if (r.promptFingerprint() != null) {
                g.writeNumberField("fp", r.promptFingerprint());
            }
            if (r.cacheWriteTokens() != 0) {
                g.writeNumberField("cacheWrite", r.cacheWriteTokens());
            }
            if (r.promptCacheSavedUsd() != null) {
                g.writeNumberField("pcSaved", r.promptCacheSavedUsd());
            }
            string(g, "cache", r.cacheStatus());
            if (r.cacheSavedUsd() != null) {
                g.writeNumberField("saved", r.cacheSavedUsd());
            }
            // Only when PII was found: without "pii" (older journals too) the request had no detections recorded.
            string(g, "pii", r.pii());
            string(g, "prompt", r.prompt());
            string(g, "completion", r.completion());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads what {@link #encode} wrote, field by field off the parser (no tree): an absent field reads as null, or
     * as 0 / false where the record has a primitive; unknown fields are skipped.
     *
     * @throws IOException when the bytes are not one JSON object
     */
    static RequestRecord decode(byte[] bytes) throws IOException {
        String id = "";
        long micros = 0;
        String tenant = null, key = null, user = null, asked = null, served = null;
        String deployment = null, provider = null, region = null, error = null, prompt = null, completion = null;
        int status = 0, attempts = 0, fallbacks = 0;
        double total = 0;
        Double upstream = null, ttft = null, cost = null, billed = null;
        Long fingerprint = null;
        long in = 0, out = 0, cached = 0, reasoning = 0, cacheWrite = 0;
        Double promptCacheSaved = null;
        boolean cacheHit = false, estimated = false;
        String cacheStatus = null, pii = null;
        Double saved = null;
        try (JsonParser p = JOURNAL.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "a journal record is a JSON object");
            }
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = p.getValueAsString("");
                    case "ts" -> micros = p.getValueAsLong();
                    case "tenant" -> tenant = text(p, value);
                    case "key" -> key = text(p, value);
                    case "user" -> user = text(p, value);
                    case "asked" -> asked = text(p, value);
                    case "served" -> served = text(p, value);
                    case "deployment" -> deployment = text(p, value);
                    case "provider" -> provider = text(p, value);
                    case "region" -> region = text(p, value);
                    case "status" -> status = p.getValueAsInt();
                    case "error" -> error = text(p, value);
                    case "total" -> total = p.getValueAsDouble();
                    case "upstream" -> upstream = number(p, value);
                    case "ttft" -> ttft = number(p, value);
                    case "in" -> in = p.getValueAsLong();
                    case "out" -> out = p.getValueAsLong();
                    case "cached" -> cached = p.getValueAsLong();
                    case "reasoning" -> reasoning = p.getValueAsLong();
                    case "cost" -> cost = number(p, value);
                    case "billed" -> billed = number(p, value);
                    case "cacheHit" -> cacheHit = p.getValueAsBoolean();
                    case "attempts" -> attempts = p.getValueAsInt();
                    case "fallbacks" -> fallbacks = p.getValueAsInt();
                    case "estimated" -> estimated = p.getValueAsBoolean();
                    case "fp" -> fingerprint = value == JsonToken.VALUE_NULL ? null : p.getValueAsLong();
                    case "cacheWrite" -> cacheWrite = p.getValueAsLong();
                    case "pcSaved" -> promptCacheSaved = number(p, value);
                    case "cache" -> cacheStatus = text(p, value);
                    case "saved" -> saved = number(p, value);
                    case "pii" -> pii = text(p, value);
                    case "prompt" -> prompt = text(p, value);
                    case "completion" -> completion = text(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected content after the record");
            }
        }
        Instant ts = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        return new RequestRecord(
                id,
                ts,
                tenant,
                key,
                user,
                asked,
                served,
                deployment,
                provider,
                region,
                status,
                error,
                total,
                upstream,
                ttft,
                in,
                out,
                cached,
                reasoning,
                cost,
                cacheHit,
                attempts,
                fallbacks,
                prompt,
                completion,
                estimated,
                billed != null ? billed : cost,
                fingerprint,
                cacheWrite,
                promptCacheSaved,
                cacheStatus,
                saved,
                pii);
    }

    /** Strings as databases take them: PostgreSQL refuses U+0000 in text, so it becomes U+FFFD. */
    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD'));
        }
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NULL ? null : p.getValueAsString();
    }

    private static Double number(JsonParser p, JsonToken value) throws IOException {
        return value == JsonToken.VALUE_NULL ? null : p.getValueAsDouble();
    }
}
