package dev.meridian.core.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meridian.core.error.ErrorCode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.inbound.InboundRequest;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ChatResponse;
import dev.meridian.core.model.Choice;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.FinishReason;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Role;
import dev.meridian.core.model.StreamEvent;
import dev.meridian.core.model.Usage;
import dev.meridian.core.provider.ProviderSettings;
import dev.meridian.core.provider.openai.OpenAiAdapter;
import dev.meridian.core.sse.SseEvent;
import dev.meridian.core.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The Messages door's pieces that the golden cases do not show: errors, token counting, block making, replay. */
class AnthropicDoorTest {

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void errors_takeAnthropicsTypesAndStatuses() {
        assertThat(typeAndStatus(GatewayException.of(ErrorCode.INVALID_API_KEY, "no")))
                .isEqualTo("authentication_error 401");
        assertThat(typeAndStatus(GatewayException.of(ErrorCode.MODEL_NOT_FOUND, "no")))
                .isEqualTo("not_found_error 404");
        assertThat(typeAndStatus(GatewayException.of(ErrorCode.RATE_LIMITED, "no")))
                .isEqualTo("rate_limit_error 429");
        assertThat(typeAndStatus(GatewayException.of(ErrorCode.BUDGET_EXCEEDED, "no")))
                .isEqualTo("rate_limit_error 429");
        assertThat(typeAndStatus(GatewayException.of(ErrorCode.NO_AVAILABLE_DEPLOYMENT, "no")))
                .isEqualTo("overloaded_error 529");
        assertThat(typeAndStatus(GatewayException.of(ErrorCode.OVERLOADED, "no")))
                .isEqualTo("overloaded_error 529");
        assertThat(typeAndStatus(GatewayException.of(ErrorCode.UPSTREAM_TIMEOUT, "no")))
                .isEqualTo("timeout_error 504");
        assertThat(typeAndStatus(GatewayException.of(ErrorCode.UPSTREAM_ERROR, "no")))
                .isEqualTo("api_error 502");
        assertThat(typeAndStatus(GatewayException.of(ErrorCode.TENANT_INACTIVE, "no")))
                .isEqualTo("permission_error 403");
    }

