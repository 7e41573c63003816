package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.store.model.SavedResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Responses API's store: per owner, until expiry, deleted once. */
abstract class ResponseRepositoryContract extends StoreContract {

    protected ResponseRepositoryContract(TestBackend backend) {
        super(backend);
    }

    private SavedResponse response(String owner, String id, Instant created, Duration retention) {
        return new SavedResponse(
                owner,
                id,
                "key_1",
                "gpt-4o-mini",
                created,
                created.plus(retention),
                "{\"id\":\"" + id + "\",\"object\":\"response\"}",
                "[{\"type\":\"message\",\"role\":\"user\",\"content\":\"hi\"}]");
    }

    @Test
    void find_byItsOwner_returnsWhatWasSaved() {
        String owner = unique("tenant");
        Instant now = clock.instant();
        SavedResponse saved = response(owner, unique("resp"), now, Duration.ofDays(30));

        assertThat(db.responses().save(saved)).isTrue();

        assertThat(db.responses().find(owner, saved.id(), now)).contains(saved);
    }

    @Test
    void find_byAnotherOwner_isEmpty() {
        String owner = unique("tenant");
        SavedResponse saved = response(owner, unique("resp"), clock.instant(), Duration.ofDays(30));
        db.responses().save(saved);

        assertThat(db.responses().find(unique("other"), saved.id(), clock.instant()))
                .isEmpty();
        assertThat(db.responses().delete(unique("other"), saved.id(), clock.instant()))
                .isFalse();
        assertThat(db.responses().find(owner, saved.id(), clock.instant())).isPresent();
    }

    @Test
    void save_sameIdTwice_keepsTheFirst() {
        String owner = unique("tenant");
        SavedResponse first = response(owner, unique("resp"), clock.instant(), Duration.ofDays(30));
        db.responses().save(first);

        SavedResponse again =
                new SavedResponse(owner, first.id(), null, "other", first.createdAt(), first.expiresAt(), "{}", "[]");
        assertThat(db.responses().save(again)).isFalse();

        assertThat(db.responses().find(owner, first.id(), clock.instant())).contains(first);
    }

    @Test
    void delete_removesItOnce() {
        String owner = unique("tenant");
        SavedResponse saved = response(owner, unique("resp"), clock.instant(), Duration.ofDays(30));
        db.responses().save(saved);

        assertThat(db.responses().delete(owner, saved.id(), clock.instant())).isTrue();
        assertThat(db.responses().delete(owner, saved.id(), clock.instant())).isFalse();
        assertThat(db.responses().find(owner, saved.id(), clock.instant())).isEmpty();
    }

    @Test
    void expired_isNotFound_andTheSweepDeletesIt() {
        String owner = unique("tenant");
        Instant created = clock.instant();
        SavedResponse shortLived = response(owner, unique("resp"), created, Duration.ofHours(1));
        SavedResponse longLived = response(owner, unique("resp"), created, Duration.ofDays(30));
        db.responses().save(shortLived);
        db.responses().save(longLived);
        Instant later = created.plus(Duration.ofHours(2));

        assertThat(db.responses().find(owner, shortLived.id(), later)).isEmpty();
        assertThat(db.responses().deleteExpired(later)).isPositive();
        assertThat(db.responses().find(owner, shortLived.id(), created)).isEmpty();
        assertThat(db.responses().find(owner, longLived.id(), later)).isPresent();
    }
}
