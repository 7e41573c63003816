package dev.meridian.server.journal;

import dev.meridian.store.model.RequestRecord;
import java.time.Instant;

/** Request records for the request log's tests: request {@code req_<i>} of tenant ten_1, answered now. */
final class TestRecords {

    private TestRecords() {}

    static RequestRecord record(int i, String model) {
        return new RequestRecord(
                "req_" + i,
                Instant.now(),
                "ten_1",
                "key_1",
                null,
                model,
                model,
                "dep",
                "openai",
                null,
                200,
                null,
                12.5,
                10.0,
                null,
                10,
                20,
                0,
                0,
                null,
                false,
                1,
                0,
                null,
                null,
                false);
    }
}
