package dev.meridian.server.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.store.model.RequestRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The journal's JSON form of a request record: what encode writes, decode reads back, across versions. */
class RecordCodecTest {

    private static final RequestRecord EVERY_FIELD = new RequestRecord(
            "req_0193a1b2c3d4e5f6a7b8c9d0e1f2a3b4",
            Instant.parse("2026-12-03T08:15:30.123456Z"),
            "ten_1",
            "key_1",
            "usr_1",
            "gpt",
            "gpt-4o-2024-08-06",
            "dep-openai-1",
            "openai",
            "eu-west-1",
            502,
            "upstream_error",
            812.125,
            790.25,
            120.5,
            1200,
            340,
            100,
            20,
            0.0123,
            true,
            2,
            1,
            "{\"messages\":[{\"role\":\"user\",\"content\":\"tab\\there \\\"quoted\\\" 中文 🙂\"}]}",
            "line\nbreak, back\\slash",
            true,
            0.0123,
            -8_070_450_532_247_928_832L,
            512,
            0.0009,
            "hit",
            0.0456);

    private static final RequestRecord SPARSE = new RequestRecord(
            "req_2",
            Instant.parse("2026-12-03T08:15:30Z"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            401,
            null,
            0.5,
            null,
            null,
            0,
            0,
            0,
            0,
            null,
            false,
            0,
            0,
            null,
            null,
            false);

    @Test
    void decode_recordWithEveryFieldSet_roundTrips() throws IOException {
        assertThat(RecordCodec.decode(RecordCodec.encode(EVERY_FIELD))).isEqualTo(EVERY_FIELD);
    }

    @Test
    void decode_promptCacheWritesAndSaving_roundTrip() throws IOException {
        RequestRecord r = EVERY_FIELD;
        RequestRecord cached = r.withPromptCache(2_048, 0.0162);

        assertThat(RecordCodec.decode(RecordCodec.encode(cached))).isEqualTo(cached);
    }

    @Test
    void decode_responseCacheStatusAndSaving_roundTrip_besideThePromptCacheFigures() throws IOException {
        RequestRecord stored = EVERY_FIELD.withResponseCache("stored", null);

        assertThat(RecordCodec.decode(RecordCodec.encode(stored))).isEqualTo(stored);
        assertThat(RecordCodec.decode(RecordCodec.encode(EVERY_FIELD))).satisfies(r -> {
            assertThat(r.cacheStatus()).isEqualTo("hit");
            assertThat(r.cacheSavedUsd()).isEqualTo(0.0456);
            assertThat(r.cacheWriteTokens()).isEqualTo(512);
            assertThat(r.promptCacheSavedUsd()).isEqualTo(0.0009);
        });
    }

    @Test
    void decode_piiDetections_roundTrip_asTheirCompactJson() throws IOException {
        RequestRecord detected = EVERY_FIELD.withPii("{\"card\":{\"block\":1},\"email\":{\"mask\":2}}");

        assertThat(new String(RecordCodec.encode(detected), StandardCharsets.UTF_8))
                .contains("\"pii\":\"{\\\"card\\\":{\\\"block\\\":1},");
        assertThat(RecordCodec.decode(RecordCodec.encode(detected))).isEqualTo(detected);
    }

    /** A journal written before detections were recorded (no "pii" field) still decodes: no detections. */
    @Test
    void decode_aRecordFromBeforeDetections_readsAsNone_andNoneWritesNoField() throws IOException {
        String before = "{\"id\":\"req_3\",\"ts\":1796285730000000,\"tenant\":\"ten_1\",\"status\":400,"
                + "\"error\":\"pii_blocked\",\"total\":0.5,\"in\":0,\"out\":0,\"cached\":0,\"reasoning\":0,"
                + "\"cacheHit\":false,\"attempts\":0,\"fallbacks\":0}";

        RequestRecord read = RecordCodec.decode(before.getBytes(StandardCharsets.UTF_8));

        assertThat(read.pii()).isNull();
        assertThat(read.errorCode()).isEqualTo("pii_blocked");
        assertThat(new String(RecordCodec.encode(read), StandardCharsets.UTF_8)).isEqualTo(before);
    }

    @Test
    void decode_recordWithNullsAndZeros_roundTrips() throws IOException {
        assertThat(RecordCodec.decode(RecordCodec.encode(SPARSE))).isEqualTo(SPARSE);
    }

    /** Journals outlive a gateway version: what an older gateway wrote must read the same, and be written alike. */
    @Test
    void encode_formatIsStable_andAJournalOfAnEarlierVersionDecodes() throws IOException {
        String journaled = "{\"id\":\"req_2\",\"ts\":1796285730000000,\"status\":401,\"total\":0.5,\"in\":0,\"out\":0,"
                + "\"cached\":0,\"reasoning\":0,\"cacheHit\":false,\"attempts\":0,\"fallbacks\":0}";

        assertThat(new String(RecordCodec.encode(SPARSE), StandardCharsets.UTF_8))
                .isEqualTo(journaled);
        assertThat(RecordCodec.decode(journaled.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SPARSE);
    }

    /** The journal's fast double writer and parser give back every finite double bit for bit. */
    @Test
    void decode_anyFiniteDouble_roundTripsExactly() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20261205);
        double[] edges = {
            0.0,
            -0.0,
            0.1,
            0.0123 * 0.9,
            1e-9,
            2.5e-7,
            1e21,
            Double.MIN_VALUE,
            Double.MIN_NORMAL,
            Double.MAX_VALUE,
            4.35,
            812.125,
            1.0 / 3
        };
        for (int i = 0; i < 20_000 + edges.length; i++) {
            double cost = i < edges.length
                    ? edges[i]
                    : i % 2 == 0
                            ? random.nextDouble() * Math.pow(10, random.nextInt(-12, 6))
                            : Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
            RequestRecord r = EVERY_FIELD.withBilledCost(cost);
            assertThat(RecordCodec.decode(RecordCodec.encode(r)).billedCostUsd())
                    .as("%s (%s)", cost, Double.doubleToRawLongBits(cost))
                    .isEqualTo(cost);
        }
    }

