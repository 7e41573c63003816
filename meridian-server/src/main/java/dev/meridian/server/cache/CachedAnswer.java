package dev.meridian.server.cache;

import static java.util.Objects.requireNonNull;

import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Usage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One stored answer: the complete answer in its front door's protocol (what a non-streaming caller receives, so a
 * hit is served without re-encoding), when it was stored and until when it is served, and what it cost upstream
 * (what a hit saves). The canonical form, needed to replay it as a stream, is decoded at most once per replica.
 * Immutable but for that memo; thread-safe.
 */
public final class CachedAnswer {

    private static final byte FORMAT = 2;
    /** format, stored at, expires at, cost, then the five token counts of the usage. */
    private static final int HEADER = 1 + 8 + 8 + 8 + 5 * 8;

    private final CacheKey key;
    private final byte[] body;
    private final long storedAtMillis;
    private final long expiresAtMillis;
    private final double costUsd;
    private final Usage usage;
    private volatile ChatResponse decoded;

    public CachedAnswer(
            CacheKey key, byte[] body, long storedAtMillis, long expiresAtMillis, double costUsd, Usage usage) {
        this.key = requireNonNull(key, "key");
        this.body = requireNonNull(body, "body");
        this.storedAtMillis = storedAtMillis;
        this.expiresAtMillis = expiresAtMillis;
        this.costUsd = costUsd;
        this.usage = usage == null ? Usage.ZERO : usage;
    }

    public CacheKey key() {
        return key;
    }

    /** The answer in its door's protocol; never modified by the caller. */
    public byte[] body() {
        return body;
    }

    public long storedAtMillis() {
        return storedAtMillis;
    }

    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    /** What the answer cost when it was produced, in US dollars: what each hit saves. */
    public double costUsd() {
        return costUsd;
    }

    public Usage usage() {
        return usage;
    }

    /** Whole seconds since it was stored. */
    public long ageSeconds(long nowMillis) {
        return Math.max(0, (nowMillis - storedAtMillis) / 1000);
    }

    /** What the in-process tier counts against its bound: the body, the key and the object overhead. */
    int weight() {
        return body.length + key.text().length() * 2 + 160;
    }

    /** The canonical answer, decoded once by {@code decoder} (the door's reader of its own answers). */
    public ChatResponse decoded(java.util.function.Function<byte[], ChatResponse> decoder) {
        ChatResponse d = decoded;
        if (d == null) {
            d = decoder.apply(body);
            decoded = d;
        }
        return d;
    }

    /** The shared tier's value: a fixed header, then the body. */
    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(HEADER + body.length);
        b.put(FORMAT)
                .putLong(storedAtMillis)
                .putLong(expiresAtMillis)
                .putDouble(costUsd)
                .putLong(usage.inputTokens())
                .putLong(usage.outputTokens())
                .putLong(usage.cachedInputTokens())
                .putLong(usage.cacheWriteTokens())
                .putLong(usage.reasoningTokens())
                .put(body);
        return b.array();
    }

    /** Reads a shared tier's value, or null when it is not one this version wrote. */
    static CachedAnswer fromBytes(CacheKey key, byte[] value) {
        if (value == null || value.length < HEADER || value[0] != FORMAT) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(value);
        b.get();
        long stored = b.getLong();
        long expires = b.getLong();
        double cost = b.getDouble();
        Usage usage = new Usage(b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
        byte[] body = new byte[b.remaining()];
        b.get(body);
        return new CachedAnswer(key, body, stored, expires, cost, usage);
    }

    @Override
    public String toString() {
        return key.text() + " (" + body.length + " bytes, "
                + new String(body, 0, Math.min(40, body.length), StandardCharsets.UTF_8) + "…)";
    }
}
