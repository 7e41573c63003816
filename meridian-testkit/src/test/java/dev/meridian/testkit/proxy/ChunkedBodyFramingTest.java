package dev.meridian.testkit.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedBodyFramingTest {

    private static final String BODY = "5\r\nhello\r\n" + "1A;name=\"v\"\r\n" + "abcdefghijklmnopqrstuvwxyz\r\n"
            + "0\r\n" + "Trailer: x\r\n" + "\r\n";
    private static final String NEXT = "GET http://h:1/ HTTP/1.1\r\n\r\n";

    @Test
    void advance_splitAtEveryPairOfOffsets_endsExactlyAfterTheLastChunk() throws Exception {
        Buffer stream = Buffer.buffer(BODY + NEXT);
        for (int first = 0; first <= stream.length(); first++) {
            for (int second = first; second <= stream.length(); second++) {
                assertThat(consumed(stream, first, second))
                        .as("split at %d and %d", first, second)
                        .isEqualTo(BODY.length());
            }
        }
    }

    @Test
    void advance_bareLineFeeds_areAccepted() throws Exception {
        String body = "3\nabc\n0\n\n";
        ChunkedBodyFraming framing = new ChunkedBodyFraming();

        assertThat(framing.advance(Buffer.buffer(body + "x"), 0)).isEqualTo(body.length());
        assertThat(framing.complete()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\n", "\r\n", "-1\r\n", "1000000000000000\r\n", "3\r\nabcX"})
    void advance_malformed_isBadRequest(String body) {
        assertThatThrownBy(() -> new ChunkedBodyFraming().advance(Buffer.buffer(body), 0))
                .isInstanceOf(RejectedRequestException.class);
    }

    /** Feeds the stream in three pieces, as TCP might, and returns how many bytes the body took. */
    private static int consumed(Buffer stream, int first, int second) throws Exception {
        ChunkedBodyFraming framing = new ChunkedBodyFraming();
        int total = 0;
        for (Buffer piece :
                new Buffer[] {stream.slice(0, first), stream.slice(first, second), stream.slice(second, stream.length())
                }) {
            if (!framing.complete()) {
                total += framing.advance(piece, 0);
            }
        }
        assertThat(framing.complete()).isTrue();
        return total;
    }
}
