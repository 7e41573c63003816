package dev.meridian.server.cache;

import dev.meridian.store.crypto.KeyRing;
import dev.meridian.store.crypto.UnreadableSecretException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The shared tier: answers in Redis under {@code <prefix><key text>}, each with Redis's own expiry. Every call is
 * bounded by a short timeout and never fails the request: a failure or timeout is counted and read as "not there"
 * (a get) or dropped (a put). Thread-safe; asynchronous, never blocks.
 *
 * <p>With a master key, answers are sealed ({@link KeyRing#sealBytes}) and bound to their Redis key, so what Redis
 * holds, or a dump of it, shows no prompt's answer, and an entry copied to another key does not open. Only sealed
 * entries are served then: one in the clear (written before the key was set, or planted by anyone who can write to
 * that Redis) is a miss, as is one under a key this replica lacks; both are counted as the operation {@code open}.
 */
final class RedisTier {

    private static final int SCAN_COUNT = 1000;

    private final Redis redis;
    private final String prefix;
    private final long timeoutMillis;
    private final CacheMetrics metrics;
    private final PurgeBroadcast broadcast;
    private final KeyRing keys;

    /** @param onPurge drops the local copies of what another replica purged (tenant, model; null for any) */
    RedisTier(
            Vertx vertx,
            Redis redis,
            String prefix,
            Duration timeout,
            CacheMetrics metrics,
            KeyRing keys,
            BiConsumer<String, String> onPurge) {
        this.redis = redis;
        this.prefix = prefix;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        this.metrics = metrics;
        this.keys = keys;
        this.broadcast = new PurgeBroadcast(vertx, redis, prefix, onPurge);
        broadcast.start();
    }

    /** The answer stored under {@code key}, or null: absent, unreadable, or Redis failed or was slow. */
    Future<CachedAnswer> get(CacheKey key) {
        return redis.send(Request.cmd(Command.GET).arg(prefix + key.text()))
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .map(r -> r == null ? null : read(key, r.toBytes()))
                .otherwise(e -> {
                    metrics.redisFailed("get");
                    return null;
                });
    }

    /** Stores {@code answer} until its expiry; a failure is counted, never reported to the request. */
    Future<Void> put(CachedAnswer answer, long nowMillis) {
        long ttl = answer.expiresAtMillis() - nowMillis;
        if (ttl <= 0) {
            return Future.succeededFuture();
        }
        return redis.send(Request.cmd(Command.SET)
                        .arg(prefix + answer.key().text())
                        .arg(Buffer.buffer(stored(answer)))
                        .arg("PX")
                        .arg(ttl))
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .<Void>mapEmpty()
                .otherwise(e -> {
                    metrics.redisFailed("set");
                    return null;
                });
    }

    private byte[] stored(CachedAnswer answer) {
        byte[] value = answer.toBytes();
        return keys.enabled() ? keys.sealBytes(value, where(answer.key())) : value;
    }

    private CachedAnswer read(CacheKey key, byte[] value) {
        if (!keys.enabled() && !KeyRing.isEnvelope(value)) {
            return CachedAnswer.fromBytes(key, value);
        }
        try { // openBytes refuses a value in the clear, and every envelope when this replica has no key
            return CachedAnswer.fromBytes(key, keys.openBytes(value, where(key)));
        } catch (UnreadableSecretException e) {
            metrics.redisFailed("open");
            return null;
        }
    }

    /** What a sealed entry is bound to: its Redis key. */
    private String where(CacheKey key) {
        return "response_cache:" + prefix + key.text();
    }

    /**
     * Deletes every key matching {@code pattern} (a SCAN glob after the prefix, its parts escaped by
     * {@link CacheKey#escape}); fails when Redis does, so that an operator's purge is not reported done when it
     * was not.
     */
    Future<Long> purge(String pattern) {
        Promise<Long> done = Promise.promise();
        scan("0", prefix + pattern, 0, done);
        return done.future();
    }

    /** Tells the other replicas to drop their local copies of what was purged; fails when Redis does. */
    Future<Void> announcePurge(String tenantId, String group) {
        return broadcast.publish(tenantId, group);
    }

    private void scan(String cursor, String match, long deleted, Promise<Long> done) {
        redis.send(Request.cmd(Command.SCAN)
                        .arg(cursor)
                        .arg("MATCH")
                        .arg(match)
                        .arg("COUNT")
                        .arg(SCAN_COUNT))
                .compose(r -> {
                    String next = r.get(0).toString();
                    Response keys = r.get(1);
                    if (keys.size() == 0) {
                        return Future.succeededFuture(new Object[] {next, 0L});
                    }
                    List<String> names = new ArrayList<>(keys.size());
                    keys.forEach(k -> names.add(k.toString()));
                    Request del = Request.cmd(Command.DEL);
                    names.forEach(del::arg);
                    return redis.send(del).map(n -> new Object[] {next, n.toLong()});
                })
                .onSuccess(step -> {
                    long total = deleted + (Long) step[1];
                    if ("0".equals(step[0])) {
                        done.complete(total);
                    } else {
                        scan((String) step[0], match, total, done);
                    }
                })
                .onFailure(e -> {
                    metrics.redisFailed("purge");
                    done.fail(e);
                });
    }

    void close() {
        broadcast.close();
    }
}
