package dev.meridian.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.simulator.engine.Completion.Choice;
import dev.meridian.simulator.engine.Completion.Finish;
import dev.meridian.simulator.engine.Conversation.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyEngineTest {

    private static Conversation.Builder conversation(String text) {
        return Conversation.builder("m").lastUserText(text);
    }

    private static Choice answer(Conversation c, Directives d) {
        return ReplyEngine.complete(c, d).choices().get(0);
    }

    @Test
    void complete_echoesTheFirst80CharactersOfTheUserText() {
        String text = "x".repeat(100);

        Choice choice = answer(conversation(text).build(), Directives.NONE);

        assertThat(((Completion.Text) choice.output()).text())
                .isEqualTo("Simulated reply from m to: " + "x".repeat(80));
        assertThat(choice.finish()).isEqualTo(Finish.STOP);
    }

    @Test
    void complete_toolsOffered_callsNamedOrFirstToolUnlessNone() {
        Conversation.Tool a = new Conversation.Tool("a", Json.object());
        Conversation.Tool b = new Conversation.Tool("b", Json.object());

        Choice first = answer(conversation("x").tool(a).tool(b).build(), Directives.NONE);
        Choice named = answer(
                conversation("x")
                        .tool(a)
                        .tool(b)
                        .toolChoice(new ToolChoice.Named("b"))
                        .build(),
                Directives.NONE);
        Choice none =
                answer(conversation("x").tool(a).toolChoice(ToolChoice.NONE).build(), Directives.NONE);
        Choice afterResult = answer(
                conversation("x")
                        .tool(a)
                        .toolResult(new Conversation.ToolResult("a", "42"))
                        .build(),
                Directives.NONE);

        assertThat(((Completion.ToolCall) first.output()).name()).isEqualTo("a");
        assertThat(first.finish()).isEqualTo(Finish.TOOL_CALL);
        assertThat(((Completion.ToolCall) named.output()).name()).isEqualTo("b");
        assertThat(none.output()).isInstanceOf(Completion.Text.class);
        assertThat(((Completion.Text) afterResult.output()).text()).isEqualTo("Tool a returned: 42");
    }

    @Test
    void complete_stopSequenceWinsOverLength() {
        Choice choice = answer(
                conversation("x")
                        .stopSequences(List.of("zzz", "reply"))
                        .maxTokens(1)
                        .build(),
                Directives.NONE);

        assertThat(((Completion.Text) choice.output()).text()).isEqualTo("Simulated ");
        assertThat(choice.finish()).isEqualTo(Finish.STOP_SEQUENCE);
        assertThat(choice.stopSequence()).hasValue("reply");
    }

    @Test
    void complete_tokensDirective_givesExactlyThatManyTokens() {
        Choice choice = answer(conversation("x").build(), Directives.NONE.withTokens(37));

        assertThat(choice.outputTokens()).isEqualTo(37);
    }

    @Test
    void complete_thinkingAndSafety() {
        Choice thinking = answer(conversation("why").thinking(true).build(), Directives.NONE);
        Choice refused = answer(conversation("why").build(), Directives.NONE.withSafety());

        assertThat(thinking.thinking()).hasValue("Simulated thinking about: why");
        assertThat(thinking.thinkingTokens()).isEqualTo(8);
        assertThat(refused.finish()).isEqualTo(Finish.CONTENT_FILTER);
    }

    @Test
    void tokens_countUtf8BytesOverFour() {
        assertThat(Tokens.count("")).isZero();
        assertThat(Tokens.count("a")).isEqualTo(1);
        assertThat(Tokens.count("abcde")).isEqualTo(2);
        assertThat(Tokens.count("é€😀")).isEqualTo(3);
        assertThat(Tokens.truncate("é€😀x", 2).getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(8);
    }

    @Test
    void textChunks_reassembleToTheText() {
        String text = " Simulated  reply\nfrom x ";

        assertThat(String.join("", TextChunks.words(text))).isEqualTo(text);
        assertThat(TextChunks.words("a b")).containsExactly("a", " b");
        assertThat(String.join("", TextChunks.fixed("{\"a\":\"😀😀\"}", 3))).isEqualTo("{\"a\":\"😀😀\"}");
    }

    @Test
    void signer_detectsEditedThinkingAndRedactedData() {
        String signature = Signer.thinkingSignature("plan");
        String data = Signer.redactedData("plan");

        assertThat(Signer.verifyThinking("plan", signature)).isTrue();
        assertThat(Signer.verifyThinking("plan!", signature)).isFalse();
        assertThat(Signer.verifyRedacted(data)).isTrue();
        assertThat(Signer.verifyRedacted("A" + data.substring(1))).isFalse();
        assertThat(Signer.verifyRedacted("not base64!")).isFalse();
    }

    @Test
    void sseEvent_encodesWithTheProvidersLineEnds() {
        SseEvent event = SseEvent.named("ping", "{}");

        assertThat(new String(event.encode(SseEvent.Framing.LF), StandardCharsets.UTF_8))
                .isEqualTo("event: ping\ndata: {}\n\n");
        assertThat(new String(SseEvent.data("{}").encode(SseEvent.Framing.CRLF), StandardCharsets.UTF_8))
                .isEqualTo("data: {}\r\n\r\n");
    }
}
