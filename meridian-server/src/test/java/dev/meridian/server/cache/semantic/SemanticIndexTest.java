package dev.meridian.server.cache.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SemanticIndexTest {

    private static final int DIMS = 64;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private SemanticIndex index;

    @AfterEach
    void close() {
        if (index != null) {
            index.close();
        }
    }

    private SemanticIndex index(int maxEntries) {
        index = new SemanticIndex("test", maxEntries, now::get);
        return index;
    }

    private void refresh() throws Exception {
        index.refresh().get(10, TimeUnit.SECONDS);
    }

    private static float[] random(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** {@code v} moved a little: cosine similarity about 0.99. */
    private static float[] near(float[] v, long seed) {
        float[] noise = SemanticIndex.unit(random(seed));
        float[] unit = SemanticIndex.unit(v);
        float[] out = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            out[i] = unit[i] + 0.15f * noise[i];
        }
        return out;
    }

    @Test
    void nearest_findsASimilarVectorAboveTheThreshold_andNothingBelowIt() throws Exception {
        index(100);
        float[] stored = random(1);
        index.add("t/a:g:rest", "a", "answer-1", stored, now.get() + 60_000);
        index.add("t/a:g:rest", "a", "answer-2", random(2), now.get() + 60_000);
        refresh();

        SemanticIndex.Match match = index.nearest("t/a:g:rest", near(stored, 9), 0.95);
        assertThat(match).isNotNull();
        assertThat(match.ref()).isEqualTo("answer-1");
        assertThat(match.similarity()).isBetween(0.95, 1.0);
        assertThat(index.nearest("t/a:g:rest", stored, 0.95).similarity()).isCloseTo(1.0, within(1e-5));
        assertThat(index.nearest("t/a:g:rest", random(3), 0.95)).isNull();
    }

    @Test
    void nearest_neverCrossesAPartition_soNeverAnotherTenant() throws Exception {
        index(100);
        float[] v = random(1);
        index.add("t/a:g:rest", "a", "tenant-a-answer", v, now.get() + 60_000);
        refresh();

        assertThat(index.nearest("t/b:g:rest", v, 0.5)).isNull();
        assertThat(index.nearest("t/a:g:other-rest", v, 0.5)).isNull();
        assertThat(index.nearest("t/a:g:rest", v, 0.5).ref()).isEqualTo("tenant-a-answer");
    }

    @Test
    void nearest_neverServesAnExpiredEntry_andExpiredEntriesAreDeleted() throws Exception {
        index(100);
        float[] v = random(1);
        index.add("p", "a", "short", v, now.get() + 1_000);
        refresh();
        assertThat(index.nearest("p", v, 0.9)).isNotNull();

        now.addAndGet(1_000);
        assertThat(index.nearest("p", v, 0.9)).isNull();
        dev.meridian.testkit.Poll.until(() -> index.entries() == 0, "the expired entry is deleted");
    }

    @Test
    void add_isBoundedByMaxEntries_theOldestGoingFirst() throws Exception {
        index(3);
        for (int i = 1; i <= 5; i++) {
            index.add("p", "a", "answer-" + i, random(i), now.get() + 60_000);
        }
        refresh();

        assertThat(index.entries()).isEqualTo(3);
        assertThat(index.nearest("p", random(1), 0.99)).isNull();
        assertThat(index.nearest("p", random(2), 0.99)).isNull();
        for (int i = 3; i <= 5; i++) {
            assertThat(index.nearest("p", random(i), 0.99).ref()).isEqualTo("answer-" + i);
        }
    }

    @Test
    void purge_ofATenantLeavesTheOthers_andOfAllLeavesNothing() throws Exception {
        index(100);
        index.add("t/a:g:r", "a", "a1", random(1), now.get() + 60_000);
        index.add("t/b:g:r", "b", "b1", random(2), now.get() + 60_000);
        refresh();

        index.purge("a");
        refresh();
        assertThat(index.nearest("t/a:g:r", random(1), 0.9)).isNull();
        assertThat(index.nearest("t/b:g:r", random(2), 0.9).ref()).isEqualTo("b1");

        index.purge(null);
        refresh();
        assertThat(index.entries()).isZero();
    }

    @Test
    void remove_forgetsOneAnswerOfOnePartition() throws Exception {
        index(100);
        index.add("t/a:g:r", "a", "same", random(1), now.get() + 60_000);
        index.add("t/b:g:r", "b", "same", random(1), now.get() + 60_000);
        refresh();

        index.remove("t/a:g:r", "same");
        refresh();
        assertThat(index.nearest("t/a:g:r", random(1), 0.9)).isNull();
        assertThat(index.nearest("t/b:g:r", random(1), 0.9)).isNotNull();
    }

    @Test
    void add_acceptsOpenAiSizedVectors() throws Exception {
        index(10);
        float[] wide = new float[1536];
        wide[7] = 1;
        index.add("p", "a", "wide", wide, now.get() + 60_000);
        refresh();
        assertThat(index.nearest("p", wide, 0.99).ref()).isEqualTo("wide");
        assertThat(index.ramBytes()).isPositive();
    }
}
