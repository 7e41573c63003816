package dev.meridian.bench;

import dev.meridian.store.model.RequestRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Request records shaped like a busy gateway's: a few large tenants and many small ones, ten keys each, eight
 * models (two of them most used), mostly 200s with some 429s and 5xx, token counts and costs of chat calls, no
 * bodies (the default: tenants store bodies only when they ask to). Not thread-safe: one per thread.
 */
final class SyntheticRecords {

    static final int TENANTS = 200;
    static final int KEYS_PER_TENANT = 10;
    static final String[] MODELS = {
        "gpt-4o-mini",
        "claude-sonnet-4-5",
        "gpt-4o",
        "claude-haiku-4-5",
        "gemini-2.5-flash",
        "o3-mini",
        "llama-3.1-70b",
        "mistral-large"
    };
    static final String[] PROVIDERS = {
        "openai", "anthropic", "openai", "anthropic", "gemini", "openai", "bedrock", "mistral"
    };

    private final SplittableRandom random;
    private final long now = System.currentTimeMillis();
    private final boolean ordered;
    private long sequence;

    /** Records with random ids and timestamps over the last 30 days (a table filled over time). */
    SyntheticRecords(long seed) {
        this(seed, false);
    }

    /**
     * @param ordered true for records as the gateway writes them: timestamps from now on, 20 records per
     *     millisecond, and ids that start with the time ({@code RequestIds}), so every index grows at its end
     */
    SyntheticRecords(long seed, boolean ordered) {
        this.random = new SplittableRandom(seed);
        this.ordered = ordered;
    }

    /** The tenant of a record: the cube of a uniform draw, so tenant 0 gets about 17 % of all rows. */
    static String tenant(int n) {
        return String.format("ten_%04d", n);
    }

    RequestRecord next() {
        return make(Long.MIN_VALUE);
    }

    /** A record of time {@code ts} whose id starts with that time, as the gateway's ids do. */
    RequestRecord at(long ts) {
        return make(ts);
    }

    /** A record at {@code fixedTs}, or at the next time of this generator when it is Long.MIN_VALUE. */
    private RequestRecord make(long fixedTs) {
        int t = (int) (TENANTS * Math.pow(random.nextDouble(), 3));
        int m = (int) (MODELS.length * Math.pow(random.nextDouble(), 2));
        int roll = random.nextInt(100);
        int status = roll < 96 ? 200 : roll < 98 ? 429 : 502;
        long in = 200 + random.nextInt(4000);
        long out = status == 200 ? 20 + random.nextInt(800) : 0;
        double total = 300 + random.nextInt(5000) + random.nextDouble();
        boolean fixed = fixedTs != Long.MIN_VALUE;
        long ts = fixed ? fixedTs : ordered ? now + sequence++ / 20 : now - random.nextLong(30L * 86_400_000);
        String id = fixed || ordered
                ? String.format(
                                "req_%012x%s",
                                ts,
                                Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                                        .substring(0, 15))
                        + Integer.toHexString(random.nextInt(16))
                : "req_" + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                        + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
        return new RequestRecord(
                id,
                Instant.ofEpochMilli(ts),
                tenant(t),
                String.format("key_%04d_%02d", t, random.nextInt(KEYS_PER_TENANT)),
                String.format("usr_%04d_%02d", t, random.nextInt(5)),
                MODELS[m],
                MODELS[m] + "-2025",
                "dep-" + PROVIDERS[m] + "-1",
                PROVIDERS[m],
                random.nextBoolean() ? "us-east-1" : "eu-west-1",
                status,
                status == 200 ? null : status == 429 ? "rate_limit_exceeded" : "upstream_error",
                total,
                status == 502 ? null : total - 1.5,
                random.nextBoolean() ? total / 4 : null,
                in,
                out,
                random.nextInt(4) == 0 ? in / 2 : 0,
                m == 5 ? out / 2 : 0,
                (in * 0.15 + out * 0.6) / 1_000_000,
                false,
                status == 502 ? 2 : 1,
                status == 502 ? 1 : 0,
                null,
                null,
                false);
    }

    List<RequestRecord> next(int count) {
        List<RequestRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(next());
        }
        return records;
    }
}
