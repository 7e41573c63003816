package dev.meridian.server.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.meridian.core.pii.PiiDetections;
import java.io.IOException;

/**
 * How the admin API writes a request record's PII detections: as the JSON object they are stored as
 * ({@code "pii": {"email": {"mask": 2}}}), not as a string holding JSON. A Jackson mix-in for
 * {@link dev.meridian.store.model.RequestRecord}.
 */
abstract class RequestRecordJson {

    @JsonSerialize(using = PiiObject.class)
    abstract String pii();

    /** The stored text parsed back into an object (an empty object for anything else: never echoed raw). */
    static final class PiiObject extends StdSerializer<String> {
        PiiObject() {
            super(String.class);
        }

        @Override
        public void serialize(String stored, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeTree(PiiDetections.parse(stored));
        }
    }
}
