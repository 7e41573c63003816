package dev.meridian.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    private static final String ANTHROPIC = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1"}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

            """;

    @Test
    void parse_namedEventsWithData() {
        List<SseEvent> events = parseWhole(ANTHROPIC, false);
        assertThat(events).extracting(SseEvent::event).containsExactly("message_start", "ping", "content_block_delta");
        assertThat(events.get(1).dataAsString()).isEqualTo("{\"type\": \"ping\"}");
        assertThat(events.get(0).raw()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void parse_everyLineEnding(String eol) {
        String stream = "data: one\n\ndata: two\ndata: lines\n\n".replace("\n", eol);
        assertThat(parseWhole(stream, false)).extracting(SseEvent::dataAsString).containsExactly("one", "two\nlines");
    }

    @Test
    void parse_commentsIgnoredAndSingleLeadingSpaceDropped() {
        List<SseEvent> events = parseWhole(": keep-alive\ndata:  two spaces\nid: 7\nretry: 10\n\n", false);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).dataAsString()).isEqualTo(" two spaces");
        assertThat(events.get(0).id()).isEqualTo("7");
    }

    @Test
    void parse_fieldWithoutColonAndEmptyData() {
        List<SseEvent> events = parseWhole("data\n\ndata:\n\n", false);
        assertThat(events).extracting(SseEvent::dataAsString).containsExactly("", "");
    }

    @Test
    void parse_leadingBomSkippedOnlyAtStart() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "data: x\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] stream = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, stream, 0, 3);
        System.arraycopy(body, 0, stream, 3, body.length);
        for (int cut = 0; cut <= stream.length; cut++) {
            assertThat(feed(List.of(Arrays.copyOf(stream, cut), Arrays.copyOfRange(stream, cut, stream.length)), false))
                    .extracting(SseEvent::dataAsString)
                    .containsExactly("x");
        }
    }

    @Test
    void parse_doneMarker() {
        assertThat(parseWhole("data: [DONE]\n\n", false).get(0).isDone()).isTrue();
        assertThat(parseWhole("data: [DONE] \n\n", false).get(0).isDone()).isFalse();
    }

    @Test
    void finish_reportsAnEventCutBeforeItsBlankLine() {
        SseParser parser = new SseParser(false);
        List<SseEvent> events = new ArrayList<>();
        parser.feed("data: complete\n\ndata: cut".getBytes(StandardCharsets.UTF_8), events::add);
        assertThat(events).hasSize(1);
        assertThat(parser.finish()).isTrue();

        SseParser clean = new SseParser(false);
        clean.feed("data: complete\n\n".getBytes(StandardCharsets.UTF_8), e -> {});
        assertThat(clean.finish()).isFalse();
    }

    @Test
    void raw_concatenationReproducesTheStreamExactly() {
        String stream = ": comment\r\n\r\n" + ANTHROPIC.replace("\n", "\r\n") + "data: tail\n\n";
        List<SseEvent> events = parseWhole(stream, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.forEach(e -> out.writeBytes(e.raw()));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(stream);
        assertThat(events.get(0).hasData())
                .as("a comment-only block is reported for forwarding")
                .isFalse();
    }

    @Test
    void split_atEveryByteOffset_givesTheSameEvents() {
        String stream = ANTHROPIC.replace("\n", "\r\n") + "data: 多字节 ✓\r\n\r\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<String> whole = describe(feed(List.of(bytes), true));
        for (int cut = 0; cut <= bytes.length; cut++) {
            for (int cut2 = cut; cut2 <= bytes.length; cut2 += 7) {
                List<byte[]> chunks = List.of(
                        Arrays.copyOf(bytes, cut),
                        Arrays.copyOfRange(bytes, cut, cut2),
                        Arrays.copyOfRange(bytes, cut2, bytes.length));
                assertThat(describe(feed(chunks, true)))
                        .as("cut at %d and %d", cut, cut2)
                        .isEqualTo(whole);
            }
        }
    }

    @Test
    void split_rawBytesStillReproduceTheStreamWhenCrlfIsSplit() {
        byte[] bytes = "data: a\r\n\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            feed(List.of(Arrays.copyOf(bytes, cut), Arrays.copyOfRange(bytes, cut, bytes.length)), true)
                    .forEach(e -> out.writeBytes(e.raw()));
            assertThat(out.toByteArray()).as("cut at %d", cut).isEqualTo(bytes);
        }
    }

    private static List<String> describe(List<SseEvent> events) {
        return events.stream()
                .filter(SseEvent::hasData)
                .map(e -> e.event() + "|" + e.dataAsString() + "|" + e.id())
                .toList();
    }

    private static List<SseEvent> parseWhole(String stream, boolean raw) {
        return feed(List.of(stream.getBytes(StandardCharsets.UTF_8)), raw);
    }

    private static List<SseEvent> feed(List<byte[]> chunks, boolean raw) {
        SseParser parser = new SseParser(raw);
        List<SseEvent> events = new ArrayList<>();
        for (byte[] chunk : chunks) {
            parser.feed(chunk, events::add);
        }
        return events;
    }
}
