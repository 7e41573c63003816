package dev.meridian.core.protocol.openai.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.inbound.StatefulRequest;
import dev.meridian.core.inbound.StoredResponse;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.Role;
import dev.meridian.core.provider.PromptCaching;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.UpstreamRequest;
import dev.meridian.core.provider.anthropic.AnthropicAdapter;
import dev.meridian.core.provider.openai.OpenAiAdapter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsesProtocolTest {

    private static final OpenAiAdapter RESPONSES_OPENAI =
            new OpenAiAdapter(new ProviderSettings("openai", "k", Map.of(), Map.of(), null, false, true, true));
    private static final OpenAiAdapter CHAT_ONLY_OPENAI = new OpenAiAdapter(ProviderSettings.of("chat-only", "k"));
    private static final AnthropicAdapter ANTHROPIC = new AnthropicAdapter(ProviderSettings.of("anthropic", "k"));

    private static InboundRequest read(String json) {
        return ResponsesProtocol.INSTANCE.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"model\":\"m\"}                                                   | input",
                "{\"input\":\"hi\"}                                                  | model",
                "{\"model\":\"m\",\"input\":7}                                       | input",
                "{\"model\":\"m\",\"input\":[1]}                                     | input[0]",
                "{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]} | input[0].type",
                "{\"model\":\"m\",\"input\":[{\"type\":\"function_call\",\"name\":\"f\",\"arguments\":\"{}\"}]} | input[0].call_id",
                "{\"model\":\"m\",\"input\":[{\"role\":\"robot\",\"content\":\"x\"}]}   | input[0].role",
                "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\"}]}]} | input[0].content[0].type",
                "{\"model\":\"m\",\"input\":\"hi\",\"tools\":{}}                     | tools",
                "{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\"}]} | tools[0].name",
                "{\"model\":\"m\",\"input\":\"hi\",\"temperature\":3}                | temperature",
                "{\"model\":\"m\",\"input\":\"hi\",\"max_output_tokens\":0}          | max_output_tokens",
                "{\"model\":\"m\",\"input\":\"hi\",\"stream\":\"yes\"}               | stream",
                "{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"yaml\"}}} | text.format.type",
                "{\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":\"sometimes\"}    | tool_choice",
                "{\"model\":\"m\",\"input\":\"hi\",\"previous_response_id\":5}       | previous_response_id",
            })
    void read_malformedField_is400NamingIt(String body, String param) {
        assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo(param);
        });
    }

    @Test
    void read_notJson_isInvalidJson() {
        assertThatThrownBy(() -> read("{\"model\":"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON));
        assertThatThrownBy(() -> read("[]"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON));
    }

    @Test
    void canonical_instructionsItemsAndParameters() {
        ChatRequest chat = (ChatRequest) read("""
                {"model":"m","instructions":"be brief","max_output_tokens":50,"top_p":0.5,
                 "input":[{"role":"user","content":"weather?"},
                          {"type":"function_call","call_id":"c1","name":"get","arguments":"{}"},
                          {"type":"function_call_output","call_id":"c1","output":"sunny"}],
                 "tools":[{"type":"function","name":"get","parameters":{"type":"object"}}],
                 "tool_choice":{"type":"function","name":"get"}}
                """).canonical();

        assertThat(chat.messages())
                .extracting(m -> m.role())
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL);
        assertThat(chat.messages().get(2).toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("c1");
            assertThat(c.name()).isEqualTo("get");
        });
        assertThat(chat.messages().get(3).toolCallId()).isEqualTo("c1");
        assertThat(chat.maxOutputTokens()).isEqualTo(50);
        assertThat(chat.topP()).isEqualTo(0.5);
        assertThat(chat.tools())
                .singleElement()
                .satisfies(t -> assertThat(t.name()).isEqualTo("get"));
        assertThat(chat.toolChoice().name()).isEqualTo("get");
    }

    @Test
    void builtInTool_refusedOnTranslation_passedToADeploymentServingResponses() {
        InboundRequest request = read("{\"model\":\"m\",\"input\":\"news?\",\"tools\":[{\"type\":\"web_search\"}]}");

        assertThatThrownBy(() -> request.upstreamRequest(ANTHROPIC, "claude", false, PromptCaching.OFF))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo("tools[0].type");
                    assertThat(e.getMessage()).contains("web_search");
                });
        assertThatThrownBy(() -> request.upstreamRequest(CHAT_ONLY_OPENAI, "gpt", false, PromptCaching.OFF))
                .isInstanceOf(GatewayException.class);
        UpstreamRequest upstream = request.upstreamRequest(RESPONSES_OPENAI, "gpt-4.1", false, PromptCaching.OFF);
        assertThat(upstream.path()).isEqualTo("/responses");
        assertThat(Json.parseTrusted(new String(upstream.body(), StandardCharsets.UTF_8))
                        .path("tools"))
                .hasSize(1);
    }

    @Test
    void unknownField_refusedOnTranslationNamingIt() {
        InboundRequest request = read("{\"model\":\"m\",\"input\":\"hi\",\"background\":true}");

        assertThatThrownBy(() -> request.upstreamRequest(ANTHROPIC, "claude", false, PromptCaching.OFF))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("background"));
    }

    @Test
    void continueFrom_putsTheStoredConversationBeforeTheInput_onBothPaths() {
        InboundRequest request = read(
                "{\"model\":\"m\",\"instructions\":\"sys\",\"previous_response_id\":\"resp_1\",\"input\":\"again\"}");
        StatefulRequest stateful = (StatefulRequest) request;
        assertThat(stateful.previousResponseId()).isEqualTo("resp_1");
        stateful.continueFrom(new StoredResponse(
                "resp_1",
                "m",
                1,
                "{}".getBytes(StandardCharsets.UTF_8),
                ("[{\"type\":\"message\",\"role\":\"user\",\"content\":\"first\"},"
                                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                                + "\"text\":\"answer\"}]}]")
                        .getBytes(StandardCharsets.UTF_8)));

        ChatRequest chat = (ChatRequest) request.canonical();
        assertThat(chat.messages()).extracting(m -> m.text()).containsExactly("sys", "first", "answer", "again");
        JsonNode passed = Json.parseTrusted(new String(
                request.upstreamRequest(RESPONSES_OPENAI, "gpt-4.1", false, PromptCaching.OFF)
                        .body(),
                StandardCharsets.UTF_8));
        assertThat(passed.has("previous_response_id")).isFalse();
        assertThat(passed.path("input")).hasSize(3);
        assertThat(passed.path("input").get(2).path("content").asText()).isEqualTo("again");
    }

    @Test
    void stored_isTheConversationEndingWithTheOutput() {
        StatefulRequest request = (StatefulRequest) read("{\"model\":\"m\",\"input\":\"hi\"}");

        StoredResponse stored = request.stored(
                "{\"id\":\"resp_9\",\"model\":\"gpt\",\"created_at\":5,\"output\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hello\"}]}]}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(stored.id()).isEqualTo("resp_9");
        assertThat(stored.model()).isEqualTo("gpt");
        JsonNode items = Json.parseTrusted(new String(stored.items(), StandardCharsets.UTF_8));
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("content").asText()).isEqualTo("hi");
        assertThat(items.get(1).path("content").get(0).path("text").asText()).isEqualTo("hello");
    }

    @Test
    void reasoningItem_becomesThinkingWithItsSignature_orRedactedThinking() {
        ChatRequest chat = (ChatRequest) read("""
                {"model":"m","input":[{"role":"user","content":"q"},
                  {"type":"reasoning","summary":[{"type":"summary_text","text":"thought"}],"encrypted_content":"sig"},
                  {"type":"reasoning","summary":[],"encrypted_content":"opaque"},
                  {"role":"assistant","content":"a"}]}
                """).canonical();

        assertThat(chat.messages().get(1).content())
                .containsExactly(
                        new ContentPart.Thinking("thought", "sig"),
                        new ContentPart.RedactedThinking("opaque"),
                        ContentPart.Text.of("a"));
    }

    @Test
    void answers_areNeverCached() {
        assertThat(read("{\"model\":\"m\",\"input\":\"hi\"}").cacheable()).isFalse();
    }
}