    @Test
    void decode_aDiscountedRecord_keepsItsBilledCost_andWithoutOneIsBilledAtList() throws IOException {
        RequestRecord discounted = EVERY_FIELD.withBilledCost(0.0123 * 0.9);

        assertThat(RecordCodec.decode(RecordCodec.encode(discounted)).billedCostUsd())
                .isEqualTo(0.0123 * 0.9);
        assertThat(new String(RecordCodec.encode(EVERY_FIELD), StandardCharsets.UTF_8))
                .as("billed at list: nothing more in the journal")
                .doesNotContain("billed");
        assertThat(RecordCodec.decode(RecordCodec.encode(EVERY_FIELD)).billedCostUsd())
                .isEqualTo(0.0123);
    }

    @Test
    void decode_explicitNullsAndUnknownFields_readAsAbsent() throws IOException {
        String json = "{\"id\":\"req_2\",\"ts\":1796285730000000,\"tenant\":null,\"upstream\":null,\"status\":401,"
                + "\"total\":0.5,\"later\":{\"added\":[1,{\"x\":2}]},\"cost\":null}";

        assertThat(RecordCodec.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(SPARSE);
    }

    @Test
    void encode_nulCharacter_becomesTheReplacementCharacter() throws IOException {
        RequestRecord decoded = RecordCodec.decode(RecordCodec.encode(new RequestRecord(
                "req_3",
                SPARSE.ts(),
                "ten\u0000",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                1,
                null,
                null,
                0,
                0,
                0,
                0,
                null,
                false,
                1,
                0,
                null,
                null,
                false)));

        assertThat(decoded.tenantId()).isEqualTo("ten\uFFFD");
    }

    @Test
    void decode_notOneJsonObject_isRefused() {
        assertThatThrownBy(() -> RecordCodec.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RecordCodec.decode("{\"id\":\"a\"} {}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> RecordCodec.decode("{\"id\":\"a\"".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
