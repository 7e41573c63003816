package dev.meridian.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.protocol.openai.OpenAiStreamEncoder;
import dev.meridian.core.provider.ChatStreamDecoder;
import dev.meridian.core.sse.SseEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The generic translated stream: decoder → filters in order → the caller's encoder, one event at a time, with the
 * usage meter first. A provider here is a tiny line protocol ({@code start}, {@code text:...}, {@code usage:i/o},
 * {@code stop}) so that only the chain is under test.
 */
class TranslatedStreamTest {

    private static final String PROVIDER_STREAM = """
            data: start

            data: text:hello

            data: text: world

            data: stop

            data: usage:7/2

            """;

    /** The tiny protocol's decoder. */
    private static final class LineDecoder implements ChatStreamDecoder {
        @Override
        public void decode(SseEvent event, Consumer<StreamEvent> out) {
            String data = event.dataAsString();
            if (data.equals("start")) {
                out.accept(new StreamEvent.Started("id-1", "line-model", 1));
            } else if (data.startsWith("text:")) {
                out.accept(new StreamEvent.TextDelta(0, data.substring(5)));
            } else if (data.equals("stop")) {
                out.accept(new StreamEvent.Finished(0, FinishReason.STOP));
            } else if (data.startsWith("usage:")) {
                String[] io = data.substring(6).split("/");
                out.accept(new StreamEvent.UsageReported(
                        new Usage(Long.parseLong(io[0]), Long.parseLong(io[1]), 0, 0, 0)));
            }
        }

        @Override
        public void end(Consumer<StreamEvent> out) {}
    }

    /** Rewrites text, as PII restoration will. */
    private static final StreamFilter UPPER = (event, next) -> next.accept(
            event instanceof StreamEvent.TextDelta t
                    ? new StreamEvent.TextDelta(t.choice(), t.text().toUpperCase(Locale.ROOT))
                    : event);

    /** Writes down what reaches it, and hands on one more event at the end, as an assembling filter might. */
    private static final class Recorder implements StreamFilter {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onEvent(StreamEvent event, Consumer<StreamEvent> next) {
            seen.add(event.getClass().getSimpleName()
                    + (event instanceof StreamEvent.TextDelta t ? "(" + t.text() + ")" : ""));
            next.accept(event);
        }

        @Override
        public void onEnd(Consumer<StreamEvent> next) {
            seen.add("end");
            next.accept(new StreamEvent.TextDelta(0, "!"));
        }
    }

    private static String run(StreamTranslator translator) {
        byte[] bytes = PROVIDER_STREAM.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Split at every byte: events arrive however the network cuts them.
        for (byte b : bytes) {
            translator.onBytes(new byte[] {b}, out::writeBytes);
        }
        translator.onEnd(out::writeBytes);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void filters_runInOrder_andTheLastSeesWhatTheEarlierOnesMade() {
        Recorder recorder = new Recorder();
        TranslatedStream stream =
                new TranslatedStream(new LineDecoder(), List.of(UPPER, recorder), new OpenAiStreamEncoder(true));

        String caller = run(stream);

        assertThat(recorder.seen)
                .containsExactly(
                        "Started", "TextDelta(HELLO)", "TextDelta( WORLD)", "Finished", "UsageReported", "end");
        assertThat(caller)
                .contains("\"content\":\"HELLO\"")
                .contains("\"content\":\" WORLD\"")
                .contains("\"content\":\"!\"")
                .doesNotContain("hello")
                .contains("\"prompt_tokens\":7")
                .endsWith("data: [DONE]\n\n");
    }

    @Test
    void usageMeter_comesFirst_andReadsWhatTheProviderSent() {
        TranslatedStream stream = new TranslatedStream(new LineDecoder(), List.of(), new OpenAiStreamEncoder(false));

        assertThat(stream.contentStarted()).isFalse();
        String caller = run(stream);

        assertThat(stream.usage()).isEqualTo(new Usage(7, 2, 0, 0, 0));
        assertThat(stream.model()).isEqualTo("line-model");
        assertThat(stream.contentStarted()).isTrue();
        assertThat(caller).doesNotContain("prompt_tokens").endsWith("data: [DONE]\n\n");
    }
}
