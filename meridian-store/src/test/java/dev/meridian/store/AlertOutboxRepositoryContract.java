package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.OutboxEntry;
import dev.meridian.store.model.OutboxStatus;
import dev.meridian.store.model.Page;
import dev.meridian.store.repo.AlertOutboxRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The alert outbox's contract, run against every backend. Tests share one database, so each works on the entries it
 * queued (due() is read with far-future or far-past times only where no other test's entries can interfere).
 */
public abstract class AlertOutboxRepositoryContract extends StoreContract {
    protected AlertOutboxRepositoryContract(TestBackend backend) {
        super(backend);
    }

    private AlertOutboxRepository outbox() {
        return db.alertOutbox();
    }

    private OutboxEntry queue(String channel) {
        return outbox().enqueue(channel + ":" + unique("key"), channel, "ten_1", "{\"kind\":\"test\"}")
                .orElseThrow();
    }

    @Test
    void enqueue_isDueAtOnceWithNoAttempts() {
        OutboxEntry e = queue("ops");

        assertThat(e.id()).startsWith("alr_");
        assertThat(e.attempts()).isZero();
        assertThat(e.nextAttemptAt()).isEqualTo(clock.instant());
        assertThat(e.delivered()).isFalse();
        assertThat(outbox().get(e.id())).contains(e);
        assertThat(outbox().due(clock.instant(), 1000)).contains(e);
    }

    @Test
    void enqueue_sameDedupeKeyTwice_queuesOnce() {
        String key = "budget:bud_1:" + unique("period") + ":0.8";
        OutboxEntry first = outbox().enqueue("ops:" + key, "ops", "ten_1", "{}").orElseThrow();

        assertThat(outbox().enqueue("ops:" + key, "ops", "ten_1", "{\"other\":true}"))
                .isEmpty();
        assertThat(outbox().get(first.id()).orElseThrow().payload()).isEqualTo("{}");
        assertThat(outbox().enqueue("mail:" + key, "mail", "ten_1", "{}")).isPresent();
    }

    @Test
    void enqueue_raceOnOneDedupeKey_oneWins() throws Exception {
        String key = "ops:" + unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(() -> outbox().enqueue(key, "ops", null, "{}").isPresent());
            }
            int won = 0;
            for (Future<Boolean> f : pool.invokeAll(racers)) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claim_onlyOneOfTwoReadersWins_andTheRowIsNotDueDuringTheLease() {
        OutboxEntry e = queue("ops");
        Instant lease = clock.instant().plusSeconds(60);

        assertThat(outbox().claim(e, lease)).isTrue();
        assertThat(outbox().claim(e, lease)).isFalse();
        assertThat(outbox().due(clock.instant(), 1000))
                .extracting(OutboxEntry::id)
                .doesNotContain(e.id());
        assertThat(outbox().due(lease, 1000)).extracting(OutboxEntry::id).contains(e.id());
    }

    @Test
    void claim_afterTheLeaseRunsOut_isTakenAgain() {
        OutboxEntry e = queue("ops");
        Instant lease = clock.instant().plusSeconds(60);
        assertThat(outbox().claim(e, lease)).isTrue();

        OutboxEntry again = outbox().due(lease, 1000).stream()
                .filter(r -> r.id().equals(e.id()))
                .findFirst()
                .orElseThrow();
        assertThat(outbox().claim(again, lease.plusSeconds(60))).isTrue();
    }

    @Test
    void delivered_endsDelivery_andKeepsTheFirstTime() {
        OutboxEntry e = queue("ops");
        outbox().claim(e, clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(1));
        outbox().delivered(e.id());
        Instant at = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        outbox().delivered(e.id());

        OutboxEntry stored = outbox().get(e.id()).orElseThrow();
        assertThat(stored.deliveredAt()).isEqualTo(at);
        assertThat(outbox().due(Instant.parse("2100-01-01T00:00:00Z"), 1000))
                .extracting(OutboxEntry::id)
                .doesNotContain(e.id());
        assertThat(outbox().claim(stored, clock.instant())).isFalse();
        assertThat(outbox().failed(e.id(), "late", clock.instant())).isZero();
        assertThat(outbox().get(e.id()).orElseThrow().lastError()).isNull();
    }

    @Test
    void failed_countsAttemptsKeepsTheErrorAndSchedulesTheRetry() {
        OutboxEntry e = queue("ops");
        Instant retry = clock.instant().plusSeconds(2);

        assertThat(outbox().failed(e.id(), "HTTP 500", retry)).isEqualTo(1);
        assertThat(outbox().failed(e.id(), "x".repeat(2000), retry.plusSeconds(4)))
                .isEqualTo(2);

        OutboxEntry stored = outbox().get(e.id()).orElseThrow();
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.lastError()).hasSize(AlertOutboxRepository.MAX_ERROR);
        assertThat(stored.nextAttemptAt()).isEqualTo(retry.plusSeconds(4));
        assertThat(outbox().due(retry, 1000)).extracting(OutboxEntry::id).doesNotContain(e.id());
        assertThat(outbox().due(retry.plusSeconds(4), 1000))
                .extracting(OutboxEntry::id)
                .contains(e.id());
    }

    @Test
    void due_isOldestFirstAndLimited() {
        // Entries queued in the past relative to every other test's entries, so they lead the due list.
        clock.advance(Duration.ofDays(-3650));
        OutboxEntry older = queue("ops");
        clock.advance(Duration.ofSeconds(1));
        OutboxEntry newer = queue("ops");
        clock.advance(Duration.ofDays(3650));

        assertThat(outbox().due(newer.createdAt(), 2)).containsExactly(older, newer);
        assertThat(outbox().due(older.createdAt(), 1000)).containsExactly(older);
        assertThatThrownBy(() -> outbox().due(clock.instant(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pending_countsUndelivered() {
        long before = outbox().pending();
        OutboxEntry a = queue("ops");
        queue("ops");
        assertThat(outbox().pending()).isEqualTo(before + 2);
        outbox().delivered(a.id());
        assertThat(outbox().pending()).isEqualTo(before + 1);
    }

    @Test
    void list_filtersByStatusAndPagesNewestFirst() {
        String channel = unique("chan");
        List<OutboxEntry> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            mine.add(0, queue(channel));
        }
        outbox().delivered(mine.get(0).id());
        outbox().failed(mine.get(1).id(), "HTTP 503", clock.instant());

        List<OutboxEntry> seen = new ArrayList<>();
        String cursor = null;
        do {
            Page<OutboxEntry> page = outbox().list(null, cursor, 2);
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen.stream().filter(e -> e.channel().equals(channel)).map(OutboxEntry::id))
                .containsExactlyElementsOf(mine.stream().map(OutboxEntry::id).toList());

        assertThat(ids(OutboxStatus.DELIVERED, channel))
                .containsExactly(mine.get(0).id());
        assertThat(ids(OutboxStatus.FAILING, channel))
                .containsExactly(mine.get(1).id());
        assertThat(ids(OutboxStatus.PENDING, channel))
                .containsExactly(
                        mine.get(1).id(),
                        mine.get(2).id(),
                        mine.get(3).id(),
                        mine.get(4).id());
        assertThatThrownBy(() -> outbox().list(null, "not-a-cursor", 10)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> ids(OutboxStatus status, String channel) {
        return outbox().list(status, null, 1000).items().stream()
                .filter(e -> e.channel().equals(channel))
                .map(OutboxEntry::id)
                .toList();
    }
}
