package dev.meridian.core.protocol.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.UpstreamErrors;
import java.io.IOException;

/**
 * The reference implementation of {@link OpenAiAnswerScan} with a full Jackson tokenizer, against which the
 * production scanner is tested on every recorded chunk.
 */
final class JacksonAnswerScan {

    /**
     * @param usage        null when the answer carries none (or {@code "usage": null})
     * @param choicesEmpty true when {@code choices} is present and empty (the usage-only stream chunk)
     * @param error        the {@code error} object, or null
     * @param finished     true when some choice carries a non-null {@code finish_reason}
     */
    record Answer(String model, Usage usage, boolean choicesEmpty, JsonNode error, boolean finished) {

        /** The final usage-only chunk OpenAI sends when usage was requested. */
        public boolean isUsageChunk() {
            return usage != null && choicesEmpty;
        }
    }

    private JacksonAnswerScan() {}

    /**
     * @param what "response" or "stream event", for the error message
     * @throws GatewayException {@code UPSTREAM_ERROR} naming the provider when the bytes are not a JSON object
     */
    static Answer scan(String provider, String what, byte[] json) {
        return scan(provider, what, json, 0, json.length);
    }

    static Answer scan(String provider, String what, byte[] json, int offset, int length) {
        try (JsonParser p = Json.FACTORY.createParser(json, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw UpstreamErrors.malformed(provider, what + " (not a JSON object)");
            }
            String model = null;
            Usage usage = null;
            boolean choicesEmpty = false;
            boolean finished = false;
            JsonNode error = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("model") && value == JsonToken.VALUE_STRING) {
                    model = p.getText();
                } else if (name.equals("usage") && value == JsonToken.START_OBJECT) {
                    usage = OpenAiUsage.read(p.readValueAsTree());
                } else if (name.equals("choices") && value == JsonToken.START_ARRAY) {
                    int count = 0;
                    JsonToken element;
                    while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (element == null) {
                            throw new IOException("unexpected end of input inside 'choices'");
                        }
                        count++;
                        if (element == JsonToken.START_OBJECT) {
                            finished |= choiceFinished(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    choicesEmpty = count == 0;
                } else if (name.equals("error") && value != JsonToken.VALUE_NULL) {
                    error = p.readValueAsTree();
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw UpstreamErrors.malformed(provider, what + " (content after the JSON object)");
            }
            return new Answer(model, usage, choicesEmpty, error, finished);
        } catch (IOException e) {
            throw UpstreamErrors.unreadable(provider, what, e);
        }
    }

    /** Reads one choice object to its end; true when its finish_reason is set. */
    private static boolean choiceFinished(JsonParser p) throws IOException {
        boolean finished = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("finish_reason") && value == JsonToken.VALUE_STRING) {
                finished = true;
            } else {
                p.skipChildren();
            }
        }
        return finished;
    }
}
