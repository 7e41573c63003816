package dev.meridian.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.server.auth.Principal;
import dev.meridian.store.model.AuditEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Writing queued residency evidence: batches, and a failed batch kept and written first at the next drain. */
class ResidencyAuditTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theHomeCountry_isTheTenantsOwn_elseTheGateways_elseNone() {
        Principal own = new Principal("k", "ten_a", "key_1", null, null, Set.of(), false, null, null, null, "US");
        Principal other = new Principal("k", "ten_b", "key_2", null, null, Set.of(), false, null, null, null, null);
        ResidencyAudit gateway = new ResidencyAudit("CN", 2, 10, registry);
        assertThat(gateway.homeOf(own)).isEqualTo("US");
        assertThat(gateway.homeOf(other)).isEqualTo("CN");
        assertThat(gateway.homeOf(null)).isEqualTo("CN");
        ResidencyAudit none = new ResidencyAudit(null, 2, 10, registry);
        assertThat(none.homeOf(own)).isEqualTo("US");
        assertThat(none.homeOf(other)).as("no evidence for this tenant").isNull();
    }

    @Test
    void aFailedBatchIsCountedAndWrittenFirstNextTime() {
        ResidencyAudit audit = new ResidencyAudit("CN", 2, 10, registry);
        queue(audit, "req_1", "req_2", "req_3");
        List<List<String>> written = new ArrayList<>();
        boolean[] fail = {true};

        int first = audit.drain(batch -> {
            if (fail[0]) {
                throw new IllegalStateException("database down");
            }
            written.add(batch.stream().map(AuditEntry::targetId).toList());
        });
        assertThat(first).isZero();
        assertThat(audit.pending()).isEqualTo(3);
        assertThat(registry.counter("meridian_audit_sink_failures", "sink", "residency")
                        .count())
                .isEqualTo(1);

        fail[0] = false;
        assertThat(audit.drain(batch ->
                        written.add(batch.stream().map(AuditEntry::targetId).toList())))
                .isEqualTo(3);
        assertThat(written).containsExactly(List.of("req_1", "req_2"), List.of("req_3"));
        assertThat(audit.pending()).isZero();
    }

    private static void queue(ResidencyAudit audit, String... requestIds) {
        for (String id : requestIds) {
            audit.offer(AuditEntry.of("system", "ten_a", ResidencyAudit.ACTION, "request", id, null, "{}", null));
        }
    }

    @Test
    void beyondMaxQueue_entriesAreDroppedAndCounted() {
        ResidencyAudit audit = new ResidencyAudit("CN", 2, 2, registry);
        queue(audit, "req_1", "req_2", "req_3");
        assertThat(audit.pending()).isEqualTo(2);
        assertThat(registry.counter("meridian_audit_sink_dropped", "sink", "residency")
                        .count())
                .isEqualTo(1);
    }
}
