package dev.meridian.server.journal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.meridian.core.json.Json;
import dev.meridian.store.model.RequestRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** A request record's JSON form in the journal (short field names), and what reads it back. */
final class RecordCodec {

    private RecordCodec() {}

    static byte[] encode(RequestRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        try (JsonGenerator g = Json.RECORD_FACTORY.createGenerator(out)) {
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
        try (JsonParser p = Json.RECORD_FACTORY.createParser(bytes)) {
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
