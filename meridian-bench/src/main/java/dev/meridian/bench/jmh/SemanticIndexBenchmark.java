package dev.meridian.bench.jmh;

import dev.meridian.server.cache.semantic.SemanticIndex;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The semantic cache's index (issue 12, item 8): one model group's Lucene HNSW index holding {@code entries} prompt
 * vectors of {@code dims} dimensions, all in one partition (one tenant, one system prompt and set of fields: the
 * worst case, every entry a candidate). {@code nearest} searches it for a near-duplicate of a stored prompt (cosine
 * about 0.97, so it is found above the 0.95 threshold); {@code insert} adds 1000 prompts (each evicting the oldest,
 * the index being full) and makes them searchable, per prompt: the index thread's work, merges included. Vectors are
 * random unit vectors, HNSW's hardest case (real embeddings cluster). The index's heap per entry is printed at set-up.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class SemanticIndexBenchmark {

    @Param({"1000", "100000"})
    public int entries;

    @Param({"768"})
    public int dims;

    private static final int QUERIES = 1024;
    private static final long TTL = TimeUnit.DAYS.toMillis(1);

    private SemanticIndex index;
    private float[][] queries;
    private int next;
    private long seed;
    private long searched;
    private long found;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        index = new SemanticIndex("bench", entries, System::currentTimeMillis);
        SplittableRandom random = new SplittableRandom(42);
        queries = new float[QUERIES][];
        long expires = System.currentTimeMillis() + TTL;
        int every = Math.max(1, entries / QUERIES);
        for (int i = 0; i < entries; i++) {
            float[] v = vector(random);
            index.add("t/bench:group:rest", "bench", "answer-" + i, v, expires);
            if (i % every == 0 && i / every < QUERIES) {
                queries[i / every] = near(v, random);
            }
            if (i % 2000 == 1999) {
                index.refresh().get(); // keep the index thread's queue below its bound
            }
        }
        for (int i = 0; i < QUERIES; i++) {
            if (queries[i] == null) {
                queries[i] = queries[i % Math.max(1, Math.min(entries, QUERIES))];
            }
        }
        index.refresh().get();
        seed = entries;
        System.out.printf(
                "%n[semantic index] %d entries of %d dims: %d bytes, %.0f bytes per entry%n",
                index.entries(), dims, index.ramBytes(), index.ramBytes() / (double) index.entries());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (searched > 0) {
            System.out.printf("%n[semantic index] recall: %d of %d near-duplicates found%n", found, searched);
        }
        index.close();
    }

    private float[] vector(SplittableRandom random) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** {@code v} moved by a small random vector: cosine about 0.97. */
    private float[] near(float[] v, SplittableRandom random) {
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        float[] out = new float[dims];
        double scale = 0.25 * Math.sqrt(norm / dims);
        for (int i = 0; i < dims; i++) {
            out[i] = (float) (v[i] + scale * random.nextGaussian());
        }
        return out;
    }

    @Benchmark
    public SemanticIndex.Match nearest() throws Exception {
        SemanticIndex.Match m = index.nearest("t/bench:group:rest", queries[next++ & (QUERIES - 1)], 0.95);
        searched++;
        if (m != null) {
            found++;
        }
        return m;
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public void insert() throws Exception {
        SplittableRandom random = new SplittableRandom(seed++);
        long expires = System.currentTimeMillis() + TTL;
        for (int i = 0; i < 1000; i++) {
            index.add("t/bench:group:rest", "bench", "fresh-" + seed + "-" + i, vector(random), expires);
        }
        index.refresh().get();
    }
}
