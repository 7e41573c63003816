package dev.meridian.core.protocol.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.model.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponsesPassThroughStreamTest {

    private static final String DELTA = "event: response.output_text.delta\n"
            + "data: {\"type\":\"response.output_text.delta\",\"sequence_number\":%d,\"item_id\":\"msg_1\","
            + "\"output_index\":0,\"content_index\":0,\"delta\":\"%s\"}\n\n";
    private static final String COMPLETED = "event: response.completed\n"
            + "data: {\"type\":\"response.completed\",\"sequence_number\":3,\"response\":{\"id\":\"resp_1\","
            + "\"object\":\"response\",\"model\":\"gpt-4.1\",\"status\":\"completed\",\"output\":[],\"usage\":"
            + "{\"input_tokens\":7,\"input_tokens_details\":{\"cached_tokens\":2},\"output_tokens\":5,"
            + "\"output_tokens_details\":{\"reasoning_tokens\":1},\"total_tokens\":12}}}\n\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void completeStream_isRelayedByteForByte_andItsResponseAndUsageRead() {
        ResponsesPassThroughStream stream = new ResponsesPassThroughStream("openai");
        String upstream = DELTA.formatted(1, "Hel") + DELTA.formatted(2, "lo") + COMPLETED;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        stream.onBytes(bytes(upstream), out::writeBytes);
        stream.onEnd(out::writeBytes);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(upstream);
        assertThat(stream.usage()).isEqualTo(new Usage(7, 5, 2, 0, 1));
        assertThat(stream.model()).isEqualTo("gpt-4.1");
        assertThat(new String(stream.completedResponse(), StandardCharsets.UTF_8))
                .contains("\"resp_1\"");
    }

    @Test
    void cutStream_failsWithoutAResponse_butCountsTheTextDelivered() {
        ResponsesPassThroughStream stream = new ResponsesPassThroughStream("openai");
        stream.onBytes(bytes(DELTA.formatted(1, "Hello there")), b -> {});

        assertThatThrownBy(() -> stream.onEnd(b -> {}))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
        assertThat(stream.completedResponse()).isNull();
        assertThat(stream.meter().delivered().isEmpty()).isFalse();
        assertThat(stream.contentStarted()).isTrue();
    }

    @Test
    void errorEvent_endsTheStreamWithTheGatewaysErrorEvent_numberedAfterTheLast() {
        ResponsesPassThroughStream stream = new ResponsesPassThroughStream("openai");
        stream.onBytes(bytes(DELTA.formatted(0, "a")), b -> {});

        assertThatThrownBy(() -> stream.onBytes(
                        bytes("event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\",\"message\":\"boom\","
                                + "\"param\":null,\"sequence_number\":1}\n\n"),
                        b -> {}))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.getMessage()).contains("boom"));
        String error =
                new String(stream.error(GatewayException.of(ErrorCode.UPSTREAM_ERROR, "cut")), StandardCharsets.UTF_8);
        assertThat(error)
                .startsWith("event: error\ndata: ")
                .contains("\"sequence_number\":1")
                .contains("\"cut\"");
    }
}
