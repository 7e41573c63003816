package dev.meridian.core.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.meridian.core.error.GatewayException;
import dev.meridian.core.golden.JsonTrees;
import dev.meridian.core.json.Json;
import dev.meridian.core.model.ChatRequest;
import dev.meridian.core.model.ContentPart;
import dev.meridian.core.model.ImageSource;
import dev.meridian.core.model.Message;
import dev.meridian.core.model.Reasoning;
import dev.meridian.core.model.ResponseFormat;
import dev.meridian.core.model.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What only other protocols produce, so the round trip over OpenAI requests cannot reach it. */
class OpenAiRequestEncoderTest {

    private static final ContentPart IMAGE = new ContentPart.Image(new ImageSource.Url("https://x/y.png"), null, null);

    private static ChatRequest request(
            List<Message> messages, Reasoning reasoning, ResponseFormat format, boolean stream) {
        return new ChatRequest(
                "m", messages, stream, false, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, format, reasoning, null, null, Set.of(), Map.of());
    }

    private static ChatRequest request(Message... messages) {
        return request(List.of(messages), null, null, false);
    }

    private static byte[] encode(ChatRequest r) {
        return new OpenAiRequestEncoder(OpenAiRequestEncoder.TokenLimit.MAX_TOKENS, false, Map.of()).encode(r, "up");
    }

    @ParameterizedTest
    @CsvSource({"0,none", "1,low", "1024,low", "1025,medium", "2048,medium", "2049,high", "32000,high"})
    void effort_budgetOnly_mapsToSmallestCoveringEffort(int budget, String effort) {
        assertThat(OpenAiRequestEncoder.effort(new Reasoning(null, budget))).isEqualTo(effort);
    }

    @Test
    void effort_effortWinsOverBudget() {
        assertThat(OpenAiRequestEncoder.effort(new Reasoning("minimal", 9000))).isEqualTo("minimal");
    }

    @Test
    void encode_schemaWithoutName_isNamedResponse_andStreamWithoutUsage() {
        ResponseFormat schema = new ResponseFormat(
                ResponseFormat.Type.JSON_SCHEMA, null, null, Json.object().put("type", "object"), null);
        byte[] body = encode(request(List.of(Message.of(Role.USER, "hi")), new Reasoning(null, 4096), schema, true));
        JsonTrees.assertMatches("body", """
                {"model":"up","messages":[{"role":"user","content":"hi"}],"reasoning_effort":"high","stream":true,
                 "response_format":{"type":"json_schema","json_schema":{"name":"response","schema":{"type":"object"}}}}""", body);
    }

    @Test
    void encode_assistantWithOnlyReasoning_hasNullContentAndThinkingBlocks() {
        Message m = new Message(Role.ASSISTANT, List.of(new ContentPart.Thinking("t", "sig")), null, null);
        JsonTrees.assertMatches("body", """
                {"model":"up","messages":[{"role":"assistant","content":null,
                  "thinking_blocks":[{"type":"thinking","thinking":"t","signature":"sig"}]}]}""", encode(request(m)));
    }

    @Test
    void encode_emptyUserContent_isEmptyString() {
        JsonTrees.assertMatches(
                "body",
                "{\"model\":\"up\",\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}",
                encode(request(new Message(Role.USER, List.of(), null, null))));
    }

    @Test
    void encode_imageInSystemMessage_isRefusedNamingThePart() {
        Message system = new Message(Role.SYSTEM, List.of(ContentPart.Text.of("a"), IMAGE), null, null);
        assertThatThrownBy(() -> encode(request(system)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("messages[0].content[1]"));
    }

    @Test
    void encode_imageInToolResult_isRefused() {
        Message tool = new Message(Role.TOOL, List.of(IMAGE), null, "call_1");
        assertThatThrownBy(() -> encode(request(Message.of(Role.USER, "q"), tool)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("messages[1].content[0]"));
    }

    @Test
    void encode_reasoningInUserMessage_isRefused() {
        Message user = new Message(Role.USER, List.of(new ContentPart.Thinking("t", null)), null, null);
        assertThatThrownBy(() -> encode(request(user))).isInstanceOf(GatewayException.class);
    }

    @Test
    void encode_imageInAssistantMessage_isRefused() {
        Message assistant = new Message(Role.ASSISTANT, List.of(IMAGE), null, null);
        assertThatThrownBy(() -> encode(request(assistant))).isInstanceOf(GatewayException.class);
    }

    @Test
    void encode_toolResultWithoutCallId_isRefused() {
        Message tool = new Message(Role.TOOL, List.of(ContentPart.Text.of("r")), null, null);
        assertThatThrownBy(() -> encode(request(tool)))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertThat(e.param()).isEqualTo("messages[0].tool_call_id"));
    }

    @Test
    void encode_extraBodyNeverOverridesGatewayFields() {
        byte[] body = new OpenAiRequestEncoder(
                        OpenAiRequestEncoder.TokenLimit.MAX_TOKENS,
                        true,
                        Map.of(
                                "model",
                                IntNode.valueOf(1),
                                "stream",
                                IntNode.valueOf(2),
                                "stream_options",
                                IntNode.valueOf(3),
                                "x",
                                IntNode.valueOf(4)))
                .encode(request(List.of(Message.of(Role.USER, "hi")), null, null, true), "up");
        JsonTrees.assertMatches("body", """
                {"model":"up","messages":[{"role":"user","content":"hi"}],"stream":true,
                 "stream_options":{"include_usage":true},"x":4}""", body);
    }
}
