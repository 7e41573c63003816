package dev.meridian.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentFilesTest {

    @Test
    void fileName_sequenceZeroPaddedToTwelveDigits() {
        assertThat(SegmentFiles.fileName(0)).isEqualTo("journal-000000000000.log");
        assertThat(SegmentFiles.fileName(42)).isEqualTo("journal-000000000042.log");
        assertThat(SegmentFiles.fileName(123_456_789_012L)).isEqualTo("journal-123456789012.log");
    }

    @Test
    void fileName_asTheFormatItReplaces() {
        for (long seq : new long[] {1, 9, 10, 999_999, 1_000_000_000_000L, Long.MAX_VALUE}) {
            assertThat(SegmentFiles.fileName(seq)).isEqualTo(String.format("journal-%012d.log", seq));
        }
    }
}
