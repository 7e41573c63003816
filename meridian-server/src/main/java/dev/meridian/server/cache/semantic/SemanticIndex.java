package dev.meridian.server.cache.semantic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model group's prompt vectors in an in-memory Lucene index searched by HNSW, each with the partition it may
 * match in (the caller's namespace, the group and the rest of the request), its tenant (for purges), a reference to
 * its answer and an expiry. A search only considers live entries of its partition, so an entry never matches
 * another tenant's prompt nor one past its expiry.
 *
 * <p>Bounded: entry {@code n} deletes entry {@code n - maxEntries}, so at most {@code maxEntries} are held, the
 * oldest going first. Writes (adds, removals, purges) are queued to the index's one thread, which applies them and
 * makes them searchable within {@link #REFRESH_MILLIS} ms (a queue of more than {@link #MAX_QUEUED} writes drops
 * adds: a cache may forget); it also deletes expired entries. Searches run on the caller's thread and may take
 * a millisecond: not on an event loop. Thread-safe.
 */
public final class SemanticIndex implements AutoCloseable {

    /** The nearest live prompt of a partition: its answer's reference and its cosine similarity to the query. */
    public record Match(String ref, double similarity) {}

    static final long REFRESH_MILLIS = 50;
    /**
     * How many candidates a search keeps: Lucene's HNSW search explores with a queue of k, so k = 1 would often stop
     * at a local optimum. With the few segments {@link #MERGE_FACTOR} keeps (one graph each), 16 found 64 % of the
     * benchmark's near-duplicates at 100,000 entries, against 89 % when the tiered policy left 14 graphs to search
     * with 16 each; 64 candidates found 94 % at about 10 ms (benchmarks.md). Kept at 64: a lookup follows an
     * embedding call to a provider (tens of milliseconds) on a worker thread, so a missed near-duplicate (a lost
     * saving) costs more than the search's milliseconds. 32 is unmeasured.
     */
    static final int CANDIDATES = 64;

    /**
     * Segments merged at once by the index's merge policy. A search walks the HNSW graph of every segment, at about the
     * same cost per segment whatever its size, so few segments make searches cheap; Lucene's default tiered policy
     * (10 per tier) leaves about 10 at 100,000 entries. {@link LogDocMergePolicy} with a factor of 2 keeps about
     * log2(entries / flushed segment) segments of doubling sizes, and merges only neighbours, so segments stay in
     * insertion order: the oldest-first eviction deletes from the oldest segment, which is dropped once empty, while
     * the newer ones have no deletions, so a merge starts from the larger one's graph instead of rebuilding it. See
     * benchmarks.md, "Issue 12: semantic cache".
     */
    static final int MERGE_FACTOR = 2;

    static final int MAX_QUEUED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(SemanticIndex.class);
    private static final String VECTOR = "v";
    private static final String PARTITION = "p";
    private static final String TENANT = "t";
    private static final String REF = "r";
    private static final String SEQ = "s";
    private static final String EXPIRES = "e";

    private final int maxEntries;
    private final LongSupplier clockMillis;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private long seq;
    private volatile boolean dirty;

    /** @param name names the index's thread */
    public SemanticIndex(String name, int maxEntries, LongSupplier clockMillis) {
        this.maxEntries = maxEntries;
        this.clockMillis = clockMillis;
        try {
            LogDocMergePolicy merges = new LogDocMergePolicy();
            merges.setMergeFactor(MERGE_FACTOR);
            IndexWriterConfig config = new IndexWriterConfig()
                    .setCodec(new WideVectorCodec())
                    .setMergePolicy(merges)
                    .setMergeScheduler(new SerialMergeScheduler()) // merges on the index's own thread
                    .setCommitOnClose(false);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "meridian-semantic-index-" + name);
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::refreshIfDirty, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::deleteExpired, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Queues a prompt's vector for indexing; it is searchable within {@link #REFRESH_MILLIS} ms.
     *
     * @param vector the prompt's embedding, any length (it is normalised); every vector of an index has one dimension
     */
    public void add(String partition, String tenant, String ref, float[] vector, long expiresAtMillis) {
        float[] unit = unit(vector);
        write(
                () -> {
                    Document d = new Document();
                    d.add(new KnnFloatVectorField(VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
                    d.add(new StringField(PARTITION, partition, Field.Store.NO));
                    d.add(new StringField(TENANT, tenant == null ? "" : tenant, Field.Store.NO));
                    d.add(new StringField(REF, ref, Field.Store.YES));
                    long n = ++seq;
                    d.add(new LongPoint(SEQ, n));
                    d.add(new LongPoint(EXPIRES, expiresAtMillis));
                    d.add(new StoredField(EXPIRES, expiresAtMillis));
                    writer.addDocument(d);
                    if (n > maxEntries) {
                        writer.deleteDocuments(LongPoint.newRangeQuery(SEQ, Long.MIN_VALUE, n - maxEntries));
                    }
                },
                true);
    }

    /** Queues the removal of the entries of {@code partition} pointing at {@code ref} (an answer that is gone). */
    public void remove(String partition, String ref) {
        write(
                () -> writer.deleteDocuments(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(PARTITION, partition)), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(REF, ref)), BooleanClause.Occur.FILTER)
                        .build()),
                false);
    }

    /** Queues the removal of a tenant's entries, or (null) of all. */
    public void purge(String tenant) {
        write(
                () -> {
                    if (tenant == null) {
                        writer.deleteAll();
                    } else {
                        writer.deleteDocuments(new Term(TENANT, tenant));
                    }
                },
                false);
    }

    /**
     * The live entry of {@code partition} nearest to {@code vector} when its cosine similarity is at least
     * {@code threshold}, else null. Blocking (a search of the HNSW graph of each segment); thread-safe.
     */
    public Match nearest(String partition, float[] vector, double threshold) throws IOException {
        Query filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(PARTITION, partition)), BooleanClause.Occur.FILTER)
                .add(
                        LongPoint.newRangeQuery(EXPIRES, clockMillis.getAsLong() + 1, Long.MAX_VALUE),
                        BooleanClause.Occur.FILTER)
                .build();
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, unit(vector), CANDIDATES, filter), 1);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            // Lucene scores a dot product d as (1 + d) / 2.
            double similarity = 2.0 * top.scoreDocs[0].score - 1.0;
            if (similarity < threshold) {
                return null;
            }
            Document d = searcher.storedFields().document(top.scoreDocs[0].doc);
            if (d.getField(EXPIRES).numericValue().longValue() <= clockMillis.getAsLong()) {
                return null; // expired between the filter and now
            }
            return new Match(d.get(REF), similarity);
        } finally {
            searchers.release(searcher);
        }
    }

    /** Applies every queued write and makes it searchable; completes on the index's thread. */
    public CompletableFuture<Void> refresh() {
        return CompletableFuture.runAsync(this::refreshIfDirty, thread);
    }

    /** Entries a search can find now (expired ones not yet deleted included). */
    public int entries() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The heap the index holds: its files and the writer's buffers. */
    public long ramBytes() {
        long files = 0;
        try {
            for (String file : directory.listAll()) {
                files += directory.fileLength(file);
            }
        } catch (IOException e) {
            // a file merged away while listing: counted without it
        }
        return files + writer.ramBytesUsed();
    }

    /** Adds dropped because the index's queue was full. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
            searchers.close();
            writer.rollback();
        } catch (IOException e) {
            LOG.warn("semantic index: closing failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private void write(Write w, boolean droppable) {
        if (droppable && queued.get() >= MAX_QUEUED) {
            dropped.incrementAndGet();
            return;
        }
        queued.incrementAndGet();
        try {
            thread.execute(() -> {
                queued.decrementAndGet();
                try {
                    w.run();
                    dirty = true;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("semantic index: a write failed: {}", e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            queued.decrementAndGet();
        }
    }

    private void refreshIfDirty() {
        if (!dirty) {
            return;
        }
        dirty = false;
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException | RuntimeException e) {
            LOG.warn("semantic index: refresh failed: {}", e.toString());
        }
    }

    private void deleteExpired() {
        try {
            writer.deleteDocuments(LongPoint.newRangeQuery(EXPIRES, Long.MIN_VALUE, clockMillis.getAsLong()));
            dirty = true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("semantic index: deleting expired entries failed: {}", e.toString());
        }
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("a zero vector has no direction");
        }
        float[] u = new float[v.length];
        double inv = 1 / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] * inv);
        }
        return u;
    }
}
