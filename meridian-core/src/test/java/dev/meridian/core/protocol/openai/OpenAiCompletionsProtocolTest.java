package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Operation;
import dev.meridian.core.model.Param;
import dev.meridian.core.model.Role;
import dev.meridian.core.model.Usage;
import dev.meridian.core.relay.StreamTranslator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The legacy completions door at the edge: what it reads, what it refuses (naming the field), that it never passes
 * through, and its answers as the cache stores and replays them. The translation per provider is pinned by
 * {@code CompletionsGoldenTest}.
 */
class OpenAiCompletionsProtocolTest {

    private static final ChatResponse ANSWER = new ChatResponse(
            "cmpl-1",
            "gpt-3.5-turbo-instruct",
            1700000000L,
            List.of(new Choice(0, Message.of(Role.ASSISTANT, "This is a test."), FinishReason.LENGTH)),
            new Usage(5, 7, 0, 0, 0),
            null);

    private static InboundRequest read(String json) {
        return OpenAiCompletionsProtocol.INSTANCE.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void read_promptBecomesOneUserMessage_andTheDoorServesChat() {
        InboundRequest request = read("{\"model\":\"gpt\",\"prompt\":\"Say this is a test\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"max_tokens\":7,\"temperature\":0}");

        ChatRequest chat = (ChatRequest) request.canonical();
        assertThat(request.model()).isEqualTo("gpt");
        assertThat(request.stream()).isTrue();
        assertThat(request.passThroughAllowed()).isFalse();
        assertThat(request.protocol().operation()).isEqualTo(Operation.CHAT);
        assertThat(chat.messages()).containsExactly(Message.of(Role.USER, "Say this is a test"));
        assertThat(chat.includeUsage()).isTrue();
        assertThat(chat.maxOutputTokens()).isEqualTo(7);
        assertThat(chat.temperature()).isEqualTo(0.0);
    }

    @Test
    void read_withoutMaxTokens_keepsTheLegacyDefaultOf16() {
        ChatRequest chat =
                (ChatRequest) read("{\"model\":\"gpt\",\"prompt\":[\"Once\"]}").canonical();

        assertThat(chat.maxOutputTokens()).isEqualTo(16);
        assertThat(chat.params()).contains(Param.MAX_TOKENS);
        assertThat(chat.messages().get(0).text()).isEqualTo("Once");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"model\":\"gpt\"}                                          | prompt",
                "{\"model\":\"gpt\",\"prompt\":\"\"}                          | prompt",
                "{\"model\":\"gpt\",\"prompt\":[]}                            | prompt",
                "{\"model\":\"gpt\",\"prompt\":[\"a\",\"b\"]}                 | prompt",
                "{\"model\":\"gpt\",\"prompt\":[1,2,3]}                       | prompt",
                "{\"model\":\"gpt\",\"prompt\":[[1],[2]]}                     | prompt",
                "{\"model\":\"gpt\",\"prompt\":7}                             | prompt",
                "{\"prompt\":\"hi\"}                                          | model",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"max_tokens\":0}       | max_tokens",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"temperature\":3}      | temperature",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"n\":\"2\"}            | n",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"stop\":[1]}            | stop[0]",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"stream\":\"yes\"}     | stream",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"stream_options\":{}}  | stream_options",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"suffix\":\"end\"}     | suffix",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"echo\":true}          | echo",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"logprobs\":0}         | logprobs",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"logprobs\":9}         | logprobs",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"best_of\":2}          | best_of",
                "{\"model\":\"gpt\",\"prompt\":\"hi\",\"n\":3,\"best_of\":2}  | best_of",
            })
    void read_refusesWhatItCannotHonour_namingTheField(String body, String param) {
        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo(param);
        });
    }

    @Test
    void read_acceptsTheNoOpFormsOfTheLegacyFields() {
        ChatRequest chat = (ChatRequest) read("{\"model\":\"gpt\",\"prompt\":\"hi\",\"suffix\":null,\"echo\":false,"
                        + "\"logprobs\":null,\"n\":2,\"best_of\":2}")
                .canonical();

        assertThat(chat.n()).isEqualTo(2);
        assertThat(chat.unknown()).isEmpty();
    }

    @Test
    void read_refusesABodyThatIsNotJson() {
        assertThatThrownBy(() -> read("{\"model\":"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void answer_asCached_readsBackUnchanged() throws Exception {
        byte[] body = OpenAiCompletionsProtocol.INSTANCE.encodeAnswer(ANSWER);

        assertThat(Json.parse(body).path("object").asText()).isEqualTo("text_completion");
        assertThat(Json.parse(body).path("choices").get(0).path("finish_reason").asText())
                .isEqualTo("length");
        assertThat(OpenAiCompletionsProtocol.INSTANCE.decodeAnswer(body)).isEqualTo(ANSWER);
    }

    @Test
    void decodeAnswer_refusesAChatCompletion() {
        byte[] chat = OpenAiResponseEncoder.encode(ANSWER);

        assertThatThrownBy(() -> OpenAiCompletionsProtocol.INSTANCE.decodeAnswer(chat))
                .isInstanceOf(GatewayException.class);
    }

    @Test
    void replay_withoutUsageAsked_sendsTextAndDoneOnly() {
        String stream = replayed("{\"model\":\"gpt\",\"prompt\":\"hi\",\"stream\":true}");

        assertThat(stream).contains("\"text\":\"This is a test.\"", "\"finish_reason\":\"length\"", "data: [DONE]");
        assertThat(stream).doesNotContain("usage");
    }

    @Test
    void replay_withUsageAsked_endsWithAFreeUsageChunk() {
        String stream = replayed("{\"model\":\"gpt\",\"prompt\":\"hi\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}");

        assertThat(stream).contains("\"choices\":[],\"usage\":{\"prompt_tokens\":5", "\"cost_usd\":0");
    }

    @Test
    void fingerprint_differsFromTheSameFieldsAtTheChatDoor() {
        String completions =
                read("{\"model\":\"gpt\",\"prompt\":\"hi\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                        .fingerprint("g")
                        .sha256();
        String chat = OpenAiChatProtocol.INSTANCE
                .read("{\"model\":\"gpt\",\"prompt\":\"hi\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                        .getBytes(StandardCharsets.UTF_8))
                .fingerprint("g")
                .sha256();

        assertThat(completions).isNotEqualTo(chat);
    }

    private static String replayed(String body) {
        InboundRequest.Replay replay = read(body).replay(ANSWER);
        StreamTranslator relay = replay.translator();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        replay.chunks().forEach(chunk -> relay.onBytes(chunk, out::writeBytes));
        relay.onEnd(out::writeBytes);
        assertThat(relay.usage()).isEqualTo(ANSWER.usage());
        return out.toString(StandardCharsets.UTF_8);
    }
}