    @Test
    void errors_nameTheFieldInTheMessage() {
        JsonNode body = parse(AnthropicErrors.encode(GatewayException.invalid("top_k", "must be at least 0")));
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("message").asText()).isEqualTo("top_k: must be at least 0");
        JsonNode named = parse(AnthropicErrors.encode(GatewayException.invalid("top_k", "Invalid 'top_k': no.")));
        assertThat(named.path("error").path("message").asText()).isEqualTo("Invalid 'top_k': no.");
    }

    @Test
    void read_refusesMalformedBodies_namingTheField() {
        assertThatThrownBy(() -> AnthropicMessagesProtocol.INSTANCE.read(bytes("[1]")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_JSON));
        assertThatThrownBy(() -> AnthropicMessagesProtocol.INSTANCE.read(bytes(
                        "{\"model\":\"m\",\"max_tokens\":1,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("messages[0].role"));
        assertThatThrownBy(() -> AnthropicMessagesProtocol.INSTANCE.read(
                        bytes("{\"model\":\"m\",\"max_tokens\":0,\"messages\":[]}")))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("max_tokens"));
    }

    @Test
    void passThrough_forwardsTheBytesAsTheyCame_butTheModel_andInsertsExtraFields() {
        String body = "{ \"max_tokens\" : 10,\n \"model\":\"cl\\u0061ude\", \"temperature\": 0.10000000000000000555,"
                + " \"messages\": [{\"role\":\"user\",\"content\":\"\\u00e9t\u00e9\"}] }";
        AnthropicBody request = (AnthropicBody) AnthropicMessagesProtocol.INSTANCE.read(bytes(body));

        assertThat(new String(request.rewrite("claude-sonnet-4-5", Map.of(), false), StandardCharsets.UTF_8))
                .isEqualTo(body.replace("\"cl\\u0061ude\"", "\"claude-sonnet-4-5\""));
        assertThat(new String(
                        request.rewrite(
                                "m",
                                Map.of("top_k", Json.NODES.numberNode(5), "max_tokens", Json.NODES.numberNode(1)),
                                false),
                        StandardCharsets.UTF_8))
                .isEqualTo("{\"top_k\":5," + body.substring(1).replace("\"cl\\u0061ude\"", "\"m\""));
    }

    @Test
    void promptPrefix_isTheToolsSystemAndEarlierTurns_asTheCallerSentThem() {
        String system = "\"system\":\"" + "You are a careful coding agent. ".repeat(20) + "\"";
        String earlier =
                "{\"role\":\"user\",\"content\":\"read main.py\"}," + "{\"role\":\"assistant\",\"content\":\"done\"},";
        String turn1 = "{\"model\":\"m\",\"max_tokens\":9," + system + ",\"messages\":[" + earlier
                + "{\"role\":\"user\",\"content\":\"now test it\"}]}";
        String turn2 = turn1.replace("now test it", "now ship it");
        String otherSystem = turn1.replace("careful", "hasty");

        byte[] first = prefix(turn1).digest();
        assertThat(prefix(turn2).digest()).isEqualTo(first);
        assertThat(prefix(otherSystem).digest()).isNotEqualTo(first);
        assertThat(prefix(turn1).bytes()).isGreaterThan(600);
        assertThat(AnthropicMessagesProtocol.INSTANCE.read(bytes(turn1)).promptPrefix(100_000))
                .isNull();
    }

    @Test
    void semanticPrompt_isTheMessagesText_withTheSystemInTheExactRest() {
        String body = "{\"model\":\"m\",\"max_tokens\":9,\"system\":\"be brief\",\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is HTTP?\"}]}]}";
        var prompt = AnthropicMessagesProtocol.INSTANCE.read(bytes(body)).semanticPrompt("g");
        var other = AnthropicMessagesProtocol.INSTANCE
                .read(bytes(body.replace("be brief", "be long")))
                .semanticPrompt("g");

        assertThat(prompt.text()).isEqualTo("user: What is HTTP?");
        assertThat(other.text()).isEqualTo(prompt.text());
        assertThat(other.restSha256()).isNotEqualTo(prompt.restSha256());
    }

    private static dev.meridian.core.inbound.PromptPrefix prefix(String body) {
        return AnthropicMessagesProtocol.INSTANCE.read(bytes(body)).promptPrefix(100);
    }

    @Test
    void decode_systemAsBlocks_thinkingWithEmptySignature_toolResultImage() {
        InboundRequest request = AnthropicMessagesProtocol.INSTANCE.read(bytes("""
                {"model":"m","max_tokens":9,"system":[{"type":"text","text":"a"},{"type":"text","text":"b"}],
                 "messages":[
                  {"role":"assistant","content":[{"type":"thinking","thinking":"hm","signature":""},
                    {"type":"tool_use","id":"t1","name":"look","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[
                    {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}]}]}
                """));
        ChatRequest chat = (ChatRequest) request.canonical();
        assertThat(chat.messages()).extracting(Message::role).containsExactly(Role.SYSTEM, Role.ASSISTANT, Role.TOOL);
        assertThat(chat.messages().get(0).content()).hasSize(2);
        assertThat(chat.messages().get(1).content().get(0)).isEqualTo(new ContentPart.Thinking("hm", null));
        assertThat(chat.messages().get(2).toolCallId()).isEqualTo("t1");
        assertThat(chat.messages().get(2).content().get(0)).isInstanceOf(ContentPart.Image.class);
    }

    @Test
    void countTokens_forAnotherProtocol_isCountedLocally_andFree() {
        InboundRequest request = AnthropicCountTokensProtocol.INSTANCE.read(
                bytes("{\"model\":\"gpt\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, Claude\"}]}"));
        OpenAiAdapter openAi =
                new OpenAiAdapter(new ProviderSettings("openai", "k", Map.of(), Map.of(), null, false, true));

        Supplier<InboundRequest.Answer> local = request.localAnswer(openAi, "gpt-4o-mini", false);
        InboundRequest.Answer answer = local.get();
        long tokens = parse(answer.body()).path("input_tokens").asLong();
        // OpenAI's accounting: 3 priming + 3 for the message + "user" + "Hello, Claude" in o200k_base
        assertThat(tokens).isBetween(9L, 12L);
        assertThat(answer.usage()).isEqualTo(Usage.ZERO);
        assertThat(request.localAnswer(openAi, "gpt-4o-mini", true)).isNull();
        assertThat(request.stream()).isFalse();
    }

    @Test
    void streamEncoder_signedThinkingThenTextThenToolCall_makesThreeBlocks() {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamEvent e : List.of(
                new StreamEvent.Started("msg_1", "m", 0),
                new StreamEvent.UsageReported(new Usage(30, 1, 10, 5, 0)),
                new StreamEvent.ReasoningDelta(0, "think"),
                new StreamEvent.ReasoningBlock(0, new ContentPart.Thinking("think", "sig")),
                new StreamEvent.TextDelta(0, "Hi"),
                new StreamEvent.ToolCallDelta(0, 0, "t1", "f", "{\"a\":", null),
                new StreamEvent.ToolCallDelta(0, 0, null, null, "1}", null),
                new StreamEvent.Finished(0, FinishReason.TOOL_CALLS),
                new StreamEvent.UsageReported(new Usage(30, 7, 10, 5, 0)))) {
            out.writeBytes(encoder.encode(e));
        }
        out.writeBytes(encoder.finish(null));
        List<SseEvent> events = events(out.toByteArray());

        assertThat(events)
                .extracting(SseEvent::event)
                .containsExactly(
                        "message_start",
                        "content_block_start",
                        "ping",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_stop",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");
        JsonNode start = parse(events.get(0).data()).path("message").path("usage");
        assertThat(start.path("input_tokens").asLong())
                .as("input less the cache's")
                .isEqualTo(15);
        assertThat(start.path("cache_read_input_tokens").asLong()).isEqualTo(10);
        assertThat(parse(events.get(4).data()).path("delta").path("signature").asText())
                .isEqualTo("sig");
        JsonNode delta = parse(events.get(13).data());
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("tool_use");
        assertThat(delta.path("usage").path("output_tokens").asLong()).isEqualTo(7);
    }

    @Test
    void replay_ofACachedAnswer_isAnAnthropicStream() {
        ChatResponse answer = new ChatResponse(
                "msg_1",
                "m",
                0,
                List.of(new Choice(0, Message.of(Role.ASSISTANT, "cached"), FinishReason.STOP)),
                new Usage(4, 2, 0, 0, 0),
                null);
        InboundRequest request = AnthropicMessagesProtocol.INSTANCE.read(
                bytes("{\"model\":\"m\",\"max_tokens\":9,\"stream\":true,\"messages\":[]}"));
        InboundRequest.Replay replay = request.replay(answer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        replay.chunks().forEach(c -> replay.translator().onBytes(c, out::writeBytes));
        replay.translator().onEnd(out::writeBytes);

        List<SseEvent> events = events(out.toByteArray());
        assertThat(events.get(0).event()).isEqualTo("message_start");
        assertThat(events.get(events.size() - 1).event()).isEqualTo("message_stop");
        assertThat(replay.translator().usage()).isEqualTo(new Usage(4, 2, 0, 0, 0));
        assertThat(AnthropicMessagesProtocol.INSTANCE
                        .decodeAnswer(AnthropicMessagesProtocol.INSTANCE.encodeAnswer(answer))
                        .choices()
                        .get(0)
                        .message()
                        .text())
                .isEqualTo("cached");
    }

    private static String typeAndStatus(GatewayException e) {
        return parse(AnthropicErrors.encode(e)).path("error").path("type").asText() + " " + AnthropicErrors.status(e);
    }

    private static List<SseEvent> events(byte[] stream) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(false);
        parser.feed(stream, events::add);
        return events;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return Json.parse(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
